import { SingleBar } from 'cli-progress';
import type { CliIo } from './io.js';
import { printable } from './terminalText.js';

export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/** A progress bar on a terminal; silent when output is piped or JSON. */
export function progress(io: CliIo, total: number, title: string, enabled: boolean): Progress {
  if (!enabled || !io.stderr.isTTY || total < 2) return { tick() {}, stop() {} };
  const bar = new SingleBar({
    stream: io.stderr as NodeJS.WriteStream,
    format: `${title} [{bar}] {value}/{total} {label}`,
    hideCursor: true,
  });
  bar.start(total, 0, { label: '' });
  return { tick: (label) => bar.increment(1, { label: printable(label) }), stop: () => bar.stop() };
}

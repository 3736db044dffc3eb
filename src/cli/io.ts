import type { Language, Translate } from '../i18n/index.js';
import { printable } from './terminalText.js';

/** What a CLI run reads and writes; tests pass their own. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

/** Global options every subcommand sees. */
export interface GlobalOptions {
  data?: string;
  /** A PostgreSQL URL: the team store instead of the data folder. */
  database?: string;
  allowPlaintextDatabase?: boolean;
  json?: boolean;
  coder?: string;
  lang?: Language;
}

export interface Output {
  t: Translate;
  json: boolean;
  /** Prints `value` as JSON with --json, else the human line(s) from `human`, made printable. */
  result(value: unknown, human: () => string | string[]): void;
  warn(line: string): void;
}

export function makeOutput(io: CliIo, t: Translate, json: boolean): Output {
  return {
    t,
    json,
    result(value, human) {
      if (json) {
        io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
        return;
      }
      const lines = human();
      io.stdout.write(`${printable(Array.isArray(lines) ? lines.join('\n') : lines)}\n`);
    },
    warn(line) {
      io.stderr.write(`koda: ${printable(line)}\n`);
    },
  };
}

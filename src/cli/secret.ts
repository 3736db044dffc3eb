import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIo } from './io.js';

/** Asks for a passphrase on the terminal without echoing it; undefined without a terminal. */
export async function askSecret(io: CliIo, question: string): Promise<string | undefined> {
  if (!io.stdin.isTTY) return undefined;
  io.stderr.write(question);
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  const rl = createInterface({ input: io.stdin, output: muted, terminal: true });
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  io.stderr.write('\n');
  return answer;
}

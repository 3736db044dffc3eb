import { createInterface } from 'node:readline/promises';
import { KodaError } from '../core/errors.js';
import type { CliIo } from './io.js';
import { printable } from './terminalText.js';

/**
 * Asks before destroying data. `--yes` skips the question; without a terminal to ask on,
 * the command is refused rather than run unconfirmed.
 */
export async function confirm(io: CliIo, question: string, yes: boolean | undefined): Promise<void> {
  if (yes) return;
  if (!io.stdin.isTTY) throw new KodaError('cli.confirm-needed');
  const rl = createInterface({ input: io.stdin, output: io.stderr });
  const answer = (await rl.question(printable(question))).trim().toLowerCase();
  rl.close();
  if (!['y', 'yes', 'j', 'ja'].includes(answer)) throw new KodaError('cli.cancelled');
}

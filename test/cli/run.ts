import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

/**
 * Runs the CLI in-process on a data folder, or on a test store (test/helpers.ts, on the engine
 * under test), and returns its exit code and output.
 */
export async function koda(
  store: string | { dir: string; database?: string },
  args: string[],
  env: Record<string, string> = {},
  /** What the command reads on standard input (a password for --password-stdin). */
  input = '',
) {
  const { dir, database } = typeof store === 'string' ? { dir: store, database: undefined } : store;
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(args, {
    stdout: sink((s) => {
      stdout += s;
    }),
    stderr: sink((s) => {
      stderr += s;
    }),
    stdin: Readable.from(input ? [input] : []),
    env: { KODA_DATA: dir, ...(database ? { KODA_DATABASE_URL: database } : {}), KODA_LANG: 'en', KODA_CODER: 'anna', ...env },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

import { Readable, Writable } from 'node:stream';
import { runCli } from '../../src/cli/main.js';

/** Runs the CLI in-process on a data folder and returns its exit code and output. */
export async function koda(dataDir: string, args: string[], env: Record<string, string> = {}) {
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
    stdin: Readable.from([]),
    env: { KODA_DATA: dataDir, KODA_LANG: 'en', KODA_CODER: 'anna', ...env },
  });
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { transcript } from './generate.js';
import { finished, spawnKoda } from './processes.js';
import { PROJECT } from './seed.js';
import { countRows } from './store.js';

export interface BatchFile {
  path: string;
  /** The source name Koda gives it: the file name without extension. */
  name: string;
  text: string;
}

/** `count` transcripts with distinct texts, named `<prefix>-01.txt` …, written to `dir`. */
export async function writeBatch(dir: string, prefix: string, count: number, chars: number, seed: number): Promise<BatchFile[]> {
  const files: BatchFile[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${String(i + 1).padStart(2, '0')}`;
    const text = transcript(chars, seed + i);
    const path = join(dir, `${name}.txt`);
    await writeFile(path, text);
    files.push({ path, name, text });
  }
  return files;
}

export interface KilledImport {
  /** Whether the import was still running when killed (else it had finished). */
  killed: boolean;
  /** Sources added when the kill was sent (as counted beside the writer). */
  addedAtKill: number;
  /** Source names the CLI had reported as imported before it died. */
  acknowledged: string[];
  code: number | null;
}

/**
 * Runs `koda source import` of `files` and kill -9s it once `killAfter` sources have been
 * added (counted through a read-only connection beside the writer).
 */
export async function importAndKill(dataDir: string, files: BatchFile[], killAfter: number): Promise<KilledImport> {
  const before = Math.max(0, countRows(dataDir, 'sources'));
  const child = spawnKoda(['--data', dataDir, 'source', 'import', '--project', PROJECT, ...files.map((f) => f.path)]);
  const exit = finished(child, 300_000);
  let added = 0;
  while (child.exitCode === null && child.signalCode === null) {
    added = countRows(dataDir, 'sources') - before;
    if (added >= killAfter) break;
    await sleep(15);
  }
  const killed = child.exitCode === null && child.signalCode === null;
  if (killed) child.kill('SIGKILL');
  const r = await exit;
  const acknowledged = [...r.stdout.matchAll(/Imported "([^"]+)"/g)].map((m) => m[1] ?? '');
  return { killed, addedAtKill: added, acknowledged, code: r.code };
}

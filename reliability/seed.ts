import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transcript } from './generate.js';
import { runKoda } from './processes.js';
import type { Workspace } from './workspace.js';

/** The seeded study every attack starts from (a copy of it, in a fresh data folder). */
export const PROJECT = 'Studie';
/** Who created the project: its owner. */
export const OWNER = 'ulla';
export const CASES = ['Anna', 'Bo', 'Cecilia'] as const;

export interface Seed {
  /** The data folder built by the CLI; copy it, never use it directly. */
  dataDir: string;
  /** Source names by case. */
  sources: Record<(typeof CASES)[number], string[]>;
}

/**
 * Builds the seed through the `koda` command, as a user would: a project, three cases, the
 * traffic-light codebook and a few interview transcripts linked to their cases.
 */
export async function buildSeed(ws: Workspace): Promise<Seed> {
  const dataDir = await ws.folder('seed');
  const files = await ws.folder('seed-files');
  const koda = async (...args: string[]) => {
    const r = await runKoda(dataDir, ['--coder', OWNER, ...args]);
    if (r.code !== 0) throw new Error(`seed: koda ${args.join(' ')} failed: ${r.stderr.trim()}`);
  };
  await koda('project', 'create', PROJECT, '--language', 'en');
  for (const name of CASES) await koda('case', 'add', '--project', PROJECT, name);
  await koda('codebook', 'template', '--project', PROJECT, 'traffic-light');
  const sources = { Anna: ['anna-1', 'anna-2'], Bo: ['bo-1'], Cecilia: ['cecilia-1'] };
  let seed = 1;
  for (const name of CASES) {
    const paths: string[] = [];
    for (const source of sources[name]) {
      const path = join(files, `${source}.txt`);
      await writeFile(path, transcript(6_000, seed++));
      paths.push(path);
    }
    await koda('source', 'import', '--project', PROJECT, '--case', name, ...paths);
  }
  return { dataDir, sources };
}

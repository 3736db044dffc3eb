import { transcript } from './generate.js';
import { projectPath } from './http.js';
import { runKoda } from './processes.js';
import { OWNER, startServer } from './server.js';
import type { Workspace } from './workspace.js';

/** The seeded study every attack starts from (a copy of it, in a fresh data folder). */
export const PROJECT = 'Studie';
export { OWNER };

const CASES = ['Anna', 'Bo', 'Cecilia'] as const;
const SOURCES: Record<(typeof CASES)[number], string[]> = { Anna: ['anna-1', 'anna-2'], Bo: ['bo-1'], Cecilia: ['cecilia-1'] };

export interface Seed {
  /** The data folder; copy it, never use it directly. */
  dataDir: string;
}

/**
 * Builds the seed once: the project is created by the `koda` command (so its owner is who ran
 * it), the rest through the HTTP API as the owner, since every CLI call starts a process and
 * the cores are shared: three cases, the traffic-light codebook, four interview transcripts.
 */
export async function buildSeed(ws: Workspace): Promise<Seed> {
  const dataDir = await ws.folder('seed');
  const created = await runKoda(dataDir, ['--coder', OWNER, 'project', 'create', PROJECT, '--language', 'en']);
  if (created.code !== 0) throw new Error(`seed: koda project create failed: ${created.stderr.trim()}`);
  const server = await startServer(dataDir);
  try {
    const owner = server.api;
    const must = async (what: string, answer: Promise<{ status: number; text: string }>) => {
      const a = await answer;
      if (a.status >= 300) throw new Error(`seed: ${what} failed: ${a.status} ${a.text.slice(0, 200)}`);
    };
    for (const name of CASES) await must(`case ${name}`, owner.send('POST', projectPath(PROJECT, '/cases'), { name }));
    await must('codebook template', owner.send('POST', projectPath(PROJECT, '/codebook/templates/traffic-light')));
    let seed = 1;
    for (const name of CASES) {
      for (const source of SOURCES[name]) {
        const bytes = Buffer.from(transcript(6_000, seed++));
        const path = projectPath(PROJECT, `/sources?fileName=${source}.txt&case=${name}`);
        await must(`source ${source}`, owner.upload(path, bytes, bytes.length));
      }
    }
  } finally {
    // A clean stop checkpoints the WAL, so each copy starts from the database file alone.
    await server.stop();
  }
  return { dataDir };
}

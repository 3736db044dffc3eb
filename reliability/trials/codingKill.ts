import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { projectPath } from '../http.js';
import type { Check } from '../report.js';
import { PROJECT } from '../seed.js';
import { startServer } from '../server.js';
import { checkStore, corrupt, withStore } from '../store.js';
import { leafCodes, listSources } from '../study.js';
import type { Suite } from '../suite.js';
import { anotherTrial, Tally } from './tally.js';

const WRITERS = 2;

/**
 * Kill -9 trials during a stream of coding writes over HTTP: every segment answered with 201
 * (an acknowledged write) must be in the store after the crash, and the store must be sound.
 */
export async function codingKillTrials(suite: Suite, deadline: number): Promise<Check> {
  const tally = new Tally();
  while (anotherTrial(tally, suite.options.trials, deadline)) {
    const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'kill-coding');
    const server = await startServer(dataDir);
    const { api } = server;
    const source = (await listSources(api)).find((s) => s.name === 'anna-1');
    const code = (await leafCodes(api))[0] ?? '';
    if (!source) throw new Error('seed source anna-1 missing');
    const acknowledged: string[] = [];
    let next = 0;
    const span = source.length - 20;
    const writer = async () => {
      while (server.alive) {
        const n = next++;
        // Distinct spans: start walks the text, the length grows each pass.
        const start = n % span;
        const answer = await api.send('POST', projectPath(PROJECT, '/segments'), {
          source: source.id,
          code,
          start,
          end: start + 1 + Math.floor(n / span),
        });
        const id = (answer.json as { id?: string } | undefined)?.id;
        if (answer.status === 201 && id) acknowledged.push(id);
      }
    };
    const writers = Array.from({ length: WRITERS }, writer);
    await sleep(300 + ((tally.trials * 137) % 1200));
    await server.kill9();
    await Promise.all(writers);
    tally.trials++;
    tally.midway++;
    tally.acknowledged += acknowledged.length;
    const health = await checkStore(dataDir);
    if (corrupt(health)) {
      tally.corrupt++;
      tally.note(`integrity ${health.integrity}, ${health.danglingRows} dangling rows`);
      continue;
    }
    const found = await withStore(dataDir, async (store) => {
      const ids = new Set((await sql<{ id: string }>`SELECT id FROM segments`.execute(store.db)).rows.map((r) => r.id));
      return acknowledged.filter((id) => ids.has(id)).length;
    });
    tally.lost += acknowledged.length - found;
    if (found < acknowledged.length)
      tally.note(`${acknowledged.length - found} of ${acknowledged.length} acknowledged segments missing`);
  }
  return tally.check('a stream of coding writes over HTTP', 'segments');
}

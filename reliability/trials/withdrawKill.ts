import { setTimeout as sleep } from 'node:timers/promises';
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../src/store/db.js';
import { type Answer, projectPath } from '../http.js';
import type { Check } from '../report.js';
import { PROJECT } from '../seed.js';
import { startServer } from '../server.js';
import { checkStore, corrupt, withStore } from '../store.js';
import { caseNames, codeSpans, leafCodes, listSources } from '../study.js';
import type { Suite } from '../suite.js';
import { anotherTrial, Tally } from './tally.js';

interface Footprint {
  cases: number;
  sources: number;
  turns: number;
  segments: number;
}

/**
 * Kill -9 trials during the withdrawal of a participant: afterwards the participant must be
 * wholly there or wholly gone (no partial erasure), an acknowledged withdrawal must not be
 * undone by the crash, and the store must pass its integrity check.
 */
export async function withdrawKillTrials(suite: Suite, deadline: number): Promise<Check> {
  const tally = new Tally();
  // Kill points spread over the time a withdrawal takes, learnt from the trials that finished.
  let duration = 400;
  while (anotherTrial(tally, suite.options.trials, deadline)) {
    const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'kill-withdraw');
    const server = await startServer(dataDir);
    const owner = server.api;
    const anna = (await listSources(owner)).filter((s) => s.case?.name === 'Anna');
    const code = (await leafCodes(owner))[0] ?? '';
    let segments = 0;
    for (const source of anna) segments += (await codeSpans(owner, source, code, 5)).length;
    if (!(await caseNames(owner)).includes('Anna') || anna.length === 0) throw new Error('seed case Anna missing');
    const sourceIds = anna.map((s) => s.id);
    const before = await server.api.get(projectPath(PROJECT, '/cases'));
    const caseId = (before.json as { cases: { id: string; name: string }[] }).cases.find((c) => c.name === 'Anna')?.id ?? '';

    let answer: Answer | undefined;
    const withdrawal = owner.send('POST', projectPath(PROJECT, '/cases/Anna/withdraw')).then((a) => {
      answer = a;
    });
    await sleep(Math.round((duration * 1.2 * (tally.trials + 0.5)) / suite.options.trials));
    await server.kill9();
    await withdrawal;
    tally.trials++;
    const acknowledged = answer?.status === 200;
    if (acknowledged && answer) duration = answer.ms;
    else tally.midway++;
    if (acknowledged) tally.acknowledged++;

    const health = await checkStore(dataDir);
    if (corrupt(health)) {
      tally.corrupt++;
      tally.note(`integrity ${health.integrity}, ${health.danglingRows} dangling rows`);
      continue;
    }
    const after = await withStore(dataDir, (store) => footprint(store.db, caseId, sourceIds));
    const gone = after.cases + after.sources + after.turns + after.segments === 0;
    const whole = after.cases === 1 && after.sources === sourceIds.length && after.turns > 0 && after.segments === segments;
    if (!gone && !whole) {
      tally.corrupt++;
      tally.note(`partly erased: ${JSON.stringify(after)}`);
    }
    if (acknowledged && !gone) {
      tally.lost++;
      tally.note('an acknowledged withdrawal was undone by the crash');
    }
  }
  return tally.check('the withdrawal of a participant', 'withdrawals');
}

async function footprint(db: Db, caseId: string, sourceIds: string[]): Promise<Footprint> {
  const ids = sql.join(sourceIds);
  const count = async (query: RawBuilder<{ n: number }>) => Number((await query.execute(db)).rows[0]?.n ?? 0);
  return {
    cases: await count(sql<{ n: number }>`SELECT count(*) AS n FROM cases WHERE id = ${caseId}`),
    sources: await count(sql<{ n: number }>`SELECT count(*) AS n FROM sources WHERE id IN (${ids})`),
    turns: await count(sql<{ n: number }>`SELECT count(*) AS n FROM turns WHERE source_id IN (${ids})`),
    segments: await count(sql<{ n: number }>`SELECT count(*) AS n FROM segments WHERE source_id IN (${ids})`),
  };
}

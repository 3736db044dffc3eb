import { listSmartCodes } from '../src/commands/listSmartCodes.js';
import { runCodingQuery } from '../src/commands/runCodingQuery.js';
import { saveSmartCode } from '../src/commands/saveSmartCode.js';
import type { BenchEnv } from './fixture.js';
import { ensureImported } from './importTranscripts.js';
import { type BenchResult, collectGarbage, loadNow, type Metric, summarise, timeRuns } from './measure.js';
import { ensureCoded } from './retrieveSegments.js';

const RUNS = 10;
const WARMUPS = 1;

/**
 * Coding queries (issue 16 item 1) over the coded corpus (~200,000 segments; coded first by the
 * retrieval benchmark when run alone): the two most used codes under AND, OVERLAPS, FOLLOWED BY
 * … WITHIN 10 WORDS (which reads the texts' words), NOT over the whole corpus, and the smart code
 * list with its live counts. Each is the whole command, hits paged to the first 500.
 */
export async function benchCodingQuery(env: BenchEnv): Promise<BenchResult> {
  await ensureImported(env);
  const segments = await ensureCoded(env);
  const { ctx, project, store } = env;
  const used = await store.db
    .selectFrom('segments as s')
    .innerJoin('codes as c', 'c.id', 's.code_id')
    .select(['c.name', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.project_id', '=', project.id)
    .groupBy('c.name')
    .orderBy('n', 'desc')
    .limit(2)
    .execute();
  const [a, b] = used.map((u) => JSON.stringify(u.name));
  const metrics: Metric[] = [{ name: 'segments in store', value: segments, unit: '' }];
  const notes: string[] = [`codes: ${a} (${used[0]?.n} segments), ${b} (${used[1]?.n})`];
  const time = async (name: string, expression: string) => {
    collectGarbage();
    const { ms, last } = await timeRuns(() => runCodingQuery(ctx, { project: project.name, expression }), RUNS, WARMUPS);
    const s = summarise(ms);
    metrics.push(
      { name: `${name} p50`, value: s.p50, unit: 'ms', load: loadNow() },
      { name: `${name} p95`, value: s.p95, unit: 'ms', load: loadNow() },
    );
    notes.push(`${name}: ${last.total} passages`);
  };
  await time('query A AND B', `${a} AND ${b}`);
  await time('query A OVERLAPS B', `${a} OVERLAPS ${b}`);
  await time('query A FOLLOWED BY B WITHIN 10 WORDS', `${a} FOLLOWED BY ${b} WITHIN 10 WORDS`);
  await time('query NOT A', `NOT ${a}`);
  await saveSmartCode(ctx, { project: project.name, name: 'bench A AND B', expression: `${a} AND ${b}` });
  collectGarbage();
  const { ms } = await timeRuns(() => listSmartCodes(ctx, { project: project.name }), RUNS, WARMUPS);
  const s = summarise(ms);
  metrics.push({ name: 'smart code list (1, counted) p50', value: s.p50, unit: 'ms', load: loadNow() });
  return { name: 'codingquery', metrics, notes };
}

import { layoutRuns, type Span } from '../web/src/layout/runs.js';
import { createRng } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, summarise, timeRuns } from './measure.js';

const LENGTH = 1_000_000;
const SEGMENTS = 10_000;

/**
 * The document view's highlight layout (`layoutRuns`, pure, no browser): 10,000 segments of
 * 1–800 characters over a 1,000,000-character text swept into runs, as the view does on opening
 * a large coded transcript. Its correctness is tested in test/web/layout.test.ts.
 */
export async function benchLayout(env: BenchEnv): Promise<BenchResult> {
  const rng = createRng(env.options.seed);
  const spans: Span[] = Array.from({ length: SEGMENTS }, (_, i) => {
    const start = rng.int(0, LENGTH - 1_000);
    return { id: `s${i}`, start, end: start + rng.int(1, 800) };
  });
  const { ms, last } = await timeRuns(async () => layoutRuns(LENGTH, spans), 20, 3);
  const layout = summarise(ms);
  return {
    name: 'layout',
    metrics: [
      { name: `layout runs p50 (n=${layout.runs})`, value: layout.p50, unit: 'ms' },
      { name: 'layout runs max', value: layout.max, unit: 'ms', target: { max: 250 } },
      { name: 'runs', value: last.length, unit: '' },
    ],
    notes: [],
  };
}

import { performance } from 'node:perf_hooks';
import { addCode } from '../src/commands/addCode.js';
import { applyCoding } from '../src/commands/applyCoding.js';
import { editTranscript } from '../src/commands/editTranscript.js';
import { getSource } from '../src/commands/getSource.js';
import { importSource } from '../src/commands/importSource.js';
import { newId, nowIso } from '../src/store/ids.js';
import type { SegmentRow } from '../src/store/schema.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, loadNow, log, type Metric, round1, summarise } from './measure.js';

const TURNS = 2000;
const SEGMENTS_PER_TURN = 5;

/** About 150 pages: 2,000 timed turns of some 200 characters each. */
function timedText(): string {
  const lines: string[] = [];
  for (let i = 0; i < TURNS; i++) {
    const clock = new Date(i * 3000).toISOString().slice(11, 19);
    lines.push(`[${clock}] ${i % 2 ? 'IP' : 'I'}: ${'Vi pratar om området och hur det ser ut där nu. '.repeat(4)}ord${i} slut.`);
  }
  return lines.join('\n');
}

/**
 * Saving an edited transcript (what transcription mode's autosave sends): a 150-page timed
 * transcript with 10,000 coded segments, a word typed at its end, in its middle and at its start
 * (the segments and turns after the change all move).
 */
export async function benchEditTranscript(env: BenchEnv): Promise<BenchResult> {
  const { ctx, project } = env;
  const text = timedText();
  const source = (
    await importSource(ctx, { project: project.id, fileName: 'bench-edit.txt', bytes: new TextEncoder().encode(text) })
  ).id;
  await addCode(ctx, { project: project.id, name: 'bench-edit' }).catch(() => undefined);
  const first = await applyCoding(ctx, { project: project.id, source, code: 'bench-edit', start: 0, end: 2 });
  const seed = await ctx.store.db.selectFrom('segments').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
  const rows: SegmentRow[] = [];
  for (const turn of (await getSource(ctx, { project: project.id, source })).turns) {
    for (let k = 0; k < SEGMENTS_PER_TURN; k++) {
      const start = turn.start + 20 + k * 30;
      const end = start + 12;
      const at = (a: number, b: number) => text.slice(Math.max(0, a), b);
      rows.push({
        ...seed,
        id: newId(),
        start_offset: start,
        end_offset: end,
        turn_id: turn.id,
        exact: at(start, end),
        prefix: at(start - 32, start),
        suffix: at(end, end + 32),
        created_at: nowIso(),
        updated_at: nowIso(),
      });
    }
  }
  for (let i = 0; i < rows.length; i += 400)
    await ctx.store.db
      .insertInto('segments')
      .values(rows.slice(i, i + 400))
      .execute();
  log(`edit: ${text.length} characters, ${TURNS} turns, ${rows.length + 1} segments`);

  let n = 0;
  const changes = [
    ['end', (t: string) => `${t} ord`],
    ['middle', (t: string) => t.replace(`ord${TURNS / 2} `, `ord${TURNS / 2} ny${n++} `)],
    ['start', (t: string) => t.replace('Vi pratar', `Vi ${n++} pratar`)],
  ] as const;
  const metrics: Metric[] = [];
  for (const [where, change] of changes) {
    const ms: number[] = [];
    for (let run = 0; run < 6; run++) {
      const { text: now, textHash } = await getSource(ctx, { project: project.id, source });
      const edited = change(now);
      const t0 = performance.now();
      await editTranscript(ctx, { project: project.id, source, text: edited, baseHash: textHash });
      if (run > 0) ms.push(performance.now() - t0);
    }
    metrics.push({ name: `save an edit at the ${where} (p50)`, value: round1(summarise(ms).p50), unit: 'ms', load: loadNow() });
  }
  return {
    name: 'edit',
    metrics,
    notes: ['timed: the command behind PUT …/sources/:s/text (5 saves after a warm-up), the search index synced included'],
  };
}

import { performance } from 'node:perf_hooks';
import { addCase } from '../src/commands/addCase.js';
import { addCode } from '../src/commands/addCode.js';
import { applyCoding } from '../src/commands/applyCoding.js';
import { createDemoProject } from '../src/commands/createDemoProject.js';
import { createProject } from '../src/commands/createProject.js';
import type { CommandContext } from '../src/commands/helpers/context.js';
import { importSource } from '../src/commands/importSource.js';
import { suggestForCode } from '../src/commands/suggestForCode.js';
import { words } from '../src/core/queries/words.js';
import { type SuggestUnitKind, suggestUnits } from '../src/core/suggest/units.js';
import { CodePointIndex } from '../src/core/text/codePoints.js';
import { createRng, type Rng } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, collectGarbage, log, type Metric, round1 } from './measure.js';

/**
 * "Find more like this" measured on held-out coding (issue 16, item 5): 30% of each code's
 * segments are taken away, suggestions are made from the rest, and recall at 10 and 20 counts
 * the held-out passages that a suggestion overlaps. Against a plain keyword baseline: the ten
 * most frequent words (as written, no stemming, no idf) of the code's remaining segments, a unit
 * ranked by how many of them it holds. Both rank the same units and leave out the same coded ones.
 *
 * (a) A generated corpus: 12 interviews whose participants' sentences are either about one of
 *     five codes (2–4 of the code's words, inflected, among everyday words) or not (everyday
 *     words, a quarter of them with one stray code word: noise); every topical sentence is coded.
 * (b) The demo study (demo/omega): the thesis' 52 codings; codes with a single segment cannot be
 *     held out and are left out.
 */
const HOLD_OUT = 0.3;
const KS = [10, 20] as const;

export async function benchSuggest(env: BenchEnv): Promise<BenchResult> {
  const metrics: Metric[] = [];
  const notes: string[] = [];
  const rng = createRng(env.options.seed);
  const generated = await generatedStudy(env.ctx, rng);
  const demo = await demoStudy(env.ctx, rng);
  for (const [name, study] of [
    ['generated', generated],
    ['demo', demo],
  ] as const) {
    for (const unit of ['sentence', 'turn'] as const) {
      const r = await measure(env.ctx, study, unit);
      for (const k of KS) {
        metrics.push({ name: `${name} ${unit}: BM25 recall@${k}`, value: percent(r.bm25[k]), unit: '%' });
        metrics.push({ name: `${name} ${unit}: keyword recall@${k}`, value: percent(r.keyword[k]), unit: '%' });
      }
      metrics.push({ name: `${name} ${unit}: suggestForCode`, value: round1(r.msPerCode), unit: 'ms' });
      notes.push(
        `${name}, ${unit}s: ${r.codes} codes, ${r.heldOut} held-out passages, ${r.units} units (recall = held-out passages a suggestion overlaps)`,
      );
      log(`${name} ${unit}: BM25 ${JSON.stringify(r.bm25)} keyword ${JSON.stringify(r.keyword)}`);
    }
  }
  return { name: 'suggest', metrics, notes };
}

const percent = (x: number) => round1(x * 100);

/** A study ready to measure: its project, and per code the passages held out (code points). */
interface Study {
  project: string;
  heldOut: Map<string, Passage[]>;
}

interface Passage {
  sourceId: string;
  start: number;
  end: number;
}

async function measure(ctx: CommandContext, study: Study, unit: SuggestUnitKind) {
  const units = await projectUnits(ctx, study.project, unit);
  const found = { bm25: { 10: 0, 20: 0 }, keyword: { 10: 0, 20: 0 } };
  let total = 0;
  let ms = 0;
  // Every code's suggestions timed first, from a collected heap: the keyword baseline, which is
  // the bench's own work, left its garbage to the next code's timed call.
  const suggested = new Map<string, Awaited<ReturnType<typeof suggestForCode>>>();
  collectGarbage();
  for (const code of study.heldOut.keys()) {
    const t0 = performance.now();
    suggested.set(code, await suggestForCode(ctx, { project: study.project, code, limit: 20, unit }));
    ms += performance.now() - t0;
  }
  for (const [code, held] of study.heldOut) {
    const r = suggested.get(code) as Awaited<ReturnType<typeof suggestForCode>>;
    const keyword = await keywordBaseline(ctx, study.project, code, units, 20);
    for (const k of KS) {
      found.bm25[k] += held.filter((h) => r.suggestions.slice(0, k).some((s) => overlaps(s, h))).length;
      found.keyword[k] += held.filter((h) => keyword.slice(0, k).some((s) => overlaps(s, h))).length;
    }
    total += held.length;
  }
  const share = (n: number) => (total ? n / total : 0);
  return {
    codes: study.heldOut.size,
    heldOut: total,
    units: units.length,
    msPerCode: ms / Math.max(1, study.heldOut.size),
    bm25: { 10: share(found.bm25[10]), 20: share(found.bm25[20]) },
    keyword: { 10: share(found.keyword[10]), 20: share(found.keyword[20]) },
  };
}

const overlaps = (a: Passage, b: Passage) => a.sourceId === b.sourceId && a.start < b.end && b.start < a.end;

interface BenchUnit extends Passage {
  words: string[];
}

async function projectUnits(ctx: CommandContext, projectId: string, kind: SuggestUnitKind): Promise<BenchUnit[]> {
  const db = ctx.store.db;
  const sources = await db.selectFrom('sources').select(['id', 'text']).where('project_id', '=', projectId).execute();
  const out: BenchUnit[] = [];
  for (const s of sources) {
    const turns = await db
      .selectFrom('turns')
      .select(['start_offset as start', 'end_offset as end', 'speaker'])
      .where('source_id', '=', s.id)
      .orderBy('start_offset')
      .execute();
    const index = new CodePointIndex(s.text);
    for (const r of suggestUnits(s.text, turns, kind))
      out.push({ sourceId: s.id, ...r, words: words(index.slice(r.start, r.end)).map((w) => w.text) });
  }
  return out;
}

/** The plain keyword baseline: the code's ten most frequent words, a unit scored by how many it holds. */
async function keywordBaseline(ctx: CommandContext, projectId: string, code: string, units: BenchUnit[], limit: number) {
  const db = ctx.store.db;
  const segments = await db
    .selectFrom('segments as s')
    .innerJoin('codes as c', 'c.id', 's.code_id')
    .select(['s.source_id', 's.start_offset', 's.end_offset', 's.exact'])
    .where('s.project_id', '=', projectId)
    .where('c.name', '=', code)
    .execute();
  const counts = new Map<string, number>();
  for (const s of segments) for (const w of words(s.exact)) counts.set(w.text, (counts.get(w.text) ?? 0) + 1);
  const keywords = new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, 10)
      .map(([w]) => w),
  );
  const coded = (u: Passage) =>
    segments.some((s) => s.source_id === u.sourceId && s.start_offset < u.end && u.start < s.end_offset);
  return units
    .filter((u) => !coded(u))
    .map((u, i) => ({ u, i, hits: u.words.filter((w) => keywords.has(w)).length }))
    .filter((x) => x.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.u);
}

/** Takes ~30% of each code's passages (at least one, never all) out of the project; returns them. */
function holdOut<T>(rng: Rng, passages: T[]): { kept: T[]; held: T[] } {
  const shuffled = [...passages];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j] as T, shuffled[i] as T];
  }
  const n = Math.min(passages.length - 1, Math.max(1, Math.round(passages.length * HOLD_OUT)));
  return { held: shuffled.slice(0, n), kept: shuffled.slice(n) };
}

// ---------------------------------------------------------------------------------------------
// (a) The generated corpus.

const TOPICS: Record<string, string[]> = {
  finansiering:
    'pengar pengarna finansiering finansieringen budget budgeten bidrag bidragen medel medlen kostnad kostnaderna'.split(' '),
  tidsbrist: 'tid tiden hinner hinna stress stressad tidsbrist schema schemat brådska övertid tidspress'.split(' '),
  samverkan:
    'samverkan samverka samarbete samarbetet samarbetar partner partners nätverk nätverket samordning tillsammans gemensamt'.split(
      ' ',
    ),
  media: 'media medierna tidningen tidningar nyheter nyheterna rykte ryktet journalist journalisterna bilden rubriker'.split(' '),
  mötesplats:
    'mötesplats mötesplatsen lokal lokalen fritidsgård fritidsgården träffpunkt föreningar föreningen aktiviteter aktivitet café'.split(
      ' ',
    ),
};

const EVERYDAY = (
  'och att det i som en är på så jag vi man har inte med för de den kan om till ett men liksom alltså ju också där när ' +
  'mycket lite eller bara här då nu var hur vad av från efter under mer något några alla kommunen arbetet verksamheten ' +
  'ungdomar barn familjer föräldrar skolan stadsdelen förvaltningen uppdrag ansvar beslut förtroende dialog kontakt ' +
  'utveckling trygghet segregation ledning chefer medarbetare målgrupp behov stöd uppföljning boende området invånare ' +
  'strategi möjlighet plan förändring erfarenhet kunskap viktigt svårt bra tycker tänker upplever känner jobbar gör ' +
  'behöver ska skulle kunde måste vill göra säga se få ha vara ta ge hitta försöka egentligen faktiskt kanske ofta ' +
  'ibland aldrig alltid väldigt ganska helt dessutom därför eftersom samtidigt själv andra olika stora små nya första'
).split(' ');

function sentence(rng: Rng, topic: string | null): string {
  // Zipf over the everyday words: function words dominate, as in speech.
  const everyday = () => EVERYDAY[Math.min(EVERYDAY.length - 1, Math.floor(EVERYDAY.length ** rng() - 1))] as string;
  const out = Array.from({ length: rng.int(5, 12) }, everyday);
  const codes = Object.keys(TOPICS);
  const insert = (w: string) => out.splice(rng.int(0, out.length), 0, w);
  if (topic) for (let i = rng.int(2, 4); i > 0; i--) insert(rng.pick(TOPICS[topic] as string[]));
  else if (rng.chance(0.25)) insert(rng.pick(TOPICS[rng.pick(codes)] as string[]));
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

async function generatedStudy(ctx: CommandContext, rng: Rng): Promise<Study> {
  const project = await createProject(ctx, { name: 'Suggest bench (generated)', language: 'sv' });
  const codes = Object.keys(TOPICS);
  for (const code of codes) await addCode(ctx, { project: project.id, name: code });
  const passages = new Map<string, { sourceId: string; quote: string; text: string }[]>(codes.map((c) => [c, []]));
  for (let t = 0; t < 12; t++) {
    const name = `P${t + 1}`;
    await addCase(ctx, { project: project.id, name });
    const lines: string[] = [];
    const topical: { code: string; quote: string }[] = [];
    for (let turn = 0; turn < 15; turn++) {
      lines.push(`I: ${sentence(rng, null).replace(/\.$/u, '?')}`, '');
      const said: string[] = [];
      for (let s = rng.int(2, 5); s > 0; s--) {
        const code = rng.chance(0.2) ? rng.pick(codes) : null;
        const quote = sentence(rng, code);
        said.push(quote);
        if (code) topical.push({ code, quote });
      }
      lines.push(`${name}: ${said.join(' ')}`, '');
    }
    const text = lines.join('\n');
    const source = await importSource(ctx, {
      project: project.id,
      fileName: `${name}.txt`,
      bytes: new TextEncoder().encode(text),
      case: name,
    });
    for (const p of topical) passages.get(p.code)?.push({ sourceId: source.id, quote: p.quote, text });
  }
  const heldOut = new Map<string, Passage[]>();
  for (const [code, list] of passages) {
    const { kept, held } = holdOut(rng, list);
    for (const p of kept) await applyCoding(ctx, { project: project.id, source: p.sourceId, code, ...place(p.text, p.quote) });
    heldOut.set(
      code,
      held.map((p) => ({ sourceId: p.sourceId, ...place(p.text, p.quote) })),
    );
  }
  return { project: project.id, heldOut };
}

function place(text: string, quote: string): { start: number; end: number } {
  const at = text.indexOf(quote);
  const index = new CodePointIndex(text);
  return { start: index.toCodePoint(at), end: index.toCodePoint(at + quote.length) };
}

// ---------------------------------------------------------------------------------------------
// (b) The demo study.

async function demoStudy(ctx: CommandContext, rng: Rng): Promise<Study> {
  const demo = await createDemoProject(ctx);
  const db = ctx.store.db;
  const segments = await db
    .selectFrom('segments as s')
    .innerJoin('codes as c', 'c.id', 's.code_id')
    .select(['s.id', 's.source_id', 's.start_offset', 's.end_offset', 'c.name as code'])
    .where('s.project_id', '=', demo.id)
    .orderBy('s.created_at')
    .execute();
  const byCode = new Map<string, typeof segments>();
  for (const s of segments) byCode.set(s.code, [...(byCode.get(s.code) ?? []), s]);
  const heldOut = new Map<string, Passage[]>();
  for (const [code, list] of byCode) {
    if (list.length < 2) continue;
    const { held } = holdOut(rng, list);
    // The bench takes the held-out segments straight out of its own throwaway store.
    await db
      .deleteFrom('segments')
      .where(
        'id',
        'in',
        held.map((s) => s.id),
      )
      .execute();
    heldOut.set(
      code,
      held.map((s) => ({ sourceId: s.source_id, start: s.start_offset, end: s.end_offset })),
    );
  }
  return { project: demo.id, heldOut };
}

import { subtreeIds } from '../../core/codebook/tree.js';
import { type QueryNode, references } from '../../core/codingQuery/ast.js';
import { codesIn, evaluate } from '../../core/codingQuery/evaluate.js';
import { parseQuery } from '../../core/codingQuery/parse.js';
import { merge, type Span } from '../../core/codingQuery/spans.js';
import { invalid, notFound } from '../../core/errors.js';
import { words } from '../../core/queries/words.js';
import { CodePointIndex } from '../../core/text/codePoints.js';
import type { Db } from '../../store/db.js';
import { Slice } from '../../store/eventLoop.js';
import type { ProjectRow } from '../../store/schema.js';
import { type AnalysisFilter, passes, type ResolvedFilter, resolveFilter } from './analysisFilter.js';
import { asNodes } from './codebook.js';
import { visibleLayer, type Who } from './layers.js';
import { findCode, loadCodes } from './resolve.js';

/**
 * Runs a coding query (core/codingQuery) over a project's coding: reads the segments of the codes
 * it names (each with the codes below it), the sources' turns and, where the query counts words,
 * their text; evaluates each source and returns its passages. The analysis filter narrows the
 * scope (sources, cases, speaker role: the turns it lets through) and the segments (coders); in
 * blind mode only the acting coder's layer counts, as in retrieval. A smart code named in the
 * query is evaluated with its own saved filter (and this filter's coders, unless it names its
 * own), then cut to this query's scope.
 */
export interface QueryPassages {
  /** Per source, in the order of the sources' names: its passages and what a hit needs. */
  sources: SourcePassages[];
  /** Each code reference's code name. */
  codeNames: Map<string, string>;
}

export interface SourcePassages {
  id: string;
  name: string;
  caseId: string | null;
  passages: Span[];
  /** Per code reference of the query, its segments in this source (for naming a hit's codes). */
  codes: Map<string, Span[]>;
  turns: TurnSpan[];
}

interface TurnSpan extends Span {
  speaker: string | null;
  caseId: string | null;
}

/** A code reference resolved: the code's name and the ids of its branch. */
interface CodeRef {
  id: string;
  name: string;
  branch: string[];
}

export async function queryPassages(
  db: Db,
  project: ProjectRow,
  who: Who,
  query: QueryNode,
  filter: AnalysisFilter = {},
  smartStack: readonly string[] = [],
): Promise<QueryPassages> {
  const resolved = await resolveFilter(db, project.id, filter);
  const refs = references(query);
  const codes = await loadCodes(db, project.id);
  const nodes = asNodes(codes);
  const codeRefs = new Map<string, CodeRef>();
  for (const r of refs.filter((x) => x.kind === 'code')) {
    const code = findCode(codes, r.ref);
    codeRefs.set(r.ref, { id: code.id, name: code.name, branch: subtreeIds(nodes, code.id) });
  }
  const smart = new Map<string, Map<string, Span[]>>();
  // The codes inside a smart code, so its hits can name the codes that made them.
  const innerCodes = new Map<string, Map<string, Span[]>>();
  const codeNames = new Map([...codeRefs].map(([ref, c]) => [ref, c.name]));
  for (const r of refs.filter((x) => x.kind === 'smart')) {
    if (smart.has(r.ref)) continue;
    const row = await findSmartCode(db, project.id, r.ref);
    if (smartStack.includes(row.id)) throw invalid('query.smart-cycle', { smartCode: row.name });
    // The coders asked for here count inside the smart code, unless it names coders of its own.
    const own = JSON.parse(row.filter) as AnalysisFilter;
    const innerFilter = own.coders?.length || !filter.coders?.length ? own : { ...own, coders: filter.coders };
    const inner = await queryPassages(db, project, who, parseQuery(row.expression), innerFilter, [...smartStack, row.id]);
    smart.set(r.ref, new Map(inner.sources.map((s) => [s.id, s.passages])));
    for (const [ref, name] of inner.codeNames) codeNames.set(`${row.id}\u0000${ref}`, name);
    for (const s of inner.sources) {
      const here = innerCodes.get(s.id) ?? new Map<string, Span[]>();
      for (const [ref, spans] of s.codes) here.set(`${row.id}\u0000${ref}`, spans);
      innerCodes.set(s.id, here);
    }
  }

  const sources = (
    await db.selectFrom('sources').select(['id', 'name', 'case_id', 'text_length']).where('project_id', '=', project.id).execute()
  )
    .filter((s) => resolved.sourceIds === null || resolved.sourceIds.has(s.id))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const caseOfSource = new Map(sources.map((s) => [s.id, s.case_id]));
  const segments = await filteredSegments(db, project, who, codeRefs, resolved, caseOfSource);
  const turns = await turnsBySource(db, project.id);

  // Without NOT, a source holding none of the codes named has no passages.
  const everywhere = hasNot(query);
  const needsWords = countsWords(query);
  const out: SourcePassages[] = [];
  const slice = new Slice();
  for (const source of sources) {
    if (slice.due()) await slice.pause();
    const own = segments.get(source.id);
    const smartHere = new Map([...smart].map(([ref, bySource]) => [ref, bySource.get(source.id) ?? []]));
    if (!everywhere && !own && ![...smartHere.values()].some((s) => s.length > 0)) continue;
    const sourceTurns = turns.get(source.id) ?? [];
    const codeSpans = new Map([...codeRefs.keys()].map((ref) => [ref, own?.get(ref) ?? []]));
    const passages = evaluate(query, {
      length: source.text_length,
      scope: scopeOf(resolved, source, sourceTurns, source.text_length),
      codes: codeSpans,
      smart: smartHere,
      words: needsWords ? await wordsOf(db, source.id) : [],
      turns: sourceTurns,
    });
    if (passages.length > 0) {
      const codesHere = new Map([...codeSpans, ...(innerCodes.get(source.id) ?? [])]);
      out.push({ id: source.id, name: source.name, caseId: source.case_id, passages, codes: codesHere, turns: sourceTurns });
    }
  }
  return { sources: out, codeNames };
}

/** The names of the codes whose segments lie in a hit (each code once, in query order). */
export function hitCodes(hit: Span, source: SourcePassages, names: ReadonlyMap<string, string>): string[] {
  return [...new Set(codesIn(hit, source.codes).map((ref) => names.get(ref) ?? ref))];
}

/** A smart code of the project by id or name. */
export async function findSmartCode(db: Db, projectId: string, ref: string) {
  const rows = await db.selectFrom('smart_codes').selectAll().where('project_id', '=', projectId).execute();
  const row = rows.find((r) => r.id === ref) ?? rows.find((r) => r.name.toLowerCase() === ref.trim().toLowerCase());
  if (!row) throw notFound('smart-code.not-found', { smartCode: ref });
  return row;
}

/**
 * The segments of the codes named, per source and code reference, that pass the filter and the
 * layer blind mode shows.
 */
async function filteredSegments(
  db: Db,
  project: ProjectRow,
  who: Who,
  refs: ReadonlyMap<string, CodeRef>,
  resolved: ResolvedFilter,
  caseOfSource: ReadonlyMap<string, string | null>,
): Promise<Map<string, Map<string, Span[]>>> {
  const out = new Map<string, Map<string, Span[]>>();
  const ids = [...new Set([...refs.values()].flatMap((r) => r.branch))];
  if (ids.length === 0) return out;
  const only = await visibleLayer(db, project, who);
  let query = db
    .selectFrom('segments as s')
    .leftJoin('turns as t', 't.id', 's.turn_id')
    .select(['s.source_id', 's.code_id', 's.coder_id', 's.start_offset', 's.end_offset', 't.case_id', 't.speaker'])
    .where('s.project_id', '=', project.id)
    .where('s.code_id', 'in', ids);
  if (only !== null) {
    query = query.where(
      's.coder_id',
      '=',
      db.selectFrom('coders').select('id').where('project_id', '=', project.id).where('name', '=', only),
    );
  }
  // A code may count for several references: itself and a category above it.
  const refsOfCode = new Map<string, string[]>();
  for (const [ref, code] of refs) for (const id of code.branch) refsOfCode.set(id, [...(refsOfCode.get(id) ?? []), ref]);
  for (const r of await query.execute()) {
    if (!caseOfSource.has(r.source_id)) continue;
    const caseId = r.case_id ?? caseOfSource.get(r.source_id) ?? null;
    if (!passes(resolved, { sourceId: r.source_id, caseId, coderId: r.coder_id, speaker: r.speaker })) continue;
    const bySource = out.get(r.source_id) ?? new Map<string, Span[]>();
    out.set(r.source_id, bySource);
    for (const key of refsOfCode.get(r.code_id) ?? []) {
      const list = bySource.get(key) ?? [];
      list.push({ start: r.start_offset, end: r.end_offset });
      bySource.set(key, list);
    }
  }
  return out;
}

/** A source's turns in order, each with its speaker and case, for all sources of the project. */
async function turnsBySource(db: Db, projectId: string): Promise<Map<string, TurnSpan[]>> {
  const rows = await db
    .selectFrom('turns as t')
    .innerJoin('sources as s', 's.id', 't.source_id')
    .select(['t.source_id', 't.start_offset', 't.end_offset', 't.speaker', 't.case_id'])
    .where('s.project_id', '=', projectId)
    .orderBy('t.source_id')
    .orderBy('t.start_offset')
    .execute();
  const out = new Map<string, TurnSpan[]>();
  for (const r of rows) {
    const list = out.get(r.source_id) ?? [];
    list.push({ start: r.start_offset, end: r.end_offset, speaker: r.speaker, caseId: r.case_id });
    out.set(r.source_id, list);
  }
  return out;
}

/**
 * The text of a source a query may return: all of it without a filter on place, case or speaker;
 * else the turns the filter lets through (a turn's case outranks the source's), and outside turns
 * the text that passes as the source's own, without a speaker.
 */
function scopeOf(
  resolved: ResolvedFilter,
  source: { id: string; case_id: string | null },
  turns: readonly TurnSpan[],
  length: number,
): Span[] {
  const whole = [{ start: 0, end: length }];
  if (resolved.sourceIds === null && resolved.caseIds === null && resolved.speaker === null) return whole;
  const place = { ...resolved, coderIds: null };
  const test = (caseId: string | null, speaker: string | null) =>
    passes(place, { sourceId: source.id, caseId, coderId: '', speaker });
  const outside = test(source.case_id, null);
  const out: Span[] = [];
  let at = 0;
  for (const t of turns) {
    if (outside && t.start > at) out.push({ start: at, end: t.start });
    if (test(t.caseId ?? source.case_id, t.speaker)) out.push({ start: t.start, end: t.end });
    at = Math.max(at, t.end);
  }
  if (outside && at < length) out.push({ start: at, end: length });
  return merge(out);
}

/** Whether the query holds a NOT (its passages may then lie in any source). */
function hasNot(node: QueryNode): boolean {
  if (node.kind === 'not') return true;
  if (node.kind === 'code' || node.kind === 'smart') return false;
  return hasNot(node.left) || hasNot(node.right);
}

/** Whether the query counts words (FOLLOWED BY … WITHIN n WORDS, NEAR). */
function countsWords(node: QueryNode): boolean {
  if (node.kind === 'near' || (node.kind === 'followed' && node.words !== null)) return true;
  if (node.kind === 'code' || node.kind === 'smart') return false;
  if (node.kind === 'not') return countsWords(node.operand);
  return countsWords(node.left) || countsWords(node.right);
}

/** A source's words (core/queries/words.ts), in code points: read only for queries that count words. */
async function wordsOf(db: Db, sourceId: string): Promise<Span[]> {
  const { text } = await db.selectFrom('sources').select('text').where('id', '=', sourceId).executeTakeFirstOrThrow();
  const index = new CodePointIndex(text);
  return words(text).map((w) => ({ start: index.toCodePoint(w.start), end: index.toCodePoint(w.end) }));
}

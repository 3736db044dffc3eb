import { z } from 'zod';
import type { TextRange } from '../core/anchoring/range.js';
import { invalid } from '../core/errors.js';
import { kwic } from '../core/queries/kwic.js';
import { allTermsFound, findTerms, parseSearchQuery, stemTerms } from '../core/queries/searchQuery.js';
import { STEM_LANGUAGES, type StemLanguage } from '../core/queries/stemming.js';
import { CodePointIndex } from '../core/text/codePoints.js';
import { type SpeakerRole, speakerRole } from '../core/transcript/roles.js';
import type { Db } from '../store/db.js';
import { Slice, yieldToEventLoop } from '../store/eventLoop.js';
import { matchParagraphs, paragraphBounds, syncSearchIndex } from '../store/searchIndex.js';
import { AnalysisFilter, resolveFilter } from './helpers/analysisFilter.js';
import type { CommandContext } from './helpers/context.js';
import { indexOffThread } from './helpers/indexOffThread.js';
import { inPages, PAGE_ROWS } from './helpers/pages.js';
import type { ProgressHook } from './helpers/queryData.js';
import { resolveCase, resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** Words and "quoted phrases"; every one must occur in a paragraph. */
  query: z.string().max(1000),
  /** Stem in Swedish, English or both (default: both, for interviews that mix the two). */
  language: z.enum(['sv', 'en', 'both']).default('both'),
  /** Only these sources, or the sources of these cases. */
  sources: z.array(z.string()).default([]),
  cases: z.array(z.string()).default([]),
  /**
   * Only the words of interviewers or of participants (the role of each turn's speaker label,
   * core/transcript/roles.ts): most hits of a word can be the interviewer's own questions.
   * Text outside any labelled turn has no role.
   */
  role: z.enum(['interviewer', 'participant']).optional(),
  /** Most keyword-in-context lines to return (the matching paragraphs are all counted). */
  limit: z.number().int().min(1).max(10_000).default(200),
  /** Code points of context either side of a hit. */
  context: z.number().int().min(0).max(500).default(50),
  /**
   * Only text this filter lets through (helpers/analysisFilter.ts): its sources and source sets,
   * the words of its cases and case sets, its speaker role. Coders do not apply to plain text.
   */
  filter: AnalysisFilter.optional(),
});

/**
 * Text search over a project's sources with Swedish and English stemming: "möjligheterna" finds
 * "möjlighet", "strategies" finds "strategy". The search index (store/searchIndex.ts) is brought
 * up to date first, the query's stems are matched by FTS5, and each matching paragraph's canonical
 * text is searched again to place the hits: keyword-in-context lines with code point offsets,
 * in reading order (source name, offset).
 */
export async function searchText(
  ctx: CommandContext,
  input: z.input<typeof Input>,
  hooks: { progress?: ProgressHook; pageRows?: number } = {},
) {
  const args = parseInput(Input, input);
  // Tests set `pageRows` to cross the page and batch boundaries with a few paragraphs.
  const pageRows = hooks.pageRows ?? PAGE_ROWS;
  const batchSize = hooks.pageRows ?? BATCH;
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const terms = parseSearchQuery(args.query);
  if (terms.length === 0) throw invalid('search.empty', {});
  await syncSearchIndex(db, project.id, { onProgress: hooks.progress, ...indexOffThread(ctx.store) });
  const languages: StemLanguage[] = args.language === 'both' ? [...STEM_LANGUAGES] : [args.language];
  const stems = stemTerms(terms, languages);
  const [paragraphHits, sources, linkedTurns] = await Promise.all([
    matchParagraphs(db, project.id, stems, terms.length),
    db.selectFrom('sources').select(['id', 'name', 'case_id']).where('project_id', '=', project.id).execute(),
    // Turns spoken by a case of their own (group interviews), found through the case index.
    db
      .selectFrom('turns')
      .select(['source_id', 'start_offset', 'end_offset', 'case_id'])
      .where('case_id', 'in', db.selectFrom('cases').select('id').where('project_id', '=', project.id))
      .execute(),
  ]);
  const cases = await db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', project.id).execute();
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const allowed = await scope(ctx, project.id, args.sources, args.cases, sources);
  const filter = await resolveFilter(db, project.id, args.filter);
  // A role asked for twice, differently, leaves no words.
  const clash = args.role !== undefined && filter.speaker !== null && args.role !== filter.speaker;
  const inScope = await readingOrder(
    paragraphHits.filter((p) => !clash && (!allowed || allowed.has(p.sourceId)) && (filter.sourceIds?.has(p.sourceId) ?? true)),
    sources,
  );
  const role = args.role ?? filter.speaker;
  const spoken = role ? await turnsOfRole(db, [...new Set(inScope.map((p) => p.sourceId))], role, pageRows) : null;
  const found = spoken ? await paragraphsSpoken(db, inScope, spoken, pageRows) : inScope;

  const hits: SearchHit[] = [];
  let truncated = false;
  // Paragraphs are placed a batch at a time until the lines asked for are there, with a turn of
  // the event loop between batches; each source's text is read and indexed once, when a batch
  // first needs it (a long text takes a while to index), and dropped after the last batch that
  // holds its paragraphs (they come in reading order, one source after another).
  const texts = new Map<string, CodePointIndex>();
  for (let i = 0; i < found.length && !truncated; i += batchSize) {
    if (i > 0) await yieldToEventLoop();
    const batch = found.slice(i, i + batchSize);
    const bounds = await paragraphBounds(
      db,
      batch.map((p) => p.rowid),
    );
    const wanted = new Set(batch.map((p) => p.sourceId));
    for (const id of texts.keys()) if (!wanted.has(id)) texts.delete(id);
    const unread = [...wanted].filter((id) => !texts.has(id));
    if (unread.length > 0) for (const [id, text] of await sourceTexts(ctx, unread)) texts.set(id, text);
    for (const hit of batch) {
      const p = { ...hit, ...(bounds.get(hit.rowid) ?? { start: 0, end: 0 }) };
      const text = texts.get(p.sourceId)?.slice(p.start, p.end) ?? '';
      const inText = findTerms(text, stems);
      if (!allTermsFound(inText, terms.length)) continue;
      const index = new CodePointIndex(text);
      const source = sourceById.get(p.sourceId);
      for (const h of inText) {
        if (hits.length >= args.limit) {
          truncated = true;
          break;
        }
        const start = p.start + index.toCodePoint(h.start);
        const end = p.start + index.toCodePoint(h.end);
        if (spoken && !overlapsAny(spoken.get(p.sourceId), { start, end })) continue;
        const turnCase = linkedTurns.find(
          (t) => t.source_id === p.sourceId && t.start_offset <= start && start < t.end_offset,
        )?.case_id;
        const theCase = caseById.get(turnCase ?? source?.case_id ?? '');
        if (filter.caseIds && !(theCase && filter.caseIds.has(theCase.id))) continue;
        hits.push({
          source: { id: p.sourceId, name: source?.name ?? '' },
          case: theCase ? { id: theCase.id, name: theCase.name } : null,
          start,
          end,
          ...kwic(text, h.start, h.end, args.context),
        });
      }
      if (truncated) break;
    }
  }
  return {
    query: args.query,
    terms: terms.map((t, i) => ({ words: t.words, stems: Object.fromEntries(languages.map((l) => [l, stems[l]?.[i] ?? []])) })),
    /** Paragraphs the index matched (every one holds all terms' stems). */
    paragraphs: found.length,
    hits,
    /** More hits than `limit`: the lines stop there. */
    truncated,
  };
}

/** Paragraphs placed per batch: enough for a page of lines, few enough to stop soon at the limit. */
const BATCH = 100;

export interface SearchHit {
  source: { id: string; name: string };
  case: { id: string; name: string } | null;
  /** Code points of the source's canonical text. */
  start: number;
  end: number;
  left: string;
  match: string;
  right: string;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The texts of some sources, each ready to be cut by code points. */
async function sourceTexts(ctx: CommandContext, ids: string[]): Promise<Map<string, CodePointIndex>> {
  const rows = await ctx.store.db.selectFrom('sources').select(['id', 'text']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, new CodePointIndex(r.text)]));
}

/**
 * The paragraphs in reading order: by source name, then paragraph. They come in rowid order, and
 * a source's paragraphs are indexed in order, so each source's stay as they come. Gathered per
 * source and put in order in slices: a search can match hundreds of thousands of paragraphs
 * (issue 13), and sorting one source's 230,000 at once held the event loop 40 ms.
 */
async function readingOrder<P extends { rowid: number; sourceId: string }>(
  paragraphs: P[],
  sources: { id: string; name: string }[],
): Promise<P[]> {
  const bySource = new Map<string, P[]>();
  const slice = new Slice();
  for (const p of paragraphs) {
    if (slice.due()) await slice.pause();
    const list = bySource.get(p.sourceId);
    if (list) list.push(p);
    else bySource.set(p.sourceId, [p]);
  }
  const out: P[] = [];
  for (const source of [...sources].sort((a, b) => compareText(a.name, b.name))) {
    if (slice.due()) await slice.pause();
    for (const p of bySource.get(source.id) ?? []) {
      if (slice.due()) await slice.pause();
      out.push(p);
    }
  }
  return out;
}

/** Each source's turns whose speaker has `role`, in text order; read a source and a page at a time. */
async function turnsOfRole(db: Db, sourceIds: string[], role: SpeakerRole, pageRows: number): Promise<Map<string, TextRange[]>> {
  type Turn = { id: string; start_offset: number; end_offset: number; speaker: string | null };
  const out = new Map<string, TextRange[]>();
  for (const sourceId of sourceIds) {
    const pages = inPages<Turn>((after, limit) => {
      let query = db
        .selectFrom('turns')
        .select(['id', 'start_offset', 'end_offset', 'speaker'])
        .where('source_id', '=', sourceId);
      if (after) query = query.where((eb) => eb(eb.refTuple('start_offset', 'id'), '>', eb.tuple(after.start_offset, after.id)));
      return query.orderBy('start_offset').orderBy('id').limit(limit).execute();
    }, pageRows);
    const list: TextRange[] = [];
    for await (const page of pages) {
      for (const t of page) if (speakerRole(t.speaker) === role) list.push({ start: t.start_offset, end: t.end_offset });
    }
    if (list.length > 0) out.set(sourceId, list);
  }
  return out;
}

/** The paragraphs that hold words of the turns given (the others are not counted as matches). */
async function paragraphsSpoken<P extends { rowid: number; sourceId: string }>(
  db: Db,
  paragraphs: P[],
  spoken: Map<string, TextRange[]>,
  pageRows: number,
): Promise<P[]> {
  const out: P[] = [];
  const asked = paragraphs.filter((p) => spoken.has(p.sourceId));
  // A part at a time, with a turn of the event loop between (issue 13).
  for (let i = 0; i < asked.length; i += pageRows) {
    if (i > 0) await yieldToEventLoop();
    const part = asked.slice(i, i + pageRows);
    const bounds = await paragraphBounds(
      db,
      part.map((p) => p.rowid),
    );
    for (const p of part) {
      const range = bounds.get(p.rowid);
      if (range !== undefined && overlapsAny(spoken.get(p.sourceId), range)) out.push(p);
    }
  }
  return out;
}

/** Whether `r` overlaps one of `ranges` (in text order, not overlapping each other): a binary search. */
function overlapsAny(ranges: readonly TextRange[] | undefined, r: TextRange): boolean {
  if (!ranges) return false;
  // The first range ending after r starts; the ranges before it all end before r.
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ranges[mid] as TextRange).end <= r.start) lo = mid + 1;
    else hi = mid;
  }
  const next = ranges[lo];
  return next !== undefined && next.start < r.end;
}

/** Source ids the search is limited to, or null for all. */
async function scope(
  ctx: CommandContext,
  projectId: string,
  sourceRefs: string[],
  caseRefs: string[],
  sources: { id: string; case_id: string | null }[],
): Promise<Set<string> | null> {
  if (sourceRefs.length === 0 && caseRefs.length === 0) return null;
  const ids = new Set<string>();
  for (const ref of sourceRefs) ids.add((await resolveSource(ctx.store.db, projectId, ref)).id);
  for (const ref of caseRefs) {
    const c = await resolveCase(ctx.store.db, projectId, ref);
    for (const s of sources) if (s.case_id === c.id) ids.add(s.id);
  }
  return ids;
}

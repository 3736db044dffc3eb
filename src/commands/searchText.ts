import { z } from 'zod';
import type { TextRange } from '../core/anchoring/range.js';
import { invalid, KodaError } from '../core/errors.js';
import { kwic } from '../core/queries/kwic.js';
import { allTermsFound, findTerms, parseSearchQuery, stemTerms } from '../core/queries/searchQuery.js';
import { STEM_LANGUAGES, type StemLanguage } from '../core/queries/stemming.js';
import { CodePointIndex } from '../core/text/codePoints.js';
import { type SpeakerRole, speakerRole } from '../core/transcript/roles.js';
import type { Db } from '../store/db.js';
import { matchParagraphs, paragraphBounds, syncSearchIndex } from '../store/searchIndex.js';
import type { CommandContext } from './helpers/context.js';
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
});

/**
 * Text search over a project's sources with Swedish and English stemming: "möjligheterna" finds
 * "möjlighet", "strategies" finds "strategy". The search index (store/searchIndex.ts) is brought
 * up to date first, the query's stems are matched by FTS5, and each matching paragraph's canonical
 * text is searched again to place the hits: keyword-in-context lines with code point offsets,
 * in reading order (source name, offset).
 */
export async function searchText(ctx: CommandContext, input: z.input<typeof Input>, hooks: { progress?: ProgressHook } = {}) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const terms = parseSearchQuery(args.query);
  if (terms.length === 0) throw invalid('search.empty', {});
  await syncSearchIndex(db, project.id, { onProgress: hooks.progress });
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
  const rank = new Map([...sources].sort((a, b) => compareText(a.name, b.name)).map((s, i) => [s.id, i]));
  const inScope = paragraphHits
    .filter((p) => !allowed || allowed.has(p.sourceId))
    // Reading order: by source name, then paragraph (a source's paragraphs are indexed in order).
    .sort((a, b) => (rank.get(a.sourceId) ?? 0) - (rank.get(b.sourceId) ?? 0) || a.rowid - b.rowid);
  const spoken = args.role ? await turnsOfRole(db, project.id, args.role) : null;
  const found = spoken ? await paragraphsSpoken(db, inScope, spoken) : inScope;

  const hits: SearchHit[] = [];
  let truncated = false;
  // Paragraphs are placed a batch at a time until the lines asked for are there; a batch reads
  // the text of each of its sources once (hits come in reading order, so a batch spans few).
  const BATCH = 100;
  for (let i = 0; i < found.length && !truncated; i += BATCH) {
    const batch = found.slice(i, i + BATCH);
    const bounds = await paragraphBounds(
      db,
      batch.map((p) => p.rowid),
    );
    const texts = await sourceTexts(ctx, [...new Set(batch.map((p) => p.sourceId))]);
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

/** Each source's turns whose speaker has `role`, in text order. */
async function turnsOfRole(db: Db, projectId: string, role: SpeakerRole): Promise<Map<string, TextRange[]>> {
  const turns = await db
    .selectFrom('turns as t')
    .innerJoin('sources as s', 's.id', 't.source_id')
    .select(['t.source_id', 't.start_offset', 't.end_offset', 't.speaker'])
    .where('s.project_id', '=', projectId)
    .orderBy('t.start_offset')
    .execute();
  const out = new Map<string, TextRange[]>();
  for (const t of turns) {
    if (speakerRole(t.speaker) !== role) continue;
    const list = out.get(t.source_id) ?? [];
    list.push({ start: t.start_offset, end: t.end_offset });
    out.set(t.source_id, list);
  }
  return out;
}

/** The paragraphs that hold words of the turns given (the others are not counted as matches). */
async function paragraphsSpoken<P extends { rowid: number; sourceId: string }>(
  db: Db,
  paragraphs: P[],
  spoken: Map<string, TextRange[]>,
): Promise<P[]> {
  const bounds = await paragraphBounds(
    db,
    paragraphs.filter((p) => spoken.has(p.sourceId)).map((p) => p.rowid),
  );
  return paragraphs.filter((p) => {
    const range = bounds.get(p.rowid);
    return range !== undefined && overlapsAny(spoken.get(p.sourceId), range);
  });
}

const overlapsAny = (ranges: readonly TextRange[] | undefined, r: TextRange) =>
  ranges?.some((t) => t.start < r.end && r.start < t.end) ?? false;

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

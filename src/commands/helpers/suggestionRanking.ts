import { z } from 'zod';
import { invalid } from '../../core/errors.js';
import { BM25_DEFAULTS } from '../../core/suggest/bm25.js';
import { RANK_DEFAULTS, rankUnits, type Tokens, tokenize } from '../../core/suggest/rank.js';
import { SUGGEST_UNIT_KINDS, suggestUnits, type UnitRange } from '../../core/suggest/units.js';
import { CodePointIndex } from '../../core/text/codePoints.js';
import type { CommandContext } from './context.js';
import { coderKind, visibleLayer } from './layers.js';
import { findCode, loadCodes, resolveProject } from './resolve.js';

export const SuggestInput = z.object({
  project: z.string(),
  code: z.string(),
  /** How many suggestions, best first. */
  limit: z.number().int().min(1).max(200).default(20),
  /** What is suggested: a sentence or a speaker turn (core/suggest/units.ts). */
  unit: z.enum(SUGGEST_UNIT_KINDS as [string, ...string[]]).default('sentence'),
});

export const SUGGEST_METHOD = 'bm25' as const;

/** One passage offered for a code; `start`/`end` in code points of the source's text, half-open. */
export interface Suggestion {
  sourceId: string;
  sourceName: string;
  caseName: string | null;
  start: number;
  end: number;
  text: string;
  score: number;
  /** The words of the passage that made it similar, strongest first, as written (lower case). */
  words: string[];
}

interface Unit extends UnitRange {
  source: { id: string; name: string };
  caseName: string | null;
  text: string;
  tokens: Tokens;
}

/**
 * "Find more like this": passages of the project not yet coded with `code`, ranked by how much
 * they resemble the code's segments (BM25 over Snowball stems, core/suggest). Everything runs
 * here, on this machine: no text is sent anywhere. The examples are the code's segments in the
 * layers the caller may see, less accepted suggestions (the machine does not learn from itself);
 * a passage is left out when any visible segment of the code overlaps it, or when someone
 * rejected or accepted a passage overlapping it for this code. Reads only.
 */
export async function rankSuggestions(ctx: CommandContext, args: z.output<typeof SuggestInput>) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const code = findCode(await loadCodes(db, project.id), args.code);
  const language = project.language === 'en' ? 'en' : 'sv';
  const only = await visibleLayer(db, project, ctx);
  const coders = await db.selectFrom('coders').select(['id', 'name', 'kind']).where('project_id', '=', project.id).execute();
  const seen = only === null ? coders : coders.filter((c) => c.name === only);
  const machine = new Set(coders.filter((c) => coderKind(c) === 'suggestions').map((c) => c.id));
  const segments = await db
    .selectFrom('segments')
    .select(['source_id', 'start_offset', 'end_offset', 'coder_id', 'exact'])
    .where('code_id', '=', code.id)
    .where('coder_id', 'in', seen.length ? seen.map((c) => c.id) : [''])
    .execute();
  const examples = segments.filter((s) => !machine.has(s.coder_id)).map((s) => tokenize(s.exact, language).stems);
  if (examples.length === 0) throw invalid('suggest.no-examples', { code: code.name });

  let decided = db
    .selectFrom('suggestion_decisions')
    .select(['source_id', 'start_offset', 'end_offset'])
    .where('project_id', '=', project.id)
    .where('code_id', '=', code.id);
  // While blind, a coder's own decisions count, nobody else's.
  if (only !== null) decided = decided.where('decided_by', '=', only);
  const taken = bySource([...segments, ...(await decided.execute())]);

  const units = await loadUnits(ctx, project.id, args.unit as 'sentence', language);
  const blocked = (u: Unit) => (taken.get(u.source.id) ?? []).some((t) => t.start_offset < u.end && u.start < t.end_offset);
  const parameters = { ...BM25_DEFAULTS, ...RANK_DEFAULTS };
  const ranking = rankUnits({
    units: units.map((u) => u.tokens),
    examples,
    candidate: (i) => !blocked(units[i] as Unit),
    limit: args.limit,
    parameters,
  });
  const suggestions: Suggestion[] = ranking.ranked.map((r) => {
    const u = units[r.unit] as Unit;
    const { source, caseName, start, end, text } = u;
    return { sourceId: source.id, sourceName: source.name, caseName, start, end, text, score: round(r.score), words: r.words };
  });
  return {
    method: SUGGEST_METHOD,
    parameters: { ...parameters, unit: args.unit, language, examples: examples.length, units: units.length },
    code: { id: code.id, name: code.name },
    /** The stems the query was made of, strongest first: what "like this" meant. */
    query: ranking.query.map((q) => ({ stem: q.stem, weight: round(q.weight) })),
    suggestions,
  };
}

function bySource<T extends { source_id: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.source_id);
    if (list) list.push(r);
    else out.set(r.source_id, [r]);
  }
  return out;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Every unit of every source of the project, with its words (the whole project is the BM25 collection). */
async function loadUnits(ctx: CommandContext, projectId: string, kind: 'sentence' | 'turn', language: 'sv' | 'en') {
  const { db } = ctx.store;
  const [sources, turns, cases] = await Promise.all([
    db
      .selectFrom('sources')
      .select(['id', 'name', 'case_id', 'text'])
      .where('project_id', '=', projectId)
      .orderBy('name')
      .execute(),
    db
      .selectFrom('turns as t')
      .innerJoin('sources as s', 's.id', 't.source_id')
      .select(['t.source_id', 't.start_offset', 't.end_offset', 't.speaker', 't.case_id'])
      .where('s.project_id', '=', projectId)
      .orderBy('t.start_offset')
      .execute(),
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', projectId).execute(),
  ]);
  const caseName = new Map(cases.map((c) => [c.id, c.name]));
  const turnsOf = bySource(turns);
  const out: Unit[] = [];
  for (const source of sources) {
    const own = turnsOf.get(source.id) ?? [];
    const spans = own.map((t) => ({ start: t.start_offset, end: t.end_offset, speaker: t.speaker }));
    const index = new CodePointIndex(source.text);
    for (const range of suggestUnits(source.text, spans, kind)) {
      const text = index.slice(range.start, range.end);
      // A turn spoken by another case than the source's (a group interview) names its speaker.
      const turn = own.findLast((t) => t.start_offset <= range.start);
      const caseId = turn?.case_id ?? source.case_id;
      out.push({
        ...range,
        source: { id: source.id, name: source.name },
        caseName: caseId ? (caseName.get(caseId) ?? null) : null,
        text,
        tokens: tokenize(text, language),
      });
    }
  }
  return out;
}

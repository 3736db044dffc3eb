import { z } from 'zod';
import { invalid, notFound } from '../../core/errors.js';
import { type SpeakerRole, speakerRole } from '../../core/transcript/roles.js';
import type { Db } from '../../store/db.js';
import { resolveCase, resolveSource } from './resolve.js';
import { casesWithValue, resolveSet, ruleFor, type SetKind, setMemberIds } from './sets.js';

/**
 * The filter every analysis takes (matrices, frequencies, co-occurrence, retrieval, search,
 * coding queries, smart codes, reports): which segments count, by where they are (sources,
 * source sets), whose words they are (cases, case sets, case attributes), who coded them and the
 * speaker's role. All fields are optional; sets, sources, cases and coders by name or id.
 *
 * How the parts combine: the fields AND together (a segment must pass each one given); within a
 * field the items OR together (several sources, several sets of one kind: any of them), except
 * attributes, which AND together (`stadsdel = Norr` and `roll = chef`: cases holding both).
 * A segment's case is its turn's case when the turn has one (group interviews), else its source's.
 */
export const AnalysisFilter = z.object({
  sourceSets: z.array(z.string()).optional(),
  caseSets: z.array(z.string()).optional(),
  sources: z.array(z.string()).optional(),
  cases: z.array(z.string()).optional(),
  attributes: z.array(z.object({ attribute: z.string(), value: z.string() })).optional(),
  coders: z.array(z.string()).optional(),
  speaker: z.enum(['interviewer', 'participant']).optional(),
});
export type AnalysisFilter = z.infer<typeof AnalysisFilter>;

/** The filter as it was asked for, by name: what a report or a heading states. */
export interface FilterDescription {
  sourceSets: string[];
  caseSets: string[];
  sources: string[];
  cases: string[];
  attributes: { attribute: string; value: string }[];
  coders: string[];
  speaker: SpeakerRole | null;
}

/**
 * A filter with its names resolved to ids, ready to test segments. A null set allows anything;
 * an empty set allows nothing (a set without members filters everything out).
 */
export interface ResolvedFilter {
  /** Sources a passing segment may be in; narrowed to the sources the case part can reach. */
  sourceIds: ReadonlySet<string> | null;
  caseIds: ReadonlySet<string> | null;
  coderIds: ReadonlySet<string> | null;
  speaker: SpeakerRole | null;
  /** Whether the filter rules anything out at all. */
  active: boolean;
  described: FilterDescription;
}

/** A segment as the filter sees it; `caseId` is the turn's case when it has one, else the source's. */
export interface FilterableSegment {
  sourceId: string;
  caseId: string | null;
  coderId: string;
  /** The turn's speaker label (or a role); null outside turns. */
  speaker: string | null;
}

/** Whether a segment passes the filter: pure, for the commands that test segments one by one. */
export function passes(resolved: ResolvedFilter, seg: FilterableSegment): boolean {
  if (resolved.sourceIds && !resolved.sourceIds.has(seg.sourceId)) return false;
  if (resolved.caseIds && (seg.caseId === null || !resolved.caseIds.has(seg.caseId))) return false;
  if (resolved.coderIds && !resolved.coderIds.has(seg.coderId)) return false;
  if (resolved.speaker && speakerRole(seg.speaker) !== resolved.speaker) return false;
  return true;
}

/** A filter that rules nothing out. */
export const NO_FILTER: ResolvedFilter = {
  sourceIds: null,
  caseIds: null,
  coderIds: null,
  speaker: null,
  active: false,
  described: { sourceSets: [], caseSets: [], sources: [], cases: [], attributes: [], coders: [], speaker: null },
};

/**
 * Resolves a filter's names to ids: unknown sets, sources, cases, attributes and coders are a
 * not-found error, a value the attribute's type refuses an invalid-input error.
 */
export async function resolveFilter(db: Db, projectId: string, filter: AnalysisFilter = {}): Promise<ResolvedFilter> {
  // Fresh lists: the parts below push into them, and NO_FILTER's are shared by everyone.
  const described: FilterDescription = {
    sourceSets: [],
    caseSets: [],
    sources: [],
    cases: [],
    attributes: [],
    coders: [],
    speaker: filter.speaker ?? null,
  };
  let sourceIds = intersect(null, await fromSets(db, projectId, 'source', filter.sourceSets, described.sourceSets));
  if (filter.sources?.length) {
    const rows = await Promise.all(filter.sources.map((s) => resolveSource(db, projectId, s)));
    described.sources = rows.map((r) => r.name);
    sourceIds = intersect(
      sourceIds,
      rows.map((r) => r.id),
    );
  }
  let caseIds = intersect(null, await fromSets(db, projectId, 'case', filter.caseSets, described.caseSets));
  if (filter.cases?.length) {
    const rows = await Promise.all(filter.cases.map((c) => resolveCase(db, projectId, c)));
    described.cases = rows.map((r) => r.name);
    caseIds = intersect(
      caseIds,
      rows.map((r) => r.id),
    );
  }
  for (const a of filter.attributes ?? []) {
    const rule = await ruleFor(db, projectId, a);
    described.attributes.push(rule);
    caseIds = intersect(caseIds, await casesWithValue(db, projectId, rule));
  }
  let coderIds: Set<string> | null = null;
  if (filter.coders?.length) {
    const coders = await db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', projectId).execute();
    coderIds = new Set(
      filter.coders.map((ref) => {
        const found = coders.find((k) => k.id === ref) ?? coders.find((k) => k.name === ref);
        if (!found) throw notFound('coder.not-found', { coder: ref });
        described.coders.push(found.name);
        return found.id;
      }),
    );
  }
  if (caseIds) sourceIds = intersect(sourceIds, await sourcesReaching(db, projectId, [...caseIds]));
  const speaker = filter.speaker ?? null;
  const active = sourceIds !== null || caseIds !== null || coderIds !== null || speaker !== null;
  return { sourceIds, caseIds, coderIds, speaker, active, described };
}

/** The members of the named sets of one kind, together (null when none are named). */
async function fromSets(db: Db, projectId: string, kind: SetKind, refs: string[] | undefined, names: string[]) {
  if (!refs?.length) return null;
  const ids = new Set<string>();
  for (const ref of refs) {
    const set = await resolveSet(db, projectId, kind, ref);
    names.push(set.name);
    for (const id of await setMemberIds(db, set)) ids.add(id);
  }
  return [...ids];
}

/** The sources where these cases speak: their own sources and those holding a turn of theirs. */
async function sourcesReaching(db: Db, projectId: string, caseIds: string[]): Promise<string[]> {
  const [own, turns] = await Promise.all([
    db.selectFrom('sources').select('id').where('project_id', '=', projectId).where('case_id', 'in', caseIds).execute(),
    db
      .selectFrom('turns as t')
      .innerJoin('sources as s', 's.id', 't.source_id')
      .select('t.source_id as id')
      .distinct()
      .where('s.project_id', '=', projectId)
      .where('t.case_id', 'in', caseIds)
      .execute(),
  ]);
  return [...own, ...turns].map((r) => r.id);
}

function intersect(current: Set<string> | null, ids: string[] | null): Set<string> | null {
  if (ids === null) return current;
  if (current === null) return new Set(ids);
  return new Set(ids.filter((id) => current.has(id)));
}

/** `stadsdel=Norr` (the CLI's `--where`, a query string's `where`) as an attribute condition. */
export function parseWhere(text: string): { attribute: string; value: string } {
  const at = text.indexOf('=');
  const attribute = at < 0 ? '' : text.slice(0, at).trim();
  const value = at < 0 ? '' : text.slice(at + 1).trim();
  if (!attribute || !value) throw invalid('filter.where', { where: text });
  return { attribute, value };
}

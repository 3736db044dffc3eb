import { rangeAfter, type TextChange } from '../../core/anchoring/textChange.js';
import { conflict } from '../../core/errors.js';
import { codePointOffset } from '../../core/text/codePoints.js';
import { derivedGuid } from '../../formats/refi/qdeWriter.js';
import { type Translate, translator } from '../../i18n/index.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import { newId, nowIso } from '../../store/ids.js';
import type { MemoRow, ProjectRow } from '../../store/schema.js';
import { coderKind } from './layers.js';

/**
 * The suggestions layer and the provenance of "find more like this" (issue 16, item 5).
 *
 * Accepted suggestions are segments of one coder row per project of kind `suggestions`, named
 * `suggestions` whatever the interface language (a name in the data must not change with the
 * reader's language); `suggestion_decisions` keeps each decision: the passage (code points,
 * half-open), the method and its parameters, the words, the score, who and when.
 */
export const SUGGESTIONS_LAYER = 'suggestions';

/** The project's suggestions layer, made on first use. */
export async function suggestionsLayer(w: ChangeRecorder, projectId: string): Promise<string> {
  const found = await w.trx
    .selectFrom('coders')
    .select(['id', 'kind'])
    .where('project_id', '=', projectId)
    .where('name', '=', SUGGESTIONS_LAYER)
    .executeTakeFirst();
  if (found && coderKind(found) !== 'suggestions') throw conflict('suggestions.layer-name-taken', { layer: SUGGESTIONS_LAYER });
  if (found) return found.id;
  const id = newId();
  await w.insert('coders', { id, project_id: projectId, name: SUGGESTIONS_LAYER, created_at: nowIso(), kind: 'suggestions' });
  return id;
}

/** Decisions on passages of these sources: they quote the sources' words, so they go with them. */
export async function eraseDecisionsOfSources(w: ChangeRecorder, sourceIds: string[]): Promise<number> {
  if (sourceIds.length === 0) return 0;
  const rows = await w.trx.selectFrom('suggestion_decisions').select('id').where('source_id', 'in', sourceIds).execute();
  await w.delete(
    'suggestion_decisions',
    rows.map((r) => r.id),
  );
  return rows.length;
}

/** Decisions about deleted codes. */
export async function eraseDecisionsOfCodes(w: ChangeRecorder, codeIds: string[]): Promise<number> {
  if (codeIds.length === 0) return 0;
  const rows = await w.trx.selectFrom('suggestion_decisions').select('id').where('code_id', 'in', codeIds).execute();
  await w.delete(
    'suggestion_decisions',
    rows.map((r) => r.id),
  );
  return rows.length;
}

/** A merged code's decisions follow its segments into the code it was merged into. */
export async function moveDecisions(w: ChangeRecorder, fromCodeId: string, intoCodeId: string): Promise<void> {
  const rows = await w.trx.selectFrom('suggestion_decisions').select('id').where('code_id', '=', fromCodeId).execute();
  for (const r of rows) await w.update('suggestion_decisions', r.id, { code_id: intoCodeId });
}

/**
 * A source's text was cut (a withdrawn participant's turns): decisions on passages that lost
 * words go, the others move with the text. `map` gives a range's place after the cut, or null.
 */
export async function cutDecisions(
  w: ChangeRecorder,
  sourceId: string,
  map: (r: { start: number; end: number }) => { start: number; end: number } | null,
): Promise<void> {
  const rows = await w.trx
    .selectFrom('suggestion_decisions')
    .select(['id', 'start_offset', 'end_offset'])
    .where('source_id', '=', sourceId)
    .execute();
  const lost: string[] = [];
  for (const r of rows) {
    const moved = map({ start: r.start_offset, end: r.end_offset });
    if (!moved) lost.push(r.id);
    else if (moved.start !== r.start_offset || moved.end !== r.end_offset)
      await w.update('suggestion_decisions', r.id, { start_offset: moved.start, end_offset: moved.end });
  }
  await w.delete('suggestion_decisions', lost);
}

/** One method with one set of parameters, as the decisions made with it record it. */
export interface SuggestionProvenance {
  method: string;
  parameters: Record<string, unknown>;
  accepted: number;
  rejected: number;
  /** Who decided, by name, sorted. */
  by: string[];
  /** First and last day of a decision, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** Names of the codes the decisions were about, sorted. */
  codes: string[];
}

/** What the machine did in a project, grouped by method and parameters, for exports and the report. */
export async function suggestionProvenance(db: Db, projectId: string): Promise<SuggestionProvenance[]> {
  const rows = await db
    .selectFrom('suggestion_decisions as d')
    .leftJoin('codes as c', 'c.id', 'd.code_id')
    .select(['d.method', 'd.parameters', 'd.decision', 'd.decided_by', 'd.decided_at', 'c.name as code'])
    .where('d.project_id', '=', projectId)
    .orderBy('d.decided_at')
    .execute();
  const groups = new Map<string, SuggestionProvenance & { people: Set<string>; named: Set<string> }>();
  for (const r of rows) {
    const key = `${r.method}\u0000${r.parameters}`;
    let g = groups.get(key);
    if (!g) {
      const parameters = JSON.parse(r.parameters) as Record<string, unknown>;
      g = {
        method: r.method,
        parameters,
        accepted: 0,
        rejected: 0,
        by: [],
        from: '',
        to: '',
        codes: [],
        people: new Set(),
        named: new Set(),
      };
      groups.set(key, g);
    }
    if (r.decision === 'accepted') g.accepted++;
    else g.rejected++;
    g.people.add(r.decided_by);
    if (r.code) g.named.add(r.code);
    const day = r.decided_at.slice(0, 10);
    if (!g.from || day < g.from) g.from = day;
    if (day > g.to) g.to = day;
  }
  return [...groups.values()].map(({ people, named, ...g }) => ({ ...g, by: [...people].sort(), codes: [...named].sort() }));
}

/**
 * What the machine did, in words for a methods section (the results draft): one paragraph per
 * method and parameters used, saying how it ranks, that it ran on this computer, who accepted
 * and rejected how many, when, and where the accepted ones are.
 */
export function provenanceParagraphs(list: SuggestionProvenance[], t: Translate): string[] {
  return list.map((g) => {
    const p = g.parameters;
    const unit = p.unit === 'turn' ? 'turn' : 'sentence';
    return t('report|suggestions', {
      codes: g.codes.join(', '),
      unit: t(`report|suggestions-unit-${unit}`),
      method: g.method,
      k1: p.k1,
      b: p.b,
      terms: p.terms,
      by: g.by.join(', '),
      accepted: g.accepted,
      rejected: g.rejected,
      from: g.from,
      to: g.to,
    });
  });
}

/**
 * The provenance as a memo on the project, in the project's language, for a REFI-QDA export (a
 * project-level Note); null when no suggestion was ever decided. Made for the export only, never stored.
 */
export async function provenanceNote(db: Db, project: ProjectRow): Promise<MemoRow | null> {
  const list = await suggestionProvenance(db, project.id);
  if (list.length === 0) return null;
  const t = translator(project.language === 'en' ? 'en' : 'sv');
  const days = list.flatMap((g) => [g.from, g.to]).sort();
  return {
    // The same note in every export of the same decisions: a GUID derived from the project's.
    id: derivedGuid(project.id, 'memo'),
    project_id: project.id,
    target_kind: 'project',
    target_id: null,
    title: t('report|suggestions-note'),
    body: provenanceParagraphs(list, t).join('\n\n'),
    created_at: `${days[0]}T00:00:00.000Z`,
    updated_at: `${days.at(-1)}T00:00:00.000Z`,
  };
}

/**
 * A source was pseudonymised (applyPseudonyms, not undoable): its decisions follow the text, and
 * the words they keep get the fictive forms, so no real name stays behind in them.
 */
export async function pseudonymiseDecisions(
  db: Db,
  sourceId: string,
  map: { mapRange(r: { start: number; end: number }): { start: number; end: number } },
  replace: (word: string) => string,
): Promise<void> {
  const rows = await db
    .selectFrom('suggestion_decisions')
    .select(['id', 'start_offset', 'end_offset', 'words'])
    .where('source_id', '=', sourceId)
    .execute();
  for (const r of rows) {
    const moved = map.mapRange({ start: r.start_offset, end: r.end_offset });
    const words = JSON.stringify((JSON.parse(r.words) as string[]).map(replace));
    await db
      .updateTable('suggestion_decisions')
      .set({ start_offset: moved.start, end_offset: moved.end, words })
      .where('id', '=', r.id)
      .execute();
  }
}

/**
 * A source's text was edited (editTranscript): its decisions follow their words, so a rejected
 * passage stays rejected where it now lies and the provenance keeps pointing at the right words.
 * Through the recorder, so undo puts them back.
 */
export async function followTextChange(w: ChangeRecorder, sourceId: string, change: TextChange): Promise<void> {
  const rows = await w.trx
    .selectFrom('suggestion_decisions')
    .select(['id', 'start_offset', 'end_offset'])
    .where('source_id', '=', sourceId)
    .where('end_offset', '>', change.start)
    .execute();
  for (const r of rows) {
    const moved = rangeAfter(change, { start: codePointOffset(r.start_offset), end: codePointOffset(r.end_offset) });
    if (moved.start !== r.start_offset || moved.end !== r.end_offset)
      await w.update('suggestion_decisions', r.id, { start_offset: moved.start, end_offset: moved.end });
  }
}

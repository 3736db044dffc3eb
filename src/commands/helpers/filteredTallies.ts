import { speakerRole } from '../../core/transcript/roles.js';
import type { Db } from '../../store/db.js';
import type { ResolvedFilter } from './analysisFilter.js';
import { type Tally, tallySegments } from './queryData.js';

/**
 * The tallies of the query commands (queryData.ts) over the segments an analysis filter lets
 * through. Sources and coders narrow the indexed GROUP BY itself; cases are kept or dropped per
 * tally, each tally being of one case already; a speaker role needs each segment's turn, so then
 * the segments are grouped by their turn's speaker label too (few per source) and the role is
 * read from the label.
 */
export async function filteredTallies(
  db: Db,
  projectId: string,
  layers: string[] | null,
  filter: ResolvedFilter,
): Promise<Tally[]> {
  const counted = narrowLayers(layers, filter.coderIds);
  const tallies = filter.speaker
    ? await tallyBySpeaker(db, projectId, counted, filter)
    : await tallySegments(db, projectId, counted, { sourceIds: filter.sourceIds });
  const cases = filter.caseIds;
  return cases ? tallies.filter((t) => t.caseId !== null && cases.has(t.caseId)) : tallies;
}

/** The layers counted (null: all) that the filter's coders allow too. */
export function narrowLayers(layers: string[] | null, coderIds: ReadonlySet<string> | null): string[] | null {
  if (coderIds === null) return layers;
  return layers === null ? [...coderIds] : layers.filter((id) => coderIds.has(id));
}

/** Segments in turns of the filter's speaker role, tallied per code, source and case, a code at a time. */
async function tallyBySpeaker(db: Db, projectId: string, layers: string[] | null, filter: ResolvedFilter): Promise<Tally[]> {
  if (layers !== null && layers.length === 0) return [];
  const [codes, sources] = await Promise.all([
    db.selectFrom('codes').select('id').where('project_id', '=', projectId).execute(),
    db.selectFrom('sources').select(['id', 'case_id']).where('project_id', '=', projectId).execute(),
  ]);
  const caseOfSource = new Map(sources.map((s) => [s.id, s.case_id]));
  const out = new Map<string, Tally>();
  for (const { id } of codes) {
    let query = db
      .selectFrom('segments as s')
      .innerJoin('turns as t', 't.id', 's.turn_id')
      .select([
        's.code_id',
        's.source_id',
        't.case_id',
        't.speaker',
        (eb) => eb.fn.countAll<number>().as('n'),
        (eb) => eb.fn.sum<number>(eb('s.end_offset', '-', eb.ref('s.start_offset'))).as('chars'),
      ])
      .where('s.code_id', '=', id)
      .groupBy(['s.code_id', 's.source_id', 't.case_id', 't.speaker']);
    if (layers !== null) query = query.where('s.coder_id', 'in', layers);
    if (filter.sourceIds !== null) query = query.where('s.source_id', 'in', [...filter.sourceIds]);
    for (const r of await query.execute()) {
      if (speakerRole(r.speaker) !== filter.speaker) continue;
      const caseId = r.case_id ?? caseOfSource.get(r.source_id) ?? null;
      const key = `${r.code_id}\u0000${r.source_id}\u0000${caseId ?? ''}`;
      const t = out.get(key) ?? { codeId: r.code_id, sourceId: r.source_id, caseId, count: 0, chars: 0 };
      t.count += Number(r.n);
      t.chars += Number(r.chars);
      out.set(key, t);
    }
  }
  return [...out.values()];
}

import { displayColors } from '../../core/codebook/colors.js';
import type { CodeNode } from '../../core/queries/matrix.js';
import type { Db } from '../../store/db.js';
import { Slice } from '../../store/eventLoop.js';
import type { CodeRow, ProjectRow } from '../../store/schema.js';
import { visibleLayer, type Who } from './layers.js';
import { inPages, PAGE_ROWS, readEach } from './pages.js';

/**
 * What the query commands (matrices, frequencies, co-occurrence, reports) read, each in one
 * indexed query: which coding layers count, and the segments tallied per code, source and case.
 */

/**
 * The coder ids whose segments count, or null for all: the coder named (none if unknown), and
 * in blind mode only the acting coder's own layer (as retrieveSegments shows).
 */
export async function countedLayers(db: Db, project: ProjectRow, who: Who, coder?: string): Promise<string[] | null> {
  const coders = await db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', project.id).execute();
  const only = await visibleLayer(db, project, who);
  const idOf = (name: string) => coders.find((k) => k.name === name)?.id ?? '';
  if (only !== null && coder !== undefined && coder !== only) return [];
  if (only !== null) return [idOf(only)];
  return coder === undefined ? null : [idOf(coder)];
}

/** The codebook as the queries see it, each code in the colour it is shown in (its shade). */
export function asCodeNodes(codes: readonly CodeRow[]): CodeNode[] {
  const nodes = codes.map((c) => ({ id: c.id, parentId: c.parent_id, position: c.position, name: c.name, color: c.color }));
  const shown = displayColors(nodes);
  return nodes.map((n) => ({ ...n, color: shown.get(n.id) ?? n.color }));
}

/** Told how far a long command has come (`done` of `total` steps), e.g. to draw a progress bar. */
export type ProgressHook = (done: number, total: number) => void;

/** Segments of one code in one source attributed to one case (null: no case). */
export interface Tally {
  codeId: string;
  sourceId: string;
  caseId: string | null;
  count: number;
  chars: number;
}

/**
 * Segments tallied per code × source × case, as retrieveSegments attributes them: to the case
 * of the segment's turn when the turn has one (group interviews), else to the source's case.
 * A GROUP BY over the covering index `segments_aggregate`, a code and a page of its sources at a
 * time (issue 13: the whole project's in one go held the server; on PostgreSQL several codes at
 * once, helpers/pages.ts readEach), and one over the few turns
 * linked to a case of their own. `sourceIds` keeps only those sources' segments (an analysis
 * filter's sources, helpers/filteredTallies.ts). `pageRows` is for tests.
 */
export async function tallySegments(
  db: Db,
  projectId: string,
  layers: string[] | null,
  { pageRows = PAGE_ROWS, sourceIds = null }: { pageRows?: number; sourceIds?: ReadonlySet<string> | null } = {},
): Promise<Tally[]> {
  if (layers !== null && layers.length === 0) return [];
  if (sourceIds !== null && sourceIds.size === 0) return [];
  const only = sourceIds === null ? null : [...sourceIds];
  const codeIds = db.selectFrom('codes').select('id').where('project_id', '=', projectId);
  let byTurn = db
    .selectFrom('turns as t')
    .innerJoin('segments as s', 's.turn_id', 't.id')
    .select([
      's.code_id',
      's.source_id',
      't.case_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>(eb('s.end_offset', '-', eb.ref('s.start_offset'))).as('chars'),
    ])
    // Redundant for the answer, but PostgreSQL then reads the few linked turns through their
    // index: it misjudged the IN alone and joined every segment to its turn first (issue 13).
    .where('t.case_id', 'is not', null)
    .where('t.case_id', 'in', db.selectFrom('cases').select('id').where('project_id', '=', projectId))
    .groupBy(['s.code_id', 's.source_id', 't.case_id']);
  if (layers !== null) byTurn = byTurn.where('s.coder_id', 'in', layers);
  if (only !== null) byTurn = byTurn.where('s.source_id', 'in', only);
  const [codes, turnRows, sources] = await Promise.all([
    codeIds.execute(),
    byTurn.execute(),
    db.selectFrom('sources').select(['id', 'case_id']).where('project_id', '=', projectId).execute(),
  ]);
  type Row = Awaited<ReturnType<typeof tallyPage>>[number];
  const perCode = await readEach(db, codes, async ({ id }) => {
    const mine: Row[] = [];
    for await (const page of inPages<Row>((after, limit) => tallyPage(db, id, layers, only, after?.source_id, limit), pageRows)) {
      for (const r of page) mine.push(r);
    }
    return mine;
  });
  const rows = perCode.flat();
  const caseOfSource = new Map(sources.map((s) => [s.id, s.case_id]));
  const key = (code: string, source: string) => `${code}\u0000${source}`;
  const moved = new Map<string, { count: number; chars: number }>();
  const out: Tally[] = [];
  // Tens of thousands of rows in a big project: the event loop turns between slices.
  const slice = new Slice();
  for (const r of turnRows) {
    if (slice.due()) await slice.pause();
    const count = Number(r.n);
    const chars = Number(r.chars);
    out.push({ codeId: r.code_id, sourceId: r.source_id, caseId: r.case_id, count, chars });
    const m = moved.get(key(r.code_id, r.source_id)) ?? { count: 0, chars: 0 };
    m.count += count;
    m.chars += chars;
    moved.set(key(r.code_id, r.source_id), m);
  }
  for (const r of rows) {
    if (slice.due()) await slice.pause();
    const m = moved.get(key(r.code_id, r.source_id));
    const count = Number(r.n) - (m?.count ?? 0);
    const chars = Number(r.chars) - (m?.chars ?? 0);
    if (count > 0)
      out.push({ codeId: r.code_id, sourceId: r.source_id, caseId: caseOfSource.get(r.source_id) ?? null, count, chars });
  }
  return out;
}

/** One code's segments counted per source, for the sources after `after` (by id), at most `limit` of them. */
function tallyPage(
  db: Db,
  codeId: string,
  layers: string[] | null,
  sourceIds: string[] | null,
  after: string | undefined,
  limit: number,
) {
  let query = db
    .selectFrom('segments')
    .select([
      'code_id',
      'source_id',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.sum<number>(eb('end_offset', '-', eb.ref('start_offset'))).as('chars'),
    ])
    .where('code_id', '=', codeId);
  if (after !== undefined) query = query.where('source_id', '>', after);
  if (layers !== null) query = query.where('coder_id', 'in', layers);
  if (sourceIds !== null) query = query.where('source_id', 'in', sourceIds);
  return query.groupBy(['code_id', 'source_id']).orderBy('source_id').limit(limit).execute();
}

/** A project's cases by name, with the value of each attribute asked for. */
export async function casesWithAttributes(db: Db, projectId: string) {
  const [cases, values, attributes] = await Promise.all([
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', projectId).execute(),
    db
      .selectFrom('attribute_values as v')
      .innerJoin('attributes as a', 'a.id', 'v.attribute_id')
      .select(['v.case_id', 'a.name', 'v.value'])
      .where('a.project_id', '=', projectId)
      .execute(),
    db.selectFrom('attributes').selectAll().where('project_id', '=', projectId).orderBy('position').execute(),
  ]);
  const byCase = new Map<string, Record<string, string>>();
  for (const v of values) byCase.set(v.case_id, { ...(byCase.get(v.case_id) ?? {}), [v.name]: v.value });
  return {
    attributes: attributes.map((a) => ({ id: a.id, name: a.name, type: a.type, choices: JSON.parse(a.choices) as string[] })),
    cases: cases
      .map((c) => ({ id: c.id, name: c.name, attributes: byCase.get(c.id) ?? {} }))
      .sort((a, b) => a.name.localeCompare(b.name, 'sv')),
  };
}

import { z } from 'zod';
import { subtreeIds } from '../../core/codebook/tree.js';
import { asNodes } from './codebook.js';
import type { CommandContext } from './context.js';
import { visibleLayer } from './layers.js';
import { findCode, loadCodes, resolveCase, resolveProject, resolveSource } from './resolve.js';

export const RetrievalInput = z.object({
  project: z.string(),
  code: z.string().optional(),
  /** With `code`: also segments of every code below it (a category's whole branch). */
  includeDescendants: z.boolean().default(true),
  source: z.string().optional(),
  case: z.string().optional(),
  coder: z.string().optional(),
});

/**
 * Coded segments with their text, source, case and code, in reading order. One indexed query
 * over segments (joined only to their turn, whose case outranks the source's); the few
 * sources, codes, coders and cases of the project are looked up in memory rather than joined
 * per row, which keeps a 40,000-segment category fast. The text is the segment's stored quote.
 */
export async function findSegments(ctx: CommandContext, args: z.output<typeof RetrievalInput>) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const codes = await loadCodes(db, project.id);
  const codeIds = args.code ? codeFilter(codes, args.code, args.includeDescendants) : null;
  const sourceId = args.source ? (await resolveSource(db, project.id, args.source)).id : null;
  const caseId = args.case ? (await resolveCase(db, project.id, args.case)).id : null;
  const [sources, coders, cases] = await Promise.all([
    db.selectFrom('sources').select(['id', 'name', 'case_id']).where('project_id', '=', project.id).execute(),
    db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', project.id).execute(),
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', project.id).execute(),
  ]);
  const coderId = args.coder ? (coders.find((k) => k.name === args.coder)?.id ?? '') : null;
  // Blind mode: a coder other than the owner sees only their own layer.
  const only = await visibleLayer(db, project, ctx.actor);
  const layerId = only === null ? null : (coders.find((k) => k.name === only)?.id ?? '');

  let query = db
    .selectFrom('segments as s')
    .leftJoin('turns as t', 't.id', 's.turn_id')
    .select([
      's.id',
      's.source_id',
      's.code_id',
      's.coder_id',
      's.start_offset',
      's.end_offset',
      's.exact',
      's.memo',
      's.created_at',
    ])
    .select(['t.case_id as turn_case_id', 't.speaker', 't.start_ms'])
    .where('s.project_id', '=', project.id);
  if (codeIds) query = query.where('s.code_id', 'in', codeIds);
  if (sourceId) query = query.where('s.source_id', '=', sourceId);
  if (coderId !== null) query = query.where('s.coder_id', '=', coderId);
  if (layerId !== null) query = query.where('s.coder_id', '=', layerId);
  if (caseId) {
    // The case's own sources, less turns spoken by someone else, plus its turns elsewhere.
    const own = sources.filter((s) => s.case_id === caseId).map((s) => s.id);
    query = query.where((eb) =>
      eb.or([
        eb('t.case_id', '=', caseId),
        eb.and([eb('s.source_id', 'in', own.length ? own : ['']), eb('t.case_id', 'is', null)]),
      ]),
    );
  }
  const rows = await query.execute();

  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const codeById = new Map(codes.map((c) => [c.id, c]));
  const coderById = new Map(coders.map((k) => [k.id, k.name]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const out = rows.map((r) => {
    const source = sourceById.get(r.source_id);
    const code = codeById.get(r.code_id);
    const theCase = caseById.get(r.turn_case_id ?? source?.case_id ?? '');
    return {
      id: r.id,
      source: { id: r.source_id, name: source?.name ?? '' },
      case: theCase ? { id: theCase.id, name: theCase.name } : null,
      code: { id: r.code_id, name: code?.name ?? '', color: code?.color ?? '' },
      coder: coderById.get(r.coder_id) ?? '',
      start: r.start_offset,
      end: r.end_offset,
      text: r.exact,
      memo: r.memo,
      speaker: r.speaker ?? null,
      startMs: r.start_ms ?? null,
      createdAt: r.created_at,
    };
  });
  return out.sort(
    (a, b) =>
      compareText(a.source.name, b.source.name) || a.start - b.start || a.end - b.end || compareText(a.code.name, b.code.name),
  );
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function codeFilter(codes: Awaited<ReturnType<typeof loadCodes>>, ref: string, descendants: boolean): string[] {
  const code = findCode(codes, ref);
  return descendants ? subtreeIds(asNodes(codes), code.id) : [code.id];
}

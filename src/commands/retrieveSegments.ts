import { sql } from 'kysely';
import { z } from 'zod';
import { subtreeIds } from '../core/codebook/tree.js';
import { asNodes } from './codebook.js';
import type { CommandContext } from './context.js';
import { findCode, loadCodes, resolveCase, resolveProject, resolveSource } from './resolve.js';
import { parseInput } from './validate.js';

export const Input = z.object({
  project: z.string(),
  code: z.string().optional(),
  /** With `code`: also segments of every code below it (a category's whole branch). */
  includeDescendants: z.boolean().default(true),
  source: z.string().optional(),
  case: z.string().optional(),
  coder: z.string().optional(),
});

/**
 * Coded segments with their text, source, case and code, in reading order. One indexed query:
 * the text is the segment's stored quote, and the case is the speaking turn's case, else the
 * source's.
 */
export async function retrieveSegments(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const codes = await loadCodes(db, project.id);
  const codeIds = args.code ? codeFilter(codes, args.code, args.includeDescendants) : null;
  const sourceId = args.source ? (await resolveSource(db, project.id, args.source)).id : null;
  const caseId = args.case ? (await resolveCase(db, project.id, args.case)).id : null;
  const caseOf = sql<string | null>`coalesce(t.case_id, src.case_id)`;
  let query = db
    .selectFrom('segments as s')
    .innerJoin('sources as src', 'src.id', 's.source_id')
    .innerJoin('codes as c', 'c.id', 's.code_id')
    .innerJoin('coders as k', 'k.id', 's.coder_id')
    .leftJoin('turns as t', 't.id', 's.turn_id')
    .leftJoin('cases as cs', (j) => j.on(sql`cs.id`, '=', caseOf))
    .select([
      's.id',
      's.start_offset',
      's.end_offset',
      's.exact',
      's.memo',
      's.created_at',
      'src.id as source_id',
      'src.name as source_name',
      'c.id as code_id',
      'c.name as code_name',
      'c.color as code_color',
      'k.name as coder',
      'cs.id as case_id',
      'cs.name as case_name',
      't.speaker',
      't.start_ms',
    ])
    .where('s.project_id', '=', project.id);
  if (codeIds) query = query.where('s.code_id', 'in', codeIds);
  if (sourceId) query = query.where('s.source_id', '=', sourceId);
  if (caseId) query = query.where(caseOf, '=', caseId);
  if (args.coder) query = query.where('k.name', '=', args.coder);
  const rows = await query.orderBy('src.name').orderBy('s.start_offset').orderBy('s.end_offset').execute();
  return rows.map((r) => ({
    id: r.id,
    source: { id: r.source_id, name: r.source_name },
    case: r.case_id ? { id: r.case_id, name: r.case_name as string } : null,
    code: { id: r.code_id, name: r.code_name, color: r.code_color },
    coder: r.coder,
    start: r.start_offset,
    end: r.end_offset,
    text: r.exact,
    memo: r.memo,
    speaker: r.speaker ?? null,
    startMs: r.start_ms ?? null,
    createdAt: r.created_at,
  }));
}

function codeFilter(codes: Awaited<ReturnType<typeof loadCodes>>, ref: string, descendants: boolean): string[] {
  const code = findCode(codes, ref);
  return descendants ? subtreeIds(asNodes(codes), code.id) : [code.id];
}

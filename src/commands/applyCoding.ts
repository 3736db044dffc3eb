import { z } from 'zod';
import { anchorColumns } from '../core/anchoring/anchor.js';
import { validateRange } from '../core/anchoring/range.js';
import { conflict } from '../core/errors.js';
import { codePointOffset } from '../core/text/codePoints.js';
import type { Db } from '../store/db.js';
import { newId, nowIso } from '../store/ids.js';
import { anchorInStore } from './helpers/anchor.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { blindRefusal, visibleLayer } from './helpers/layers.js';
import { projectRole, roleRefusal } from './helpers/members.js';
import { coderId, projectIdOf, resolveCode, resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  code: z.string(),
  /** `[start, end)` in code points of the source's canonical text. */
  start: z.number(),
  end: z.number(),
  /** The coding layer; the acting user's when absent. */
  coder: z.string().trim().min(1).optional(),
  memo: z.string().max(20_000).default(''),
});

/**
 * Codes a span of a source. Touches only its own row: the quote selector is cut out of the
 * stored text by the database, never by loading and re-parsing the document.
 */
export async function applyCoding(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  // The project is found with the source and code, inside the transaction: its id comes out with the outcome.
  return runCommand(ctx, { action: 'segment.apply', projectId: null }, async (w) => {
    const coderName = args.coder ?? ctx.actor;
    const { projectId, source, code, knownCoder } = await codingParts(w.trx, args, coderName);
    const range = validateRange({ start: args.start, end: args.end }, source.text_length, source.name);
    // In blind mode a coder writes only into their own layer (the owner may write into any);
    // a signed-in coder always does: their name is their layer.
    if (args.coder && args.coder !== ctx.actor) {
      if ((await visibleLayer(w.trx, await resolveProject(w.trx, projectId), ctx)) !== null) throw blindRefusal();
      if (ctx.account && (await projectRole(w.trx, projectId, ctx.account)) !== 'owner') throw roleRefusal();
    }
    const coder = knownCoder ?? (await coderId(w, projectId, coderName));
    const anchor = await anchorInStore(w.trx, source.id, range, codePointOffset(source.text_length));
    const id = newId();
    const at = nowIso();
    const row = {
      id,
      project_id: projectId,
      source_id: source.id,
      code_id: code.id,
      coder_id: coder,
      start_offset: range.start,
      end_offset: range.end,
      memo: args.memo,
      ...anchorColumns(anchor),
      created_at: at,
      updated_at: at,
    };
    // The same code on the same span by the same coder is one segment (segments_one_per_span).
    if (!(await w.insertUnlessTaken('segments', row))) {
      throw conflict('segment.exists', { code: code.name, start: range.start, end: range.end });
    }
    // Coding a participant's words before their consent is recorded deserves a warning, not a refusal.
    const warnings =
      anchor.participant?.consented === false ? [{ code: 'consent.missing', params: { case: anchor.participant.name } }] : [];
    return {
      projectId,
      result: {
        id,
        sourceId: source.id,
        codeId: code.id,
        coderId: coder,
        start: range.start,
        end: range.end,
        text: anchor.selector.exact,
        warnings,
      },
      objectIds: [id, source.id, code.id],
    };
  });
}

/**
 * The project, source and code a coding names, and its coder's id if the coder is in the project.
 * The workbench names source and code by id: one statement then finds all four, where resolving
 * each would take a round trip to a database server (issue 13). A name goes through the resolvers.
 */
async function codingParts(db: Db, refs: { project: string; source: string; code: string }, coderName: string) {
  // Subqueries, not joins: PostgreSQL plans each statement anew, and joins cost it more time.
  const row = await db
    .selectFrom('sources as s')
    .select(['s.project_id', 's.id', 's.name', 's.text_length'])
    .select((eb) => [
      eb
        .selectFrom('codes')
        .select('name')
        .whereRef('project_id', '=', 's.project_id')
        .where('id', '=', refs.code)
        .as('code_name'),
      eb
        .selectFrom('coders')
        .select('id')
        .whereRef('project_id', '=', 's.project_id')
        .where('name', '=', coderName)
        .as('coder_id'),
    ])
    .where('s.project_id', '=', projectIdOf(db, refs.project))
    .where('s.id', '=', refs.source)
    .executeTakeFirst();
  if (!row || row.code_name === null) {
    const projectId = (await resolveProject(db, refs.project)).id;
    const source = await resolveSource(db, projectId, refs.source);
    return { projectId, source, code: await resolveCode(db, projectId, refs.code), knownCoder: null };
  }
  const source = { id: row.id, name: row.name, text_length: row.text_length };
  return { projectId: row.project_id, source, code: { id: refs.code, name: row.code_name }, knownCoder: row.coder_id };
}

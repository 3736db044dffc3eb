import { z } from 'zod';
import { anchorColumns } from '../core/anchoring/anchor.js';
import { validateRange } from '../core/anchoring/range.js';
import { conflict } from '../core/errors.js';
import type { Db } from '../store/db.js';
import { newId, nowIso } from '../store/ids.js';
import { anchorInStore, anchorLookup, anchorTemplate, cuttable } from './helpers/anchor.js';
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
    const { projectId, source, code, knownCoder, anchorAt } = await codingParts(w.trx, args, coderName);
    const range = validateRange({ start: args.start, end: args.end }, source.text_length, source.name);
    // In blind mode a coder writes only into their own layer (the owner may write into any);
    // a signed-in coder always does: their name is their layer.
    if (args.coder && args.coder !== ctx.actor) {
      if ((await visibleLayer(w.trx, await resolveProject(w.trx, projectId), ctx)) !== null) throw blindRefusal();
      if (ctx.account && (await projectRole(w.trx, projectId, ctx.account)) !== 'owner') throw roleRefusal();
    }
    const coder = knownCoder ?? (await coderId(w, projectId, coderName));
    const anchor = anchorAt ? anchorAt() : await anchorInStore(w.trx, source.id, range);
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
 * The project, source and code a coding names, its coder's id if the coder is in the project,
 * and the anchor of its range. The workbench names source and code by id: one statement then
 * finds all of them, the anchor's statement (helpers/anchor.ts) with the parts' columns, where
 * each would take a round trip to a database server (issue 13). A name goes through the
 * resolvers, and the anchor is asked for afterwards. `anchorAt` is called once the range is valid.
 */
async function codingParts(db: Db, refs: z.output<typeof Input>, coderName: string) {
  const range = { start: refs.start, end: refs.end };
  // A range it cannot cut goes the long way, where validateRange refuses it naming the source.
  if (!cuttable(range)) return resolvedParts(db, refs);
  const anchor = anchorLookup(refs.source, range);
  const [row] = await anchorWithParts(db, anchor, { project: refs.project, code: refs.code, coderName });
  if (!row) return resolvedParts(db, refs);
  const source = { id: row.id, name: row.name, text_length: row.text_length };
  // A code named by name: the source and anchor stand, the code is found by its name.
  const code = row.code_name === null ? await resolveCode(db, row.project_id, refs.code) : { id: refs.code, name: row.code_name };
  return { projectId: row.project_id, source, code, knownCoder: row.coder_id, anchorAt: () => anchor.anchorOf(row) };
}

/**
 * The anchor's statement with the coding's parts: the source's project (by id or name), the
 * source's name, the code's name and the coder's id. Subqueries, not joins: PostgreSQL plans each
 * statement anew, and joins cost it more time.
 */
const anchorWithParts = anchorTemplate((db, query, v: { project: string; code: string; coderName: string }) =>
  query
    .select(['sources.project_id', 'sources.id', 'sources.name'])
    .select((eb) => [
      eb
        .selectFrom('codes')
        .select('codes.name')
        .whereRef('codes.project_id', '=', 'sources.project_id')
        .where('codes.id', '=', v.code)
        .as('code_name'),
      eb
        .selectFrom('coders')
        .select('coders.id')
        .whereRef('coders.project_id', '=', 'sources.project_id')
        .where('coders.name', '=', v.coderName)
        .as('coder_id'),
    ])
    .where('sources.project_id', '=', projectIdOf(db, v.project)),
);

/** The parts of a coding found one by one, by id or name, each refused as not found in its own words. */
async function resolvedParts(db: Db, refs: z.output<typeof Input>) {
  const projectId = (await resolveProject(db, refs.project)).id;
  const source = await resolveSource(db, projectId, refs.source);
  return { projectId, source, code: await resolveCode(db, projectId, refs.code), knownCoder: null, anchorAt: null };
}

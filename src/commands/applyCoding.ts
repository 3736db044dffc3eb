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
import { coderId, resolveCode, resolveProject, resolveSource } from './helpers/resolve.js';
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
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'segment.apply', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const range = validateRange({ start: args.start, end: args.end }, source.text_length, source.name);
    const code = await resolveCode(w.trx, project.id, args.code);
    // In blind mode a coder writes only into their own layer (the owner may write into any);
    // a signed-in coder always does: their name is their layer.
    if (args.coder && args.coder !== ctx.actor) {
      if ((await visibleLayer(w.trx, project, ctx)) !== null) throw blindRefusal();
      if (ctx.account && (await projectRole(w.trx, project.id, ctx.account)) !== 'owner') throw roleRefusal();
    }
    const coder = await coderId(w, project.id, args.coder ?? ctx.actor);
    const twin = await w.trx
      .selectFrom('segments')
      .select('id')
      .where('source_id', '=', source.id)
      .where('code_id', '=', code.id)
      .where('coder_id', '=', coder)
      .where('start_offset', '=', range.start)
      .where('end_offset', '=', range.end)
      .executeTakeFirst();
    if (twin) throw conflict('segment.exists', { code: code.name, start: range.start, end: range.end });
    const anchor = await anchorInStore(w.trx, source.id, range, codePointOffset(source.text_length));
    const id = newId();
    const at = nowIso();
    const row = {
      id,
      project_id: project.id,
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
    await w.insert('segments', row);
    const warnings = await consentWarnings(w.trx, anchor.turnId, source.case_id);
    return {
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
 * Coding a participant's words before their consent is recorded deserves a warning, not a refusal.
 * The participant is the turn's case, else the source's: one statement.
 */
async function consentWarnings(db: Db, turnId: string | null, sourceCaseId: string | null) {
  if (!turnId && !sourceCaseId) return [];
  const turnCase = db
    .selectFrom('turns')
    .select('turns.case_id')
    .where('turns.id', '=', turnId ?? '');
  const row = await db
    .selectFrom('cases as c')
    .leftJoin('consent_records as r', 'r.case_id', 'c.id')
    .select(['c.name', 'r.id as consent'])
    .where('c.id', '=', (eb) => eb.fn.coalesce(turnCase, eb.val(sourceCaseId)))
    .executeTakeFirst();
  return row && !row.consent ? [{ code: 'consent.missing', params: { case: row.name } }] : [];
}

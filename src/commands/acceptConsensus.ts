import { z } from 'zod';
import { units as joinOverlapping } from '../core/agreement/spans.js';
import { anchorColumns } from '../core/anchoring/anchor.js';
import { validateRange } from '../core/anchoring/range.js';
import { conflict, invalid } from '../core/errors.js';
import { codePointRange } from '../core/text/codePoints.js';
import { newId, nowIso } from '../store/ids.js';
import { anchorInStore } from './helpers/anchor.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { memosOn } from './helpers/erase.js';
import { assertMaySeeAllLayers, CONSENSUS, coderKind, resolveCoders } from './helpers/layers.js';
import { findCode, loadCodes, resolveProject, resolveSource } from './helpers/resolve.js';
import { unlinkTheory } from './helpers/theory.js';
import { name, parseInput } from './helpers/validate.js';

const Range = z.object({ start: z.number().int(), end: z.number().int() });

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  code: z.string(),
  /** The region being decided, as compareLayers gives it. */
  start: z.number().int(),
  end: z.number().int(),
  /** Accept these coders' segments in the region: one coder (one side), or several (both: their union). */
  from: z.array(z.string().trim().min(1)).default([]),
  /** Or accept a new span instead. */
  span: Range.optional(),
  /** The consensus layer to write to. */
  layer: name.default(CONSENSUS),
});

/**
 * Decides one disagreement into the consensus layer: the consensus segments of the code that
 * overlap the region are replaced by the accepted coder's segments there, by the union of
 * several coders' segments (overlapping ones joined), or by a new span. Accepting a side that
 * coded nothing there leaves the region uncoded in the consensus. Undoable like any command.
 * The consensus layer is a coder of kind `consensus`, created on first use.
 */
export async function acceptConsensus(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  if (args.from.length > 0 === (args.span !== undefined)) throw invalid('consensus.choose-one', {});
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'consensus.accept', projectId: project.id }, async (w) => {
    await assertMaySeeAllLayers(w.trx, project, ctx);
    const source = await resolveSource(w.trx, project.id, args.source);
    const region = { start: args.start, end: args.end };
    validateRange(region, source.text_length, source.name);
    if (args.span) validateRange(args.span, source.text_length, source.name);
    const code = findCode(await loadCodes(w.trx, project.id), args.code);
    const sides = await resolveCoders(w.trx, project.id, args.from);
    if (sides.some((c) => c.name === args.layer)) throw invalid('consensus.from-itself', { layer: args.layer });

    let layer = await w.trx
      .selectFrom('coders')
      .selectAll()
      .where('project_id', '=', project.id)
      .where('name', '=', args.layer)
      .executeTakeFirst();
    if (layer && coderKind(layer) !== 'consensus') throw conflict('consensus.name-taken', { layer: args.layer });
    if (!layer) {
      layer = { id: newId(), project_id: project.id, name: args.layer, created_at: nowIso(), kind: 'consensus' };
      await w.insert('coders', layer);
    }
    const inRegion = (q: ReturnType<typeof w.trx.selectFrom<'segments'>>) =>
      q
        .where('source_id', '=', source.id)
        .where('code_id', '=', code.id)
        .where('start_offset', '<', region.end)
        .where('end_offset', '>', region.start);
    const replaced = await inRegion(w.trx.selectFrom('segments')).select('id').where('coder_id', '=', layer.id).execute();
    const ids = replaced.map((r) => r.id);
    const memoIds = await memosOn(w, 'segment', ids);
    await unlinkTheory(w, 'memo', memoIds);
    await unlinkTheory(w, 'segment', ids);
    await w.delete('memos', memoIds);
    await w.delete('segments', ids);

    const accepted = args.span
      ? [args.span]
      : (
          await inRegion(w.trx.selectFrom('segments'))
            .select(['start_offset as start', 'end_offset as end'])
            .where(
              'coder_id',
              'in',
              sides.map((c) => c.id),
            )
            .execute()
        ).map((r) => ({ start: r.start, end: r.end }));
    const at = nowIso();
    const added = [];
    for (const range of joinOverlapping(accepted)) {
      const id = newId();
      const anchor = await anchorInStore(w.trx, source.id, codePointRange(range));
      await w.insert('segments', {
        id,
        project_id: project.id,
        source_id: source.id,
        code_id: code.id,
        coder_id: layer.id,
        start_offset: range.start,
        end_offset: range.end,
        memo: '',
        ...anchorColumns(anchor),
        created_at: at,
        updated_at: at,
      });
      added.push({ id, start: range.start, end: range.end, text: anchor.selector.exact });
    }
    const details = { removed: ids.length, added: added.length, sides: sides.length, span: Boolean(args.span) };
    return {
      result: {
        layer: args.layer,
        source: source.name,
        code: code.name,
        removed: ids.length,
        added,
        from: sides.map((c) => c.name),
      },
      objectIds: [source.id, code.id, layer.id, ...added.map((a) => a.id)],
      details,
    };
  });
}

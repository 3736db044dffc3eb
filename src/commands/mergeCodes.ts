import { z } from 'zod';
import { subtreeIds } from '../core/codebook/tree.js';
import { invalid } from '../core/errors.js';
import type { ChangeRecorder } from '../store/changes.js';
import { asNodes, assertFreeName, renumber, siblingsOf } from './helpers/codebook.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { findCode, loadCodes, resolveProject } from './helpers/resolve.js';
import { retargetSmartCodes } from './helpers/smartCodes.js';
import { moveDecisions } from './helpers/suggestions.js';
import { moveTheoryLinks } from './helpers/theory.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The code that disappears. */
  from: z.string(),
  /** The code that receives its segments, children and memos. */
  into: z.string(),
});

/**
 * Merges one code into another: segments move over (one that would duplicate a segment the
 * target already has on the same span by the same coder collapses into it, keeping both memos),
 * child codes and memos follow, and the merged code is deleted.
 */
export async function mergeCodes(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'code.merge', projectId: project.id }, async (w) => {
    const codes = await loadCodes(w.trx, project.id);
    const from = findCode(codes, args.from);
    const into = findCode(codes, args.into);
    if (subtreeIds(asNodes(codes), from.id).includes(into.id)) {
      throw invalid('code.merge-into-own-branch', { from: from.name, into: into.name });
    }
    const segments = await moveSegments(w, from.id, into.id);
    const children = siblingsOf(codes, from.id);
    for (const child of children) assertFreeName(codes, into.id, child.name, from.id);
    // Without `from` itself, which is among them when merging a code into its parent.
    const intoChildren = siblingsOf(codes, into.id, from.id);
    for (const child of children) await w.update('codes', child.id, { parent_id: into.id });
    await renumber(w, [...intoChildren, ...children]);
    const memos = await w.trx
      .selectFrom('memos')
      .select('id')
      .where('target_kind', '=', 'code')
      .where('target_id', '=', from.id)
      .execute();
    for (const m of memos) await w.update('memos', m.id, { target_id: into.id });
    await moveTheoryLinks(w, 'code', from.id, into.id);
    await moveDecisions(w, from.id, into.id);
    await retargetSmartCodes(w, project.id, from.id, into.id);
    await w.delete('codes', [from.id]);
    await renumber(w, siblingsOf(codes, from.parent_id, from.id));
    const details = { ...segments, children: children.length, memos: memos.length };
    return { result: { from: from.id, into: into.id, ...details }, objectIds: [from.id, into.id], details };
  });
}

async function moveSegments(w: ChangeRecorder, fromId: string, intoId: string) {
  const moving = await w.trx.selectFrom('segments').selectAll().where('code_id', '=', fromId).execute();
  const existing = await w.trx.selectFrom('segments').selectAll().where('code_id', '=', intoId).execute();
  const key = (s: { source_id: string; coder_id: string; start_offset: number; end_offset: number }) =>
    `${s.source_id} ${s.coder_id} ${s.start_offset} ${s.end_offset}`;
  const byKey = new Map(existing.map((s) => [key(s), s]));
  let moved = 0;
  let collapsed = 0;
  for (const s of moving) {
    const twin = byKey.get(key(s));
    if (!twin) {
      await w.update('segments', s.id, { code_id: intoId });
      moved++;
      continue;
    }
    if (s.memo && s.memo !== twin.memo) {
      const memo = twin.memo ? `${twin.memo}\n\n${s.memo}` : s.memo;
      await w.update('segments', twin.id, { memo });
      twin.memo = memo;
    }
    const memos = await w.trx
      .selectFrom('memos')
      .select('id')
      .where('target_kind', '=', 'segment')
      .where('target_id', '=', s.id)
      .execute();
    for (const m of memos) await w.update('memos', m.id, { target_id: twin.id });
    await moveTheoryLinks(w, 'segment', s.id, twin.id);
    await w.delete('segments', [s.id]);
    collapsed++;
  }
  return { moved, collapsed };
}

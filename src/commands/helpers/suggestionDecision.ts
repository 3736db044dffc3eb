import { z } from 'zod';
import { anchorColumns } from '../../core/anchoring/anchor.js';
import { validateRange } from '../../core/anchoring/range.js';
import { conflict } from '../../core/errors.js';
import { newId, nowIso } from '../../store/ids.js';
import { anchorInStore } from './anchor.js';
import { type CommandContext, runCommand } from './context.js';
import { blindRefusal, visibleLayer } from './layers.js';
import { findCode, loadCodes, resolveProject, resolveSource } from './resolve.js';
import { SUGGEST_METHOD } from './suggestionRanking.js';
import { suggestionsLayer } from './suggestions.js';

export const DecisionInput = z.object({
  project: z.string(),
  code: z.string(),
  source: z.string(),
  /** The suggested passage, `[start, end)` in code points of the source's text, as suggestForCode gave it. */
  start: z.number().int(),
  end: z.number().int(),
  decision: z.enum(['accept', 'reject']),
  /** The provenance of the suggestion, as suggestForCode gave it. */
  method: z.literal(SUGGEST_METHOD),
  parameters: z.record(z.string(), z.union([z.string().max(100), z.number().finite()])),
  words: z.array(z.string().max(200)).max(50).default([]),
  score: z.number().finite().min(0),
});

/**
 * Accepts or rejects one suggestion. Accepting codes the passage in the project's suggestions
 * layer (helpers/suggestions.ts); either way the decision is kept with its provenance (method,
 * parameters, words, score, who, when), so a rejected passage is not offered again and a methods
 * section can say what the machine did. One passage is decided once per code. Undoable.
 *
 * While the project is blind only its owner may accept: the suggestions layer is shared, and a
 * coder writing into it would show the others their coding.
 */
export async function recordDecision(ctx: CommandContext, args: z.output<typeof DecisionInput>) {
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'suggestion.decide', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const range = validateRange({ start: args.start, end: args.end }, source.text_length, source.name);
    const code = findCode(await loadCodes(w.trx, project.id), args.code);
    const earlier = await w.trx
      .selectFrom('suggestion_decisions')
      .select('decision')
      .where('project_id', '=', project.id)
      .where('code_id', '=', code.id)
      .where('source_id', '=', source.id)
      .where('start_offset', '=', range.start)
      .where('end_offset', '=', range.end)
      .executeTakeFirst();
    if (earlier)
      throw conflict('suggestion.decided', { code: code.name, source: source.name, start: range.start, end: range.end });
    const at = nowIso();
    let segmentId: string | null = null;
    if (args.decision === 'accept') {
      if ((await visibleLayer(w.trx, project, ctx)) !== null) throw blindRefusal();
      const layer = await suggestionsLayer(w, project.id);
      const anchor = await anchorInStore(w.trx, source.id, range);
      segmentId = newId();
      await w.insert('segments', {
        id: segmentId,
        project_id: project.id,
        source_id: source.id,
        code_id: code.id,
        coder_id: layer,
        start_offset: range.start,
        end_offset: range.end,
        memo: '',
        ...anchorColumns(anchor),
        created_at: at,
        updated_at: at,
      });
    }
    const id = newId();
    await w.insert('suggestion_decisions', {
      id,
      project_id: project.id,
      code_id: code.id,
      source_id: source.id,
      start_offset: range.start,
      end_offset: range.end,
      decision: args.decision === 'accept' ? 'accepted' : 'rejected',
      segment_id: segmentId,
      method: args.method,
      parameters: JSON.stringify(args.parameters),
      words: JSON.stringify(args.words),
      score: args.score,
      decided_by: ctx.actor,
      decided_at: at,
    });
    return {
      result: {
        id,
        decision: args.decision,
        segmentId,
        code: code.name,
        source: source.name,
        start: range.start,
        end: range.end,
      },
      objectIds: [id, source.id, code.id, ...(segmentId ? [segmentId] : [])],
      details: { accepted: args.decision === 'accept' },
    };
  });
}

import { z } from 'zod';
import { portraitScene } from '../../../core/pictures/portrait.js';
import { treeOrder } from '../../../core/queries/matrix.js';
import { speakerRole } from '../../../core/transcript/roles.js';
import { type Language, translator } from '../../../i18n/index.js';
import type { CommandContext } from '../context.js';
import { asCodeNodes } from '../queryData.js';
import { loadCodes, resolveProject, resolveSource } from '../resolve.js';
import { findSegments } from '../retrieval.js';
import { parseInput } from '../validate.js';

export const PortraitInput = z.object({
  project: z.string(),
  source: z.string(),
  /** Only this coder's layer. */
  coder: z.string().optional(),
  /** Labels in this language (default: the project's). */
  language: z.enum(['sv', 'en']).optional(),
});

/**
 * A document portrait (core/pictures/portrait.ts): where each code falls along one transcript,
 * one lane per code used in it, in codebook order, and its speaker turns (interviewer light,
 * participants dark). Segments are those the caller may see (blind mode, one layer). Offsets are
 * code points of the source's text.
 */
export async function drawPortrait(ctx: CommandContext, input: z.input<typeof PortraitInput>) {
  const args = parseInput(PortraitInput, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const source = await resolveSource(db, project.id, args.source);
  const t = translator(args.language ?? (project.language as Language));
  const { text } = await db.selectFrom('sources').select('text').where('id', '=', source.id).executeTakeFirstOrThrow();
  const length = [...text].length;
  const turnRows = await db
    .selectFrom('turns')
    .select(['start_offset', 'end_offset', 'speaker'])
    .where('source_id', '=', source.id)
    .orderBy('start_offset')
    .execute();
  const turns = turnRows.map((r) => ({
    start: r.start_offset,
    end: r.end_offset,
    speaker: r.speaker,
    interviewer: speakerRole(r.speaker) === 'interviewer',
  }));
  const found = await findSegments(ctx, {
    project: project.id,
    source: source.id,
    coder: args.coder,
    includeDescendants: true,
  });
  const segments = found.map((s) => ({ id: s.id, code: s.code.id, start: s.start, end: s.end, text: s.text, coder: s.coder }));
  const counts = new Map<string, number>();
  for (const s of segments) counts.set(s.code, (counts.get(s.code) ?? 0) + 1);
  const codes = treeOrder(asCodeNodes(await loadCodes(db, project.id)))
    .filter(({ node }) => counts.has(node.id))
    .map(({ node, path }) => ({ id: node.id, name: node.name, path, color: node.color, segments: counts.get(node.id) ?? 0 }));
  const scene = portraitScene({
    title: t('pictures|portrait-title', { source: source.name }),
    source: source.id,
    length,
    turns,
    codes,
    segments,
    labels: {
      segment: (code, start, end) => t('pictures|segment-tip', { code, start, end }),
      turn: (speaker, start, end) => t('pictures|turn-tip', { speaker: speaker ?? t('pictures|no-speaker'), start, end }),
      start: t('pictures|start'),
      end: t('pictures|end'),
    },
  });
  return { source: { id: source.id, name: source.name, length }, turns, codes, segments, scene };
}

export type DocumentPortrait = Awaited<ReturnType<typeof drawPortrait>>;

import { z } from 'zod';
import { codeMapScene, layoutCodeMap, type MapCode, type MapEdge } from '../../../core/pictures/codeMap.js';
import { type Language, translator } from '../../../i18n/index.js';
import { AnalysisFilter } from '../analysisFilter.js';
import type { CommandContext } from '../context.js';
import { computeCooccurrence } from '../cooccurrence.js';
import { computeMatrix } from '../matrix.js';
import { loadCodes, resolveProject } from '../resolve.js';
import { parseInput } from '../validate.js';

export const CodeMapInput = z.object({
  project: z.string(),
  /** When two codes count as together: the co-occurrence command's modes. */
  mode: z.enum(['overlap', 'turn', 'paragraph']).default('overlap'),
  /** Only this coder's layer. */
  coder: z.string().optional(),
  /** Only the segments this filter lets through (helpers/analysisFilter.ts): sets, attributes, speaker. */
  filter: AnalysisFilter.optional(),
  /** Labels in this language (default: the project's). */
  language: z.enum(['sv', 'en']).optional(),
});

/**
 * The code map (core/pictures/codeMap.ts): every code with segments of its own, sized by them,
 * and a line for each pair of codes the co-occurrence command counts together (the same
 * numbers as its matrix), coloured by category: a code takes its parent's colour, a code at the
 * top of the codebook its own. Returns the placed codes and pairs (the table) and the picture.
 */
export async function drawCodeMap(ctx: CommandContext, input: z.input<typeof CodeMapInput>) {
  const args = parseInput(CodeMapInput, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const t = translator(args.language ?? (project.language as Language));
  const { coder, filter } = args;
  // A code's own segments (a matrix row of the codes level counts the code alone), filtered as the pairs are.
  const uses = await computeMatrix(ctx, {
    project: project.id,
    rows: 'codes',
    columns: 'cases',
    measure: 'count',
    coder,
    filter,
  });
  const co = await computeCooccurrence(ctx, { project: project.id, mode: args.mode, coder, filter });
  const rows = await loadCodes(ctx.store.db, project.id);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const mapCodes: (MapCode & { path: string[] })[] = uses.rows
    .map((r, i) => ({ ...r, segments: uses.totals[i] ?? 0 }))
    .filter((r) => r.segments > 0)
    .map((r) => {
      const parent = byId.get(byId.get(r.id)?.parent_id ?? '');
      const category = parent ? { id: parent.id, name: parent.name, color: parent.color } : null;
      return { id: r.id, name: r.name, path: r.path, color: category?.color ?? r.color, category, segments: r.segments };
    });
  const present = new Set(mapCodes.map((c) => c.id));
  const pairs: MapEdge[] = [];
  for (const [i, a] of co.codes.entries()) {
    for (const [j, b] of co.codes.entries()) {
      const weight = co.cells[i]?.[j] ?? 0;
      if (j > i && weight > 0 && present.has(a.id) && present.has(b.id)) pairs.push({ a: a.id, b: b.id, weight });
    }
  }
  pairs.sort((x, y) => y.weight - x.weight);
  const placed = layoutCodeMap(mapCodes, pairs);
  const scene = codeMapScene(placed, pairs, {
    title: t(`pictures|codemap-title|${args.mode}`),
    code: (name, count) => t('pictures|code-tip', { name, count }),
    pair: (a, b, count) => t('pictures|pair-tip', { a, b, count }),
  });
  const path = new Map(mapCodes.map((c) => [c.id, c.path]));
  return {
    mode: args.mode,
    coder: args.coder ?? null,
    /** The filter it was drawn with, by name. */
    filter: co.filter,
    codes: placed.map((c) => ({ ...c, path: path.get(c.id) ?? [c.name] })),
    pairs,
    scene,
  };
}

export type CodeMap = Awaited<ReturnType<typeof drawCodeMap>>;

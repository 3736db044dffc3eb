import { z } from 'zod';
import { invalid } from '../core/errors.js';
import { sceneSvg } from '../core/pictures/scene.js';
import { chartPng } from '../formats/charts.js';
import { type Language, translator } from '../i18n/index.js';
import { AnalysisFilter } from './helpers/analysisFilter.js';
import type { CommandContext } from './helpers/context.js';
import { drawCodeMap } from './helpers/pictures/codeMap.js';
import { drawComparison } from './helpers/pictures/comparison.js';
import { drawPortrait } from './helpers/pictures/portrait.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const PICTURES = ['codemap', 'portrait', 'comparison'] as const;
export type PictureKind = (typeof PICTURES)[number];

export const Input = z.object({
  project: z.string(),
  kind: z.enum(PICTURES),
  format: z.enum(['svg', 'png']).default('svg'),
  /** The transcript of a portrait. */
  source: z.string().optional(),
  /** For the code map. */
  mode: z.enum(['overlap', 'turn', 'paragraph']).default('overlap'),
  /** For the comparison. */
  rows: z.enum(['themes', 'categories']).default('themes'),
  coder: z.string().optional(),
  /** For the code map and the comparison (helpers/analysisFilter.ts). */
  filter: AnalysisFilter.optional(),
  language: z.enum(['sv', 'en']).optional(),
});

/**
 * A picture as a file: the same scene the web draws, written as SVG, or as PNG (resvg, twice
 * its size, for programs that take no SVG). A portrait needs its source.
 */
export async function exportPicture(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const t = translator(args.language ?? (project.language as Language));
  const common = { project: project.id, coder: args.coder, language: args.language };
  let scene: Awaited<ReturnType<typeof drawCodeMap>>['scene'];
  let name = t(`pictures|file|${args.kind}`);
  if (args.kind === 'codemap') scene = (await drawCodeMap(ctx, { ...common, mode: args.mode, filter: args.filter })).scene;
  else if (args.kind === 'comparison')
    scene = (await drawComparison(ctx, { ...common, rows: args.rows, filter: args.filter })).scene;
  else {
    if (!args.source) throw invalid('picture.needs-source');
    const portrait = await drawPortrait(ctx, { ...common, source: args.source });
    scene = portrait.scene;
    name = `${name}-${portrait.source.name}`;
  }
  const svg = sceneSvg(scene);
  const bytes = args.format === 'svg' ? new TextEncoder().encode(svg) : chartPng(svg);
  return {
    kind: args.kind,
    format: args.format,
    fileName: `${name}.${args.format}`,
    mediaType: args.format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'image/png',
    width: scene.width,
    height: scene.height,
    bytes,
  };
}

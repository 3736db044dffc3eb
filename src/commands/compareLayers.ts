import { z } from 'zod';
import { compareLayers as compareSpans } from '../core/agreement/disagreements.js';
import type { TextRange } from '../core/anchoring/range.js';
import { CodePointIndex } from '../core/text/codePoints.js';
import type { CommandContext } from './helpers/context.js';
import { assertMaySeeAllLayers, CONSENSUS, coderKind, resolveCoders } from './helpers/layers.js';
import { findCode, loadCodes, resolveProject, resolveSource } from './helpers/resolve.js';
import { TimeSpans } from './helpers/timeSpans.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  /** Layers to compare; every coder layer with segments in the source when empty. */
  coders: z.array(z.string().trim().min(1)).default([]),
  /** Codes to show; every code used in the source when empty. */
  codes: z.array(z.string()).default([]),
  /** Also list regions where all compared coders agree. */
  includeAgreed: z.boolean().default(false),
  /** The consensus layer whose segments are shown alongside. */
  layer: z.string().trim().min(1).default(CONSENSUS),
});

/**
 * The disagreement view of a source: per code, the regions where the compared coders applied
 * it and, within each, the stretches where they differ (who coded what), each coder's segments
 * there, and the consensus layer's segments already accepted. Refused to a coder other than the
 * owner while the project is blind.
 */
export async function compareLayers(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  await assertMaySeeAllLayers(db, project, ctx);
  const source = await resolveSource(db, project.id, args.source);
  const codes = await loadCodes(db, project.id);
  const codeFilter = args.codes.length > 0 ? new Set(args.codes.map((c) => findCode(codes, c).id)) : null;
  const segments = await db
    .selectFrom('segments as s')
    .innerJoin('coders as k', 'k.id', 's.coder_id')
    .select(['s.id', 's.code_id', 's.start_offset', 's.end_offset', 'k.name as coder', 'k.kind'])
    .where('s.source_id', '=', source.id)
    .orderBy('s.start_offset')
    .execute();
  const coderNames =
    args.coders.length > 0
      ? (await resolveCoders(db, project.id, args.coders)).map((c) => c.name)
      : [...new Set(segments.filter((s) => coderKind(s) === 'coder').map((s) => s.coder))].sort();
  const { text } = await db.selectFrom('sources').select('text').where('id', '=', source.id).executeTakeFirstOrThrow();
  const index = new CodePointIndex(text);
  const spans = await TimeSpans.load(db, project.id, source.id);
  const codeIds = [...new Set(segments.map((s) => s.code_id))].filter((id) => !codeFilter || codeFilter.has(id));
  const byCode = codes.filter((c) => codeIds.includes(c.id) || codeFilter?.has(c.id));
  const span = (s: (typeof segments)[number]) => ({ id: s.id, start: s.start_offset, end: s.end_offset });
  const overlaps = (s: { start: number; end: number }, r: TextRange) => s.start < r.end && s.end > r.start;

  const out = byCode.map((code) => {
    const mine = segments.filter((s) => s.code_id === code.id);
    const layers = coderNames.map((name) => mine.filter((s) => s.coder === name).map(span));
    const consensus = mine.filter((s) => s.coder === args.layer && coderKind(s) === 'consensus').map(span);
    const regions = compareSpans(layers)
      .filter((r) => args.includeAgreed || !r.agreed)
      .map((r) => ({
        start: r.start,
        end: r.end,
        text: index.slice(r.start, r.end),
        span: spans.of(source.id, r),
        agreed: r.agreed,
        coders: Object.fromEntries(coderNames.map((name, i) => [name, (layers[i] ?? []).filter((s) => overlaps(s, r))])),
        differences: r.differences.map((d) => ({
          start: d.start,
          end: d.end,
          codedBy: d.coders.map((i) => coderNames[i] as string),
        })),
        consensus: consensus.filter((s) => overlaps(s, r)),
      }));
    return { code: { id: code.id, name: code.name, color: code.color }, regions };
  });
  return {
    source: { id: source.id, name: source.name, length: source.text_length },
    coders: coderNames,
    layer: args.layer,
    codes: out.filter((c) => c.regions.length > 0 || codeFilter?.has(c.code.id)),
  };
}

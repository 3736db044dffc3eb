import { z } from 'zod';
import { type BinaryCells, binaryKappa, type CohenKappa } from '../core/agreement/cohenKappa.js';
import { type KrippendorffAlpha, krippendorffAlpha } from '../core/agreement/krippendorffAlpha.js';
import { type PercentAgreement, percentAgreement } from '../core/agreement/percent.js';
import type { ReliabilityUnit } from '../core/agreement/types.js';
import { type Figure, undefinedBecause } from '../core/agreement/types.js';
import { pooledUnitizedAlpha, unitizedAlpha } from '../core/agreement/unitizedAlpha.js';
import {
  addCounts,
  characterPatterns,
  type PatternCounts,
  paragraphUnits,
  patternValues,
  sentenceUnits,
  turnUnits,
  unitPatterns,
} from '../core/agreement/units.js';
import type { TextRange } from '../core/anchoring/range.js';
import { pathOf } from '../core/codebook/tree.js';
import { invalid } from '../core/errors.js';
import type { Db } from '../store/db.js';
import { Slice } from '../store/eventLoop.js';
import { asNodes } from './helpers/codebook.js';
import type { CommandContext } from './helpers/context.js';
import { assertMaySeeAllLayers, resolveCoders } from './helpers/layers.js';
import { PAGE_ROWS } from './helpers/pages.js';
import { findCode, loadCodes, resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** Two or more coding layers (coders or consensus) by name. */
  coders: z.array(z.string().trim().min(1)).min(2),
  unit: z.enum(['char', 'sentence', 'paragraph', 'turn']).default('char'),
  /** Codes by name, path or id; every code of the codebook when empty. Each code counts alone (not its branch). */
  codes: z.array(z.string()).default([]),
  /** Sources by name or id; every source when empty. */
  sources: z.array(z.string()).default([]),
  /**
   * A source a coder has not coded at all (no segment of any code): `missing` leaves that
   * coder out there (missing data); `uncoded` counts every unit as not coded by them.
   */
  emptySources: z.enum(['missing', 'uncoded']).default('missing'),
  /** Also give each code's counts per source. */
  bySource: z.boolean().default(false),
});

type Args = z.infer<typeof Input>;

interface SourceInfo {
  id: string;
  name: string;
  length: number;
  /** Per coder index: did they code this source (any code)? */
  coded: boolean[];
  units: TextRange[] | null;
}

/**
 * Agreement between two or more coding layers on chosen sources and codes, per code and
 * overall, at a chosen unit: percent agreement, Cohen's kappa (two coders), Krippendorff's
 * alpha (nominal, missing data allowed) and unitizing alpha uα over the characters (whatever the
 * unit). Every figure comes with what it was computed from: the units compared, the counts of
 * each coding pattern (see core/agreement/units.ts), the kappa table and the coincidence
 * matrices, so a reviewer can recompute it.
 *
 * Overall figures pool the decisions of every code that a compared coder used: the pattern
 * counts of those codes are added up (each code × unit is one decision) and each statistic is
 * computed once on the sum; uα sums observed and expected code–gap disagreement over those
 * codes. Codes nobody used are reported, with their figures undefined, and left out of the pool
 * (their all-agreeing "not coded" units would only inflate it).
 *
 * The layers are streamed and counted in time slices (issue 13: no long hold of the event loop).
 */
export async function computeAgreement(
  ctx: CommandContext,
  input: z.input<typeof Input>,
  /** Rows fetched per round trip on PostgreSQL; tests make it small to cross the boundaries. */
  { pageRows = PAGE_ROWS }: { pageRows?: number } = {},
) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  // Any pair of layers includes another coder's, whose counts blind mode keeps from a coder.
  await assertMaySeeAllLayers(db, project, ctx);
  if (new Set(args.coders).size !== args.coders.length)
    throw invalid('agreement.coders-repeated', { coders: args.coders.join(', ') });
  const coders = await resolveCoders(db, project.id, args.coders);
  const codes = await loadCodes(db, project.id);
  const chosen = args.codes.length > 0 ? args.codes.map((c) => findCode(codes, c)) : codes;
  const nodes = asNodes(codes);
  const chosenCodes = [
    ...new Map(chosen.map((c) => [c.id, { id: c.id, name: c.name, path: pathOf(nodes, c.id).join('/') }])).values(),
  ].sort((a, b) => a.path.localeCompare(b.path));
  const sources = await loadSources(db, project.id, args);
  for (const s of sources) s.coded = coders.map(() => args.emptySources === 'uncoded');
  const coderIndex = new Map(coders.map((c, i) => [c.id, i]));
  const sourceIndex = new Map(sources.map((s, i) => [s.id, i]));
  const codeIds = new Set(chosenCodes.map((c) => c.id));

  // spans[code][source][coder]
  const spans = new Map<string, TextRange[][][]>();
  // Streamed, with turns of the event loop: two layers over a big project are 100,000s of rows.
  // A coder is the project's own (resolveCoders), so the layers are found by coder alone: asked
  // by project too, SQLite walked every segment of the project in its index (segments_project).
  const slice = new Slice();
  const rows = db
    .selectFrom('segments')
    .select(['source_id', 'code_id', 'coder_id', 'start_offset', 'end_offset'])
    .where(
      'coder_id',
      'in',
      coders.map((c) => c.id),
    )
    .stream(pageRows);
  for await (const r of rows) {
    if (slice.due()) await slice.pause();
    const s = sourceIndex.get(r.source_id);
    const k = coderIndex.get(r.coder_id) as number;
    if (s === undefined) continue;
    (sources[s] as SourceInfo).coded[k] = true;
    if (!codeIds.has(r.code_id)) continue;
    let bySource = spans.get(r.code_id);
    if (!bySource) {
      bySource = sources.map(() => coders.map(() => []));
      spans.set(r.code_id, bySource);
    }
    bySource[s]?.[k]?.push({ start: r.start_offset, end: r.end_offset });
  }

  const layerOf = (s: SourceInfo, perCoder: TextRange[][] | undefined, k: number) => (s.coded[k] ? (perCoder?.[k] ?? []) : null);
  const perCode = [];
  for (const code of chosenCodes) {
    const bySource = spans.get(code.id);
    const counts: PatternCounts = new Map();
    const sourceCounts: { source: string; cells: Record<string, number> }[] = [];
    const sections: { length: number; coders: TextRange[][] }[] = [];
    for (const [i, s] of sources.entries()) {
      if (slice.due()) await slice.pause();
      const perCoder = bySource?.[i];
      const layers = coders.map((_, k) => layerOf(s, perCoder, k));
      const here: PatternCounts = new Map();
      if (s.units) unitPatterns(s.units, layers, here);
      else characterPatterns(s.length, layers, here);
      addCounts(counts, here);
      if (args.bySource) sourceCounts.push({ source: s.name, cells: Object.fromEntries(here) });
      if (layers.every((l) => l !== null)) sections.push({ length: s.length, coders: layers as TextRange[][] });
    }
    const used = [...counts.keys()].some((p) => p.includes('1'));
    perCode.push({ code, used, counts, sourceCounts, unitized: unitizedAlpha(sections) });
  }

  const pooled: PatternCounts = new Map();
  for (const c of perCode) if (c.used) addCounts(pooled, c.counts);
  return {
    project: { id: project.id, name: project.name },
    coders: coders.map((c) => c.name),
    unit: args.unit,
    emptySources: args.emptySources,
    patterns:
      'one character per coder, in the order of `coders`: 1 coded, 0 not coded, - missing (the coder has not coded the source)',
    sources: sources.map((s) => ({
      id: s.id,
      name: s.name,
      length: s.length,
      units: s.units ? s.units.length : s.length,
      codedBy: coders.filter((_, k) => s.coded[k]).map((c) => c.name),
    })),
    codes: perCode.map((c) => ({
      code: c.code,
      used: c.used,
      ...figures(c.counts, coders.length),
      unitizedAlpha: c.unitized,
      ...(args.bySource ? { bySource: c.sourceCounts } : {}),
    })),
    unusedCodes: perCode.filter((c) => !c.used).map((c) => c.code.path),
    overall: {
      codes: perCode.filter((c) => c.used).length,
      ...figures(pooled, coders.length),
      unitizedAlpha: pooledUnitizedAlpha(perCode.filter((c) => c.used).map((c) => c.unitized)),
    },
  };
}

export type AgreementReport = Awaited<ReturnType<typeof computeAgreement>>;

/** Percent agreement, Cohen's kappa and nominal alpha of one set of pattern counts, with their inputs. */
function figures(
  counts: PatternCounts,
  coders: number,
): {
  units: number;
  cells: Record<string, number>;
  percent: PercentAgreement;
  kappa: CohenKappa | (Figure & { cells?: undefined });
  alpha: KrippendorffAlpha<string>;
} {
  const data: ReliabilityUnit<string>[] = [...counts].map(([pattern, weight]) => ({ values: patternValues(pattern), weight }));
  const percent = percentAgreement(data);
  const cells = Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0)));
  return {
    units: percent.units,
    cells,
    percent,
    kappa: coders === 2 ? binaryKappa(binaryCells(counts)) : undefinedBecause('needs-two-coders'),
    alpha: krippendorffAlpha(data, 'nominal'),
  };
}

function binaryCells(counts: PatternCounts): BinaryCells {
  const n = (p: string) => counts.get(p) ?? 0;
  return { both: n('11'), firstOnly: n('10'), secondOnly: n('01'), neither: n('00') };
}

async function loadSources(db: Db, projectId: string, args: Args): Promise<SourceInfo[]> {
  const ids =
    args.sources.length > 0
      ? [...new Set(await Promise.all(args.sources.map(async (s) => (await resolveSource(db, projectId, s)).id)))]
      : null;
  const needText = args.unit === 'sentence' || args.unit === 'paragraph';
  let query = db.selectFrom('sources').select(['id', 'name', 'text_length']).where('project_id', '=', projectId).orderBy('name');
  if (ids) query = query.where('id', 'in', ids);
  const rows = await query.execute();
  const out: SourceInfo[] = [];
  for (const r of rows) {
    let units: TextRange[] | null = null;
    if (needText) {
      const { text } = await db.selectFrom('sources').select('text').where('id', '=', r.id).executeTakeFirstOrThrow();
      units = args.unit === 'sentence' ? sentenceUnits(text) : paragraphUnits(text);
    } else if (args.unit === 'turn') {
      const turns = await db
        .selectFrom('turns')
        .select(['start_offset as start', 'end_offset as end'])
        .where('source_id', '=', r.id)
        .orderBy('start_offset')
        .execute();
      units = turnUnits(turns, r.text_length);
    }
    out.push({ id: r.id, name: r.name, length: r.text_length, coded: [], units });
  }
  return out;
}

import { z } from 'zod';
import { subtree, treeOrder } from '../../core/queries/matrix.js';
import { AnalysisFilter, resolveFilter } from './analysisFilter.js';
import type { CommandContext } from './context.js';
import { filteredTallies } from './filteredTallies.js';
import { asCodeNodes, countedLayers, type Tally } from './queryData.js';
import { loadCodes, resolveProject } from './resolve.js';

export const FrequenciesInput = z.object({
  project: z.string(),
  /** Only this coder's layer. */
  coder: z.string().optional(),
  /** Only the segments this filter lets through (helpers/analysisFilter.ts). */
  filter: AnalysisFilter.optional(),
});

/**
 * How often each node of the codebook is used, in tree order: its own segments, and for its
 * whole branch the segments, coded characters, and how many cases and sources hold them.
 */
export async function computeFrequencies(ctx: CommandContext, args: z.output<typeof FrequenciesInput>) {
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const layers = await countedLayers(db, project, ctx, args.coder);
  const filter = await resolveFilter(db, project.id, args.filter);
  const [codes, tallies] = await Promise.all([loadCodes(db, project.id), filteredTallies(db, project.id, layers, filter)]);
  const nodes = asCodeNodes(codes);
  const byCode = new Map<string, Tally[]>();
  for (const t of tallies) {
    const list = byCode.get(t.codeId);
    if (list) list.push(t);
    else byCode.set(t.codeId, [t]);
  }
  const description = new Map(codes.map((c) => [c.id, c.description]));
  return treeOrder(nodes).map(({ node, path, depth, children }) => {
    const own = byCode.get(node.id) ?? [];
    const branch = subtree(nodes, node.id).flatMap((id) => byCode.get(id) ?? []);
    return {
      id: node.id,
      name: node.name,
      path,
      depth,
      color: node.color,
      description: description.get(node.id) ?? '',
      children,
      segments: own.reduce((n, t) => n + t.count, 0),
      branchSegments: branch.reduce((n, t) => n + t.count, 0),
      chars: branch.reduce((n, t) => n + t.chars, 0),
      cases: new Set(branch.filter((t) => t.caseId !== null).map((t) => t.caseId)).size,
      sources: new Set(branch.map((t) => t.sourceId)).size,
    };
  });
}

export type CodeFrequency = Awaited<ReturnType<typeof computeFrequencies>>[number];

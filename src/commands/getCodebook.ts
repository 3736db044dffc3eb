import type { CommandContext } from './helpers/context.js';
import { visibleLayer } from './helpers/layers.js';
import { loadCodes, resolveProject } from './helpers/resolve.js';

export interface CodebookNode {
  id: string;
  name: string;
  color: string;
  description: string;
  position: number;
  /** Segments coded with this node itself. */
  segments: number;
  /** Segments coded with this node or any node below it. */
  branchSegments: number;
  children: CodebookNode[];
}

/** The codebook as a tree, each node with its segment counts. */
export async function getCodebook(ctx: CommandContext, input: { project: string; coder?: string }) {
  const { db } = ctx.store;
  const project = await resolveProject(db, input.project);
  const codes = await loadCodes(db, project.id);
  let counts = db
    .selectFrom('segments as s')
    .innerJoin('coders as k', 'k.id', 's.coder_id')
    .select(['s.code_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.project_id', '=', project.id)
    .groupBy('s.code_id');
  // Blind mode: a coder other than the owner counts only their own layer.
  const coder = (await visibleLayer(db, project, ctx)) ?? input.coder;
  if (coder) counts = counts.where('k.name', '=', coder);
  const byCode = new Map((await counts.execute()).map((r) => [r.code_id, Number(r.n)]));
  const build = (parentId: string | null): CodebookNode[] =>
    codes
      .filter((c) => c.parent_id === parentId)
      .sort((a, b) => a.position - b.position)
      .map((c) => {
        const children = build(c.id);
        const own = byCode.get(c.id) ?? 0;
        return {
          id: c.id,
          name: c.name,
          color: c.color,
          description: c.description,
          position: c.position,
          segments: own,
          branchSegments: own + children.reduce((sum, ch) => sum + ch.branchSegments, 0),
          children,
        };
      });
  return build(null);
}

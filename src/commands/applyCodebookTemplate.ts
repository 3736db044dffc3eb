import { z } from 'zod';
import { findTemplate } from '../core/codebook/templates/index.js';
import type { CodebookTemplateNode } from '../core/codebook/templates/types.js';
import { sameName } from '../core/codebook/tree.js';
import { newId, nowIso } from '../store/ids.js';
import type { CodeRow } from '../store/schema.js';
import { siblingsOf } from './helpers/codebook.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { loadCodes, resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), template: z.string() });

/**
 * Adds a built-in codebook (e.g. `traffic-light`) in the project's language. Nodes whose name
 * already stands at the same place are reused, so applying a template twice adds nothing.
 */
export async function applyCodebookTemplate(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const template = findTemplate(args.template);
  const project = await resolveProject(ctx.store.db, args.project);
  const lang = project.language === 'en' ? 'en' : 'sv';
  return runCommand(ctx, { action: 'codebook.template', projectId: project.id }, async (w) => {
    const codes = await loadCodes(w.trx, project.id);
    const added: string[] = [];
    const place = async (nodes: CodebookTemplateNode[], parent: CodeRow | null) => {
      for (const node of nodes) {
        const name = node.name[lang];
        const siblings = siblingsOf(codes, parent?.id ?? null);
        let row = siblings.find((c) => sameName(c.name, name));
        if (!row) {
          row = {
            id: newId(),
            project_id: project.id,
            parent_id: parent?.id ?? null,
            position: siblings.length,
            name,
            color: node.color ?? parent?.color ?? '#888888',
            description: node.description[lang],
            created_at: nowIso(),
          };
          await w.insert('codes', row);
          codes.push(row);
          added.push(row.id);
        }
        await place(node.children ?? [], row);
      }
    };
    await place(template.nodes, null);
    return { result: { template: template.id, added: added.length }, objectIds: added, details: { added: added.length } };
  });
}

import { z } from 'zod';
import { normalizeAttributeValue, parseAttributeType } from '../core/cases/attributeValue.js';
import type { ChangeRecorder } from '../store/changes.js';
import { newId } from '../store/ids.js';
import { type CommandContext, runCommand } from './context.js';
import { insertAttribute } from './defineAttribute.js';
import { resolveCase, resolveProject } from './resolve.js';
import { parseInput } from './validate.js';

export const Input = z.object({
  project: z.string(),
  case: z.string(),
  /** Attribute name → value; an empty value clears it. */
  attributes: z.record(z.string().trim().min(1), z.string()),
});

/** Sets (or clears) attribute values of one case, each checked against its attribute's type. */
export async function setCaseAttributes(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'case.set-attributes', projectId: project.id }, async (w) => {
    const c = await resolveCase(w.trx, project.id, args.case);
    await writeAttributeValues(w, project.id, c.id, args.attributes);
    return { result: { id: c.id }, objectIds: [c.id], details: { attributes: Object.keys(args.attributes).length } };
  });
}

/** Writes values for a case; an attribute not yet declared is declared as text. */
export async function writeAttributeValues(
  w: ChangeRecorder,
  projectId: string,
  caseId: string,
  values: Record<string, string>,
): Promise<void> {
  for (const [attributeName, raw] of Object.entries(values)) {
    const attribute =
      (await w.trx
        .selectFrom('attributes')
        .selectAll()
        .where('project_id', '=', projectId)
        .where('name', '=', attributeName)
        .executeTakeFirst()) ?? null;
    if (!attribute && raw.trim() === '') continue;
    const attributeId = attribute?.id ?? (await insertAttribute(w, projectId, attributeName, 'text', []));
    const current = await w.trx
      .selectFrom('attribute_values')
      .select('id')
      .where('case_id', '=', caseId)
      .where('attribute_id', '=', attributeId)
      .executeTakeFirst();
    if (raw.trim() === '') {
      if (current) await w.delete('attribute_values', [current.id]);
      continue;
    }
    const value = attribute
      ? normalizeAttributeValue(
          { name: attribute.name, type: parseAttributeType(attribute.type), choices: JSON.parse(attribute.choices) },
          raw,
        )
      : raw.trim();
    if (current) await w.update('attribute_values', current.id, { value });
    else await w.insert('attribute_values', { id: newId(), case_id: caseId, attribute_id: attributeId, value });
  }
}

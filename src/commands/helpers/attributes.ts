import { type AttributeType, normalizeAttributeValue, parseAttributeType } from '../../core/cases/attributeValue.js';
import { conflict } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import { newId } from '../../store/ids.js';

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

/** Declares an attribute (names are unique in a project) after the others and returns its id. */
export async function insertAttribute(
  w: ChangeRecorder,
  projectId: string,
  attributeName: string,
  type: AttributeType,
  choices: string[],
): Promise<string> {
  const existing = await w.trx.selectFrom('attributes').select(['id', 'position']).where('project_id', '=', projectId).execute();
  const taken = await w.trx
    .selectFrom('attributes')
    .select('id')
    .where('project_id', '=', projectId)
    .where('name', '=', attributeName)
    .executeTakeFirst();
  if (taken) throw conflict('attribute.exists', { attribute: attributeName });
  const id = newId();
  const position = existing.reduce((max, a) => Math.max(max, a.position + 1), 0);
  await w.insert('attributes', {
    id,
    project_id: projectId,
    name: attributeName,
    type,
    choices: JSON.stringify(choices),
    position,
  });
  return id;
}

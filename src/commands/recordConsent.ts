import { z } from 'zod';
import { normalizeAttributeValue } from '../core/cases/attributeValue.js';
import { detectMediaType } from '../formats/mediaType.js';
import { newId, nowIso } from '../store/ids.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveCase, resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  case: z.string(),
  /** Which information letter the participant was given, e.g. "v2 2024-03-01". */
  letterVersion: z.string().trim().min(1).max(200),
  /** `YYYY-MM-DD` */
  consentedOn: z.string(),
  note: z.string().max(5_000).default(''),
  /** The signed consent form, kept with the record. */
  form: z
    .object({
      fileName: z.string().min(1),
      /** What the uploader claimed; ignored for what is stored and served (see detectMediaType). */
      mediaType: z.string().optional(),
      bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
    })
    .optional(),
});

/** Records (or updates) a participant's written consent, with the signed form attached. */
export async function recordConsent(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const consentedOn = normalizeAttributeValue({ name: 'consentedOn', type: 'date', choices: [] }, args.consentedOn);
  const project = await resolveProject(ctx.store.db, args.project);
  const form = args.form && { ...args.form, mediaType: await detectMediaType(args.form.bytes) };
  return runCommand(ctx, { action: 'consent.record', projectId: project.id }, async (w) => {
    const c = await resolveCase(w.trx, project.id, args.case);
    const at = nowIso();
    let formId: string | null = null;
    if (form) {
      formId = newId();
      await w.insert('attachments', {
        id: formId,
        project_id: project.id,
        case_id: c.id,
        kind: 'consent-form',
        file_name: form.fileName,
        media_type: form.mediaType,
        bytes: form.bytes,
        created_at: at,
      });
    }
    const existing = await w.trx.selectFrom('consent_records').selectAll().where('case_id', '=', c.id).executeTakeFirst();
    const fields = { letter_version: args.letterVersion, consented_on: consentedOn, note: args.note, updated_at: at };
    if (existing) {
      await w.update('consent_records', existing.id, { ...fields, form_attachment_id: formId ?? existing.form_attachment_id });
    } else {
      await w.insert('consent_records', { id: newId(), case_id: c.id, form_attachment_id: formId, ...fields });
    }
    return {
      result: { case: c.name, letterVersion: args.letterVersion, consentedOn, form: formId !== null },
      objectIds: [c.id, ...(formId ? [formId] : [])],
    };
  });
}

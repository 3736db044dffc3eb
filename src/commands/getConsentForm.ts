import { notFound } from '../core/errors.js';
import { detectMediaType } from '../formats/mediaType.js';
import type { CommandContext } from './helpers/context.js';
import { resolveCase, resolveProject } from './helpers/resolve.js';

/** The signed consent form attached to a case's consent record, for download. */
export async function getConsentForm(ctx: CommandContext, input: { project: string; case: string }) {
  const { db } = ctx.store;
  const project = await resolveProject(db, input.project);
  const c = await resolveCase(db, project.id, input.case);
  const form = await db
    .selectFrom('consent_records as r')
    .innerJoin('attachments as a', 'a.id', 'r.form_attachment_id')
    .select(['a.file_name', 'a.media_type', 'a.bytes'])
    .where('r.case_id', '=', c.id)
    .executeTakeFirst();
  if (!form) throw notFound('consent.no-form', { case: c.name });
  // Detected again: forms recorded before detection existed kept the uploader's claim.
  return { fileName: form.file_name, mediaType: await detectMediaType(form.bytes), bytes: form.bytes };
}

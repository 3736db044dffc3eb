import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';

/**
 * The consent overview: every case with its consent (letter version, date, form) or the lack
 * of one, and how many participants have withdrawn (counted from the audit log, which keeps no
 * name of theirs).
 */
export async function listConsent(ctx: CommandContext, input: { project: string }) {
  const { db } = ctx.store;
  const project = await resolveProject(db, input.project);
  const rows = await db
    .selectFrom('cases as c')
    .leftJoin('consent_records as r', 'r.case_id', 'c.id')
    .leftJoin('attachments as a', 'a.id', 'r.form_attachment_id')
    .select(['c.id', 'c.name', 'r.letter_version', 'r.consented_on', 'r.note', 'a.file_name'])
    .where('c.project_id', '=', project.id)
    .orderBy('c.name')
    .execute();
  const withdrawn = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('project_id', '=', project.id)
    .where('action', '=', 'case.withdraw')
    .executeTakeFirstOrThrow();
  return {
    cases: rows.map((r) => ({
      id: r.id,
      name: r.name,
      consent: r.letter_version
        ? {
            letterVersion: r.letter_version,
            consentedOn: r.consented_on as string,
            note: r.note as string,
            form: r.file_name ?? null,
          }
        : null,
    })),
    withdrawn: Number(withdrawn.n),
  };
}

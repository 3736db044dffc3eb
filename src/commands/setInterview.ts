import { z } from 'zod';
import { notFound } from '../core/errors.js';
import { parseDay, parseLength } from '../core/interviews/log.js';
import { newId, nowIso } from '../store/ids.js';
import type { InterviewRow } from '../store/schema.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { name, parseInput } from './helpers/validate.js';

const note = z.string().trim().max(500);

/** Each field left out stays as it is; an empty text (or null) clears it. */
export const Input = z.object({
  project: z.string(),
  /** The interview's source, by name or id. */
  source: z.string(),
  /** `YYYY-MM-DD` */
  heldOn: z.string().nullable().optional(),
  place: note.optional(),
  /** Typed as minutes, `mm:ss` or `h:mm:ss`; a recording's own length is shown instead when there is one. */
  length: z.string().nullable().optional(),
  interviewers: z.array(name).max(20).optional(),
  /** The guide version used, by name; null: by the interview's date. */
  guideVersion: z.string().nullable().optional(),
  transcriber: note.optional(),
});

/** Logs facts of one interview: date, place, length, interviewers, guide version, transcriber. */
export async function setInterview(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const patch: Partial<InterviewRow> = {};
  if (args.heldOn !== undefined) patch.held_on = args.heldOn?.trim() ? parseDay(args.heldOn) : null;
  if (args.length !== undefined) patch.length_ms = args.length?.trim() ? parseLength(args.length) : null;
  if (args.place !== undefined) patch.place = args.place;
  if (args.interviewers !== undefined) patch.interviewers = JSON.stringify(args.interviewers);
  if (args.transcriber !== undefined) patch.transcriber = args.transcriber;
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand(ctx, { action: 'interview.set', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    if (args.guideVersion !== undefined) patch.guide_version_id = await versionId(w.trx, project.id, args.guideVersion);
    const existing = await w.trx.selectFrom('interviews').selectAll().where('source_id', '=', source.id).executeTakeFirst();
    const at = nowIso();
    let id = existing?.id;
    if (existing) {
      await w.update('interviews', existing.id, { ...patch, updated_at: at });
    } else {
      id = newId();
      await w.insert('interviews', {
        id,
        project_id: project.id,
        source_id: source.id,
        held_on: null,
        place: '',
        length_ms: null,
        interviewers: '[]',
        guide_version_id: null,
        transcriber: '',
        ...patch,
        updated_at: at,
      });
    }
    return {
      result: { source: source.name, changed: Object.keys(patch).length },
      objectIds: [source.id, id as string],
      details: { fields: Object.keys(patch).length },
    };
  });
}

async function versionId(db: Parameters<typeof resolveSource>[0], projectId: string, ref: string | null): Promise<string | null> {
  if (ref === null || ref.trim() === '') return null;
  const row = await db
    .selectFrom('guide_versions')
    .select('id')
    .where('project_id', '=', projectId)
    .where((eb) => eb.or([eb('name', '=', ref.trim()), eb('id', '=', ref.trim())]))
    .executeTakeFirst();
  if (!row) throw notFound('guide.version-not-found', { version: ref });
  return row.id;
}

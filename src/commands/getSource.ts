import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { sourceTurns } from './helpers/turns.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string(), source: z.string() });

/** A source with its canonical text, speaker turns and what its recording is (not the original's or the recording's bytes). */
export async function getSource(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const { id } = await resolveSource(db, project.id, args.source);
  const source = await db
    .selectFrom('sources as s')
    .leftJoin('cases as c', 'c.id', 's.case_id')
    .leftJoin('recordings as r', 'r.source_id', 's.id')
    .select([
      's.id',
      's.name',
      's.kind',
      's.text',
      's.text_length',
      's.text_hash',
      's.original_name',
      's.original_media_type',
      's.metadata',
      's.created_at',
      'c.id as case_id',
      'c.name as case_name',
      'r.file_name as recording_file_name',
      'r.media_type as recording_media_type',
      'r.size_bytes as recording_size_bytes',
      'r.duration_ms as recording_duration_ms',
    ])
    .where('s.id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    case: source.case_id ? { id: source.case_id, name: source.case_name as string } : null,
    length: source.text_length,
    textHash: source.text_hash,
    originalName: source.original_name,
    mediaType: source.original_media_type,
    metadata: JSON.parse(source.metadata) as Record<string, unknown>,
    createdAt: source.created_at,
    text: source.text,
    recording:
      source.recording_file_name === null
        ? null
        : {
            fileName: source.recording_file_name,
            mediaType: source.recording_media_type as string,
            sizeBytes: Number(source.recording_size_bytes),
            durationMs: source.recording_duration_ms,
          },
    turns: await sourceTurns(db, id),
  };
}

import { z } from 'zod';
import { type ByteRange, parseByteRange } from '../core/recordings/byteRange.js';
import { readRange } from '../store/recordings.js';
import type { CommandContext } from './helpers/context.js';
import { requireRecordingOf } from './helpers/recordings.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  /** An HTTP Range header's value; the whole file without one. */
  range: z.string().optional(),
});

/**
 * A source's recording, or the byte range asked for, as a stream of its chunks read one at a
 * time. A player asks for many ranges while it plays and seeks: reading is not audited (nor is
 * reading a text). `range: null` tells a range outside the file.
 */
export async function readRecording(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const source = await resolveSource(db, project.id, args.source);
  const recording = await requireRecordingOf(db, source.id, source.name);
  const size = Number(recording.size_bytes);
  const asked = parseByteRange(args.range, size);
  const range: ByteRange | null = asked === 'unsatisfiable' ? null : asked === 'whole' ? { start: 0, end: size - 1 } : asked;
  return {
    mediaType: recording.media_type,
    sizeBytes: size,
    /** Whether a part was asked for (HTTP 206) rather than the whole file. */
    partial: asked !== 'whole',
    range,
    bytes: range && size > 0 ? readRange(db, recording.id, range.start, range.end) : null,
  };
}

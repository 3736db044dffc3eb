import { basename } from 'node:path';
import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { parseOffThread } from './helpers/parseOffThread.js';
import { resolveProject } from './helpers/resolve.js';
import { assertUploadSize } from './helpers/uploadLimit.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  fileName: z.string().trim().min(1),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected file bytes'),
});

/**
 * What a file would import as, writing nothing: its kind, its turns and the speakers in it with
 * their turn counts, in order of first turn, so the import can ask which case speaks each.
 * A file that cannot be imported is refused as the import would refuse it.
 */
export async function previewSource(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  assertUploadSize(args.bytes.byteLength, basename(args.fileName));
  await resolveProject(ctx.store.db, args.project);
  const { parsed } = await parseOffThread(args.bytes, basename(args.fileName));
  const speakers = new Map<string, number>();
  for (const t of parsed.turns) if (t.speaker !== null) speakers.set(t.speaker, (speakers.get(t.speaker) ?? 0) + 1);
  return {
    kind: parsed.kind,
    turns: parsed.turns.length,
    speakers: [...speakers].map(([speaker, turns]) => ({ speaker, turns })),
  };
}

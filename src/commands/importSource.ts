import { basename } from 'node:path';
import { z } from 'zod';
import { conflict, invalid } from '../core/errors.js';
import type { ParsedSource } from '../formats/types.js';
import type { ChangeRecorder } from '../store/changes.js';
import { mapInSlices } from '../store/eventLoop.js';
import { newId, nowIso } from '../store/ids.js';
import { writeOriginal } from '../store/originals.js';
import { insertCase } from './helpers/cases.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { canRunOffThread, runOffThread } from './helpers/offThread.js';
import { parseOffThread } from './helpers/parseOffThread.js';
import { resolveCase, resolveProject } from './helpers/resolve.js';
import { freeName, sourceName } from './helpers/sourceNames.js';
import { assertSpeakersMappable, type SpeakerCase, speakerCases } from './helpers/speakerCases.js';
import { assertUploadSize } from './helpers/uploadLimit.js';
import { name as nameSchema, parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  fileName: z.string().trim().min(1),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected file bytes'),
  /** Case (participant) the source belongs to, by name or id. */
  case: z.string().optional(),
  /** A case to create with the source and link it to (instead of `case`). */
  newCase: nameSchema.optional(),
  /**
   * When the project already holds the file's text: `copy` stores it anyway (a numbered name, a
   * warning); `skip` imports nothing, so a batch run again after an interruption adds only the
   * files it had not reached; `ask` refuses with `import.duplicate-found`, writing nothing, so
   * the user can be asked and the file sent again with `copy`.
   */
  ifDuplicate: z.enum(['ask', 'copy', 'skip']).default('copy'),
  /** Name shown in Koda; the file's name without extension by default. */
  name: nameSchema.optional(),
  /** Speaker labels of the file → the case that speaks them (existing, by name or id, or new). */
  speakers: z.array(z.object({ speaker: z.string().trim().min(1), case: nameSchema })).default([]),
});

/**
 * A file this large is imported on a worker thread with a store connection of its own
 * (offThread.ts), on SQLite: writing its turns and its COMMIT would hold the event loop. A
 * typical interview transcript (tens of kB) stays here, where it is quicker.
 */
export const OFF_THREAD_BYTES = 1024 * 1024;

/** What an import tells: the source made (or the twin it skipped for), its turns and the speakers linked. */
export interface ImportResult {
  id: string;
  name: string;
  kind: string;
  length: number;
  turns: number;
  speakers: { speaker: string; case: string; created: boolean }[];
  warnings: ImportWarning[];
  skipped: boolean;
}

export interface ImportWarning {
  code: string;
  params: Record<string, string | number>;
}

/**
 * Imports one file as a source: parse it (outside the transaction, so a bad file writes
 * nothing), then store the original bytes, the canonical text and its speaker turns together.
 * Text the project already has is stored with a warning, skipped, or refused so the user can be
 * asked first (`ifDuplicate`).
 */
export async function importSource(ctx: CommandContext, input: z.input<typeof Input>): Promise<ImportResult> {
  const args = parseInput(Input, input);
  if (args.case !== undefined && args.newCase !== undefined) throw invalid('import.case-and-new-case', {});
  assertUploadSize(args.bytes.byteLength, basename(args.fileName));
  if (ctx.store.engine === 'sqlite' && args.bytes.byteLength >= OFF_THREAD_BYTES && canRunOffThread(ctx)) {
    // A copy of its own (a quick one), moved to the worker: the caller's bytes stay usable. Not
    // slice(): on a Buffer that is a view of the same memory, which the move would take away.
    const bytes = new Uint8Array(args.bytes);
    return runOffThread<ImportResult>(ctx, 'importSource', { ...input, bytes }, { transfer: [bytes.buffer as ArrayBuffer] });
  }
  const project = await resolveProject(ctx.store.db, args.project);
  const wanted = sourceName(args);
  const { parsed, textHash, textLength, originalHash } = await parseOffThread(args.bytes, basename(args.fileName));
  assertSpeakersMappable(args.speakers, parsed, basename(args.fileName));
  return runCommand(ctx, { action: 'source.import', projectId: project.id }, async (w) => {
    const caseId = args.newCase
      ? await insertCase(w, project.id, args.newCase)
      : args.case
        ? (await resolveCase(w.trx, project.id, args.case)).id
        : null;
    const warnings: ImportWarning[] = [];
    const twin = await w.trx
      .selectFrom('sources')
      .select(['id', 'name', 'kind', 'text_length'])
      .where('project_id', '=', project.id)
      .where('text_hash', '=', textHash)
      .executeTakeFirst();
    if (twin && args.ifDuplicate === 'skip') return skipped(w, twin);
    if (twin && args.ifDuplicate === 'ask')
      throw conflict('import.duplicate-found', { file: basename(args.fileName), source: twin.name });
    if (twin) warnings.push({ code: 'import.duplicate', params: { file: args.fileName, source: twin.name } });
    const name = await freeName(w, project.id, wanted.name);
    if (wanted.shortened) warnings.push({ code: 'import.name-shortened', params: { file: basename(args.fileName), name } });
    const id = newId();
    await w.insert('sources', {
      id,
      project_id: project.id,
      name,
      kind: parsed.kind,
      case_id: caseId,
      text: parsed.text,
      text_length: textLength,
      text_hash: textHash,
      original_name: basename(args.fileName),
      original_media_type: parsed.mediaType,
      original_hash: originalHash,
      metadata: JSON.stringify(parsed.metadata),
      created_at: nowIso(),
      verified_at: null,
      delete_original_when_verified: 0,
      original_deleted_at: null,
    });
    await writeOriginal(w, id, args.bytes);
    const speakers = await speakerCases(w, project.id, args.speakers);
    await insertTurns(w, id, parsed, speakers);
    return {
      result: {
        id,
        name,
        kind: parsed.kind,
        length: textLength,
        turns: parsed.turns.length,
        speakers: speakers.map(({ speaker, case: kase, created }) => ({ speaker, case: kase, created })),
        warnings,
        skipped: false,
      },
      objectIds: [id, ...(caseId ? [caseId] : []), ...new Set(speakers.map((s) => s.caseId))],
      details: {
        kind: parsed.kind,
        turns: parsed.turns.length,
        duplicate: twin !== undefined,
        newCase: args.newCase !== undefined,
        speakersLinked: speakers.length,
        casesCreated: speakers.filter((s) => s.created).length,
      },
    };
  });
}

/** The outcome of a file skipped because `twin` already holds its text: nothing is written. */
async function skipped(w: ChangeRecorder, twin: { id: string; name: string; kind: string; text_length: number }) {
  const turns = await w.trx
    .selectFrom('turns')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source_id', '=', twin.id)
    .executeTakeFirstOrThrow();
  return {
    result: {
      id: twin.id,
      name: twin.name,
      kind: twin.kind,
      length: twin.text_length,
      turns: Number(turns.n),
      speakers: [] as { speaker: string; case: string; created: boolean }[],
      warnings: [] as ImportWarning[],
      skipped: true,
    },
    objectIds: [twin.id],
    details: { skipped: true },
  };
}

/** The file's turns, each linked to the case its speaker was mapped to. */
async function insertTurns(w: ChangeRecorder, sourceId: string, parsed: ParsedSource, speakers: SpeakerCase[]) {
  const caseOf = new Map(speakers.map((s) => [s.speaker, s.caseId]));
  const rows = await mapInSlices(parsed.turns, (t, position) => ({
    id: newId(),
    source_id: sourceId,
    position,
    start_offset: t.start,
    end_offset: t.end,
    speaker: t.speaker,
    case_id: (t.speaker !== null && caseOf.get(t.speaker)) || null,
    start_ms: t.startMs,
    end_ms: t.endMs,
  }));
  if (rows.length > 0) await w.insertChildren('turns', { column: 'source_id', id: sourceId }, rows);
}

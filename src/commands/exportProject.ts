import { z } from 'zod';
import { invalid } from '../core/errors.js';
import type { SummaryItem } from '../formats/refi/plan.js';
import { writeCodebook } from '../formats/refi/qdeWriter.js';
import type { Db } from '../store/db.js';
import { readOriginal } from '../store/originals.js';
import type { SegmentRow, SourceRow, TurnRow } from '../store/schema.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { exportSets } from './helpers/exportSets.js';
import { assertMaySeeAllLayers } from './helpers/layers.js';
import { inPages, PAGE_ROWS } from './helpers/pages.js';
import { resolveProject } from './helpers/resolve.js';
import { provenanceNote } from './helpers/suggestions.js';
import { parseInput } from './helpers/validate.js';
import { writeExport } from './helpers/writeExport.js';

const Input = z.object({
  project: z.string(),
  /** `qdpx`: the whole project (REFI-QDA project exchange); `qdc`: the codebook only. */
  format: z.enum(['qdpx', 'qdc']),
});

export interface ProjectExportResult {
  format: 'qdpx' | 'qdc';
  /** A file name to save it under: the project's name and the format's extension. */
  fileName: string;
  bytes: Uint8Array;
  counts: Record<string, number>;
  /** What the file does not carry, for the user to know before sending it on. */
  summary: SummaryItem[];
}

export const ORIGIN = 'Koda';

/** Each format is its own action: the two need different roles (actions.ts). */
const ACTION = { qdpx: 'project.export-qdpx', qdc: 'project.export-qdc' } as const;

/**
 * Exports a project as REFI-QDA: a .qdpx project or a .qdc codebook (see
 * formats/refi/qdeWriter.ts for the mapping). Reads in one transaction so the file is one
 * consistent state, and leaves an audit event (an export takes research data out of Koda). In
 * blind mode only the project's owner may export the project (it holds every coder's segments);
 * anyone may export the codebook. The many rows are read in pages (`pageRows` is for tests) and
 * original files a stored piece at a time (originals.ts), and the file is written in a worker thread
 * (issue 13: the server is not held meanwhile).
 */
export async function exportProject(
  ctx: CommandContext,
  input: z.input<typeof Input>,
  { pageRows }: { pageRows?: number } = {},
): Promise<ProjectExportResult> {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  return runCommand<ProjectExportResult>(ctx, { action: ACTION[args.format], projectId: project.id }, async (w) => {
    const db = w.trx;
    const p = project.id;
    const codes = await db.selectFrom('codes').selectAll().where('project_id', '=', p).execute();
    const memos = await db.selectFrom('memos').selectAll().where('project_id', '=', p).execute();
    const fileName = `${safeFileName(project.name)}.${args.format}`;
    if (args.format === 'qdc') {
      if (codes.length === 0) throw invalid('refi.empty-codebook', { project: project.name });
      const { qdc, summary } = writeCodebook(codes, memos, ORIGIN);
      const counts = { codes: codes.length };
      return {
        result: { format: 'qdc', fileName, bytes: new TextEncoder().encode(qdc), counts, summary },
        objectIds: [p],
        details: counts,
      };
    }
    // A project file holds every coder's segments: in blind mode only the owner may take one.
    await assertMaySeeAllLayers(db, project, ctx);
    const sources = await sourcesInPages(db, p, pageRows ?? SOURCE_PAGE_ROWS);
    const rows = await rowsInPages(db, sources, pageRows ?? PAGE_ROWS);
    // The provenance of accepted suggestions travels as a note on the project (the layer is a User).
    const provenance = await provenanceNote(db, project);
    const snapshot = {
      project,
      codes,
      memos: provenance ? [...memos, provenance] : memos,
      coders: await db.selectFrom('coders').selectAll().where('project_id', '=', p).execute(),
      attributes: await db.selectFrom('attributes').selectAll().where('project_id', '=', p).execute(),
      cases: await db.selectFrom('cases').selectAll().where('project_id', '=', p).execute(),
      values: await db
        .selectFrom('attribute_values as v')
        .innerJoin('cases as c', 'c.id', 'v.case_id')
        .selectAll('v')
        .where('c.project_id', '=', p)
        .execute(),
      sources,
      sets: await exportSets(db, p),
      origin: ORIGIN,
    };
    const { bytes, summary } = await writeExport({ snapshot, segmentPages: rows.segmentPages, turnPages: rows.turnPages });
    // Kept in Koda on purpose: consent forms and the pseudonym map never leave with an export.
    const consents = await db
      .selectFrom('consent_records as r')
      .innerJoin('cases as c', 'c.id', 'r.case_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('c.project_id', '=', p)
      .executeTakeFirstOrThrow();
    if (Number(consents.n) > 0) summary.push({ kind: 'export-consent', count: Number(consents.n), examples: [] });
    const pseudonyms = await db
      .selectFrom('pseudonym_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('project_id', '=', p)
      .executeTakeFirstOrThrow();
    if (Number(pseudonyms.n) > 0) summary.push({ kind: 'export-pseudonyms', count: Number(pseudonyms.n), examples: [] });
    if (project.blind === 1) summary.push({ kind: 'export-blind', count: 1, examples: [] });
    const counts = {
      users: snapshot.coders.length,
      codes: codes.length,
      variables: snapshot.attributes.length,
      cases: snapshot.cases.length,
      sources: snapshot.sources.length,
      selections: rows.segments,
      notes: memos.length + rows.segmentMemos,
      sets: snapshot.sets.length,
    };
    return { result: { format: 'qdpx', fileName, bytes, counts, summary }, objectIds: [p], details: counts };
  });
}

/** Sources read a few at a time: each row carries its text. */
const SOURCE_PAGE_ROWS = 5;

/**
 * The project's sources, in pages by id (issue 13: no long synchronous read), each with its
 * original file read apart.
 */
async function sourcesInPages(db: Db, projectId: string, pageRows: number) {
  const sources: (SourceRow & { original_bytes: Uint8Array | null })[] = [];
  const pages = inPages<SourceRow>((after, limit) => {
    let query = db.selectFrom('sources').select(SOURCE_COLUMNS).where('project_id', '=', projectId);
    if (after) query = query.where('id', '>', after.id);
    return query.orderBy('id').limit(limit).execute();
  }, pageRows);
  for await (const page of pages)
    for (const row of page) sources.push({ ...row, original_bytes: await readOriginal(db, row.id) });
  return sources;
}

/** Every column of a source. */
const SOURCE_COLUMNS = [
  'id',
  'project_id',
  'name',
  'kind',
  'case_id',
  'text',
  'text_length',
  'text_hash',
  'original_name',
  'original_media_type',
  'original_hash',
  'metadata',
  'created_at',
  'verified_at',
  'delete_original_when_verified',
  'original_deleted_at',
  'delete_recording_when_verified',
  'recording_deleted_at',
] as const satisfies readonly (keyof SourceRow)[];
/** A column added to sources and not to the list above fails to compile here. */
const everyColumn: Exclude<keyof SourceRow, (typeof SOURCE_COLUMNS)[number]> extends never ? true : never = true;
void everyColumn;

/**
 * Each source's segments and turns in pages through their indexes by source and start, kept as
 * the UTF-8 JSON the export's worker reads (writeExport.ts), with the counts the audit entry tells.
 */
async function rowsInPages(db: Db, sources: readonly { id: string }[], pageRows: number) {
  const out = { segmentPages: [] as Uint8Array[], turnPages: [] as Uint8Array[], segments: 0, segmentMemos: 0 };
  const json = (rows: unknown[]) => new TextEncoder().encode(JSON.stringify(rows));
  for (const { id } of sources) {
    const segments = inPages<SegmentRow>((after, limit) => {
      let query = db.selectFrom('segments').selectAll().where('source_id', '=', id);
      if (after) query = query.where((eb) => eb(eb.refTuple('start_offset', 'id'), '>', eb.tuple(after.start_offset, after.id)));
      return query.orderBy('start_offset').orderBy('id').limit(limit).execute();
    }, pageRows);
    for await (const page of segments) {
      out.segmentPages.push(json(page));
      out.segments += page.length;
      out.segmentMemos += page.filter((s) => s.memo !== '').length;
    }
    const turns = inPages<TurnRow>((after, limit) => {
      let query = db.selectFrom('turns').selectAll().where('source_id', '=', id);
      if (after) query = query.where((eb) => eb(eb.refTuple('start_offset', 'id'), '>', eb.tuple(after.start_offset, after.id)));
      return query.orderBy('start_offset').orderBy('id').limit(limit).execute();
    }, pageRows);
    for await (const page of turns) out.turnPages.push(json(page));
  }
  return out;
}

/** A project name as a file name: no path separators or characters Windows refuses. */
function safeFileName(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '');
  return cleaned || 'koda-project';
}

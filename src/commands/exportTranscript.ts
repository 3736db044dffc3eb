import { z } from 'zod';
import { treeOrder } from '../core/queries/matrix.js';
import { layOutTranscript } from '../core/transcript/codedTranscript.js';
import { codedTranscriptDocx } from '../formats/codedTranscriptDocx.js';
import { codedTranscriptHtml, type LegendCode, type TranscriptDocument } from '../formats/codedTranscriptHtml.js';
import { type Language, translator } from '../i18n/index.js';
import type { Db } from '../store/db.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { withContent, writtenInSlices } from './helpers/fileContent.js';
import { visibleLayer } from './helpers/layers.js';
import { asCodeNodes } from './helpers/queryData.js';
import { loadCodes, resolveProject, resolveSource } from './helpers/resolve.js';
import { slug } from './helpers/slug.js';
import { parseInput } from './helpers/validate.js';

export const TRANSCRIPT_FORMATS = ['html', 'docx'] as const;

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  format: z.enum(TRANSCRIPT_FORMATS).default('html'),
  /** Only this coder's layer (by name). */
  coder: z.string().optional(),
});

const MEDIA_TYPES = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;

/**
 * A source's coded transcript: its whole text, line by line, with its codes in the margin and a
 * numbered mark where each segment opens and closes (core/transcript/codedTranscript.ts), as a
 * self-contained HTML page to print or save as PDF, or as a Word document. The codes are numbered
 * in codebook order in a legend. In blind mode only the layers the acting coder may see.
 * Audited: participants' words leave Koda.
 */
export async function exportTranscript(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const { id } = await resolveSource(db, project.id, args.source);
  const source = await db
    .selectFrom('sources as s')
    .leftJoin('cases as c', 'c.id', 's.case_id')
    .select(['s.id', 's.name', 's.text', 'c.name as case_name'])
    .where('s.id', '=', id)
    .executeTakeFirstOrThrow();
  // In blind mode a coder sees their own layer whatever they ask for.
  const layer = (await visibleLayer(db, project, ctx)) ?? args.coder ?? null;
  const [codes, segments] = await Promise.all([loadCodes(db, project.id), sourceSegments(db, project.id, id, layer)]);

  // The codes used here, numbered in codebook order, each in the colour the document view shows.
  const used = new Map<string, number>();
  for (const s of segments) used.set(s.code_id, (used.get(s.code_id) ?? 0) + 1);
  const nodes = asCodeNodes(codes);
  const legend: (LegendCode & { id: string })[] = [];
  for (const { node } of treeOrder(nodes))
    if (used.has(node.id))
      legend.push({
        id: node.id,
        number: legend.length + 1,
        name: node.name,
        color: node.color,
        segments: used.get(node.id) ?? 0,
      });
  const numberOf = new Map(legend.map((c) => [c.id, c.number]));
  const blocks = layOutTranscript(
    source.text,
    segments.map((s) => ({ start: s.start_offset, end: s.end_offset, code: numberOf.get(s.code_id) ?? 0 })),
  );

  const language: Language = project.language === 'en' ? 'en' : 'sv';
  const t = translator(language);
  const doc: TranscriptDocument = {
    language,
    title: source.name,
    meta: [
      ...(source.case_name ? [t('transcript|case', { case: source.case_name })] : []),
      t('transcript|layer', { layer: layer === null ? t('report|layer-all') : t('report|layer-one', { coder: layer }) }),
      t('transcript|made', { project: project.name, date: new Date().toISOString().slice(0, 10) }),
    ],
    legendHeading: t('transcript|legend'),
    segmentCount: (count) => t('transcript|segments', { count }),
    empty: t('transcript|empty'),
    marginLabel: t('transcript|margin'),
    codes: legend,
    blocks,
  };
  const file = args.format === 'html' ? codedTranscriptHtml(doc) : await writtenInSlices(codedTranscriptDocx(doc));
  await runCommand(ctx, { action: 'transcript.export', projectId: project.id }, async () => ({
    result: undefined,
    objectIds: [project.id, source.id],
    details: { format: args.format, segments: segments.length },
  }));
  return withContent(file, {
    format: args.format,
    fileName: `${slug(source.name)}-${t('transcript|file')}.${args.format}`,
    mediaType: MEDIA_TYPES[args.format],
    source: { id: source.id, name: source.name },
    segments: segments.length,
  });
}

/** A source's segments in one indexed query (`segments_source`): of one layer, or all (`layer` null). */
async function sourceSegments(db: Db, projectId: string, sourceId: string, layer: string | null) {
  let query = db
    .selectFrom('segments as s')
    .select(['s.code_id', 's.start_offset', 's.end_offset'])
    .where('s.source_id', '=', sourceId)
    .where('s.project_id', '=', projectId);
  if (layer !== null)
    query = query.where('s.coder_id', 'in', (eb) =>
      eb.selectFrom('coders').select('id').where('project_id', '=', projectId).where('name', '=', layer),
    );
  return query.orderBy('s.start_offset').execute();
}

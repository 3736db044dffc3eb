import { z } from 'zod';
import { type MatrixTable, matrixCsv, matrixXlsx } from '../formats/matrixExport.js';
import { type Language, translator } from '../i18n/index.js';
import { columnLabel } from './helpers/chartSpecs.js';
import type { CommandContext } from './helpers/context.js';
import { writtenInSlices } from './helpers/fileContent.js';
import { computeMatrix, MatrixInput } from './helpers/matrix.js';
import { slug } from './helpers/slug.js';
import { parseInput } from './helpers/validate.js';

export const Input = MatrixInput.extend({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});

const MEDIA_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * A code matrix as a spreadsheet (xlsx) or csv: rows by their codebook path (`Hinder / media`),
 * a column per case or attribute value, a total column; labels in the project's language, and
 * in the xlsx a second sheet saying what the numbers are. The csv is separated as a spreadsheet
 * in that language expects (a semicolon in Swedish).
 */
export async function exportMatrix(ctx: CommandContext, input: z.input<typeof Input>) {
  const { format, ...rest } = parseInput(Input, input);
  const matrix = await computeMatrix(ctx, rest);
  const language: Language = matrix.project.language === 'en' ? 'en' : 'sv';
  const t = translator(language);
  const table: MatrixTable = {
    corner: t(`report|level|${matrix.rowLevel}`),
    columns: matrix.columns.map((c) => columnLabel(c, t)),
    total: t('report|total'),
    rows: matrix.rows.map((r, i) => ({ label: r.path.join(' / '), cells: matrix.cells[i] ?? [], total: matrix.totals[i] ?? 0 })),
    sheet: t('report|matrix-sheet'),
    about: {
      sheet: t('report|about-sheet'),
      lines: [
        [t('report|about|project'), matrix.project.name],
        [t('report|about|rows'), t(`report|level|${matrix.rowLevel}`)],
        [t('report|about|columns'), matrix.attribute ?? t('report|case-plural')],
        [t('report|about|measure'), t(`report|measure-long|${matrix.measure}`)],
        [t('report|about|coder'), matrix.coder ?? t('report|layer-all')],
        [t('report|about|date'), new Date().toISOString().slice(0, 10)],
      ],
    },
  };
  const bytes = format === 'xlsx' ? await writtenInSlices(matrixXlsx(table)) : matrixCsv(table, language);
  const what = matrix.attribute ? slug(matrix.attribute) : t('report|case-plural');
  return {
    format,
    fileName: `${slug(matrix.project.name)}-${t('report|matrix-file')}-${slug(what)}.${format}`,
    mediaType: MEDIA_TYPES[format],
    bytes,
    rows: matrix.rows.length,
    columns: matrix.columns.length,
  };
}

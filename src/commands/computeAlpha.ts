import { z } from 'zod';
import { type KrippendorffAlpha, krippendorffAlpha, LEVELS, type Level } from '../core/agreement/krippendorffAlpha.js';
import type { ReliabilityUnit } from '../core/agreement/types.js';
import { invalid } from '../core/errors.js';
import { DELIMITERS, parseCsv } from '../formats/csvTable.js';
import type { CommandContext } from './helpers/context.js';
import { parseInput } from './helpers/validate.js';

export const Input = z
  .object({
    /** Reliability data as text cells: rows are coders, columns are units. */
    rows: z.array(z.array(z.string())).min(1).optional(),
    /** The same as the text of a CSV file (read by formats/csvTable.ts), instead of `rows`. */
    csv: z.string().optional(),
    /** The CSV's field separator; guessed when not given. */
    delimiter: z.enum(DELIMITERS).optional(),
    level: z.enum(LEVELS as [Level, ...Level[]]).default('nominal'),
    /** The first row names the units. */
    header: z.boolean().default(false),
    /** The first column names the coders. */
    rowNames: z.boolean().default(false),
    /** Cells that mean "missing" besides an empty one, e.g. `.` or `NA`. */
    missing: z.array(z.string()).default([]),
  })
  .refine((input) => (input.rows === undefined) !== (input.csv === undefined), {
    message: 'give the data either as rows or as csv',
    path: ['rows'],
  });

/**
 * Krippendorff's alpha of any reliability data (Krippendorff 2011): rows are coders, columns
 * are units, an empty cell (or one of the `missing` tokens) is a missing value. Nominal data are
 * compared as text; ordinal, interval and ratio data must be numbers (a decimal comma is
 * accepted). Rows shorter than the longest are missing at the end. Needs no project.
 */
export async function computeAlpha(_ctx: CommandContext | null, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const level: Level = args.level;
  let rows = args.rows ?? parseCsv(args.csv ?? '', args.delimiter).rows;
  const unitNames = args.header ? (rows[0] ?? []).slice(args.rowNames ? 1 : 0) : null;
  if (args.header) rows = rows.slice(1);
  const coderNames = args.rowNames ? rows.map((r, i) => r[0]?.trim() || `${i + 1}`) : rows.map((_, i) => `${i + 1}`);
  const cells = rows.map((r) => (args.rowNames ? r.slice(1) : r));
  const width = Math.max(0, ...cells.map((r) => r.length));
  if (cells.length === 0 || width === 0) throw invalid('agreement.no-data', {});
  const missing = new Set(args.missing.map((m) => m.trim()));
  let missingCount = 0;
  const parsed = cells.map((r) =>
    Array.from({ length: width }, (_, u) => {
      const raw = (r[u] ?? '').trim();
      if (raw === '' || missing.has(raw)) {
        missingCount++;
        return null;
      }
      return level === 'nominal' ? raw : toNumber(raw, level);
    }),
  );
  const units: ReliabilityUnit<string | number>[] = [];
  for (let u = 0; u < width; u++) {
    const values = parsed.flatMap((r) => (r[u] === null || r[u] === undefined ? [] : [r[u] as string | number]));
    units.push({ values, weight: 1 });
  }
  const alpha: KrippendorffAlpha<string | number> = krippendorffAlpha(units, level);
  return {
    coders: coderNames,
    units: unitNames ?? Array.from({ length: width }, (_, u) => `${u + 1}`),
    missing: missingCount,
    pairableUnits: alpha.coincidences.units,
    ...alpha,
  };
}

function toNumber(raw: string, level: Level): number {
  const text = raw.replace(/^(-?\d+),(\d+)$/, '$1.$2');
  const n = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(n)) throw invalid('agreement.not-numeric', { value: raw, level });
  return n;
}

import { type Mark, MUTED, type Scene, shorten, textWidth } from './scene.js';

/**
 * The case × theme comparison: cases as columns, themes (or categories) as rows, in each cell a
 * circle whose area is the theme's share of the case's coding, with the share in figures beside
 * it. A share is the theme's coded characters in the case over the sum of all rows' coded
 * characters in that case (a span coded under two themes counts for each), so a case's column
 * adds up to 100 % and a talkative case weighs no more than a terse one.
 */
export interface ComparisonInput {
  title: string;
  rows: readonly { id: string; name: string; color: string }[];
  columns: readonly { key: string; label: string }[];
  /** Coded characters, `chars[row][column]`. */
  chars: readonly (readonly number[])[];
  labels: { cell: (row: string, column: string, percent: string) => string };
}

/** Each cell's share of its column, 0–1 (0 for a column with no coding). */
export function columnShares(chars: readonly (readonly number[])[], columns: number): number[][] {
  const totals = Array.from({ length: columns }, (_, c) => chars.reduce((n, row) => n + (row[c] ?? 0), 0));
  return chars.map((row) =>
    Array.from({ length: columns }, (_, c) => ((totals[c] ?? 0) > 0 ? (row[c] ?? 0) / (totals[c] as number) : 0)),
  );
}

/** A share as a whole percentage ("37 %"); above 0 but under 0.5 % it says "<1 %". */
export function percent(share: number): string {
  if (share <= 0) return '0 %';
  const p = Math.round(share * 100);
  return p === 0 ? '<1 %' : `${p} %`;
}

const MARGIN = 16;
const CELL = 64;
const ROW = 56;
const LABEL_MAX = 26;
const TILT = Math.SQRT1_2;

export function comparisonScene(p: ComparisonInput): Scene {
  const shares = columnShares(p.chars, p.columns.length);
  const rowNames = p.rows.map((r) => shorten(r.name, LABEL_MAX));
  const colNames = p.columns.map((c) => shorten(c.label, 20));
  const labelW = Math.max(60, ...rowNames.map((n) => textWidth(n, 12)));
  const colW = Math.max(20, ...colNames.map((n) => textWidth(n, 12)));
  const headH = Math.ceil(colW * TILT) + 20;
  const x0 = MARGIN + labelW + 12;
  const y0 = 40 + headH;
  // The last column's tilted name reaches right past its cell.
  const reach = x0 + (p.columns.length - 0.5) * CELL + colW * TILT;
  const width = Math.ceil(
    Math.max(360, Math.max(x0 + p.columns.length * CELL, reach) + MARGIN, textWidth(p.title, 15) + 2 * MARGIN),
  );
  const marks: Mark[] = [{ kind: 'text', x: width / 2, y: 22, text: p.title, anchor: 'middle', size: 15, bold: true }];
  const maxR = 20;
  for (const [c, name] of colNames.entries()) {
    const cx = x0 + c * CELL + CELL / 2;
    // Column names tilted 45° (upwards to the right) so many cases fit side by side.
    marks.push({ kind: 'text', x: cx, y: y0 - 8, text: name, size: 12, title: p.columns[c]?.label ?? '', rotate: -45 });
  }
  for (const [r, row] of p.rows.entries()) {
    const cy = y0 + r * ROW + ROW / 2;
    if (r % 2 === 0)
      marks.push({ kind: 'rect', x: MARGIN, y: y0 + r * ROW, w: x0 - MARGIN + p.columns.length * CELL, h: ROW, fill: '#f6f7f9' });
    marks.push({ kind: 'rect', x: MARGIN, y: cy - 6, w: 12, h: 12, fill: row.color });
    marks.push({ kind: 'text', x: MARGIN + 18, y: cy + 4, text: rowNames[r] as string, size: 12, title: row.name });
    for (const [c, column] of p.columns.entries()) {
      const share = shares[r]?.[c] ?? 0;
      const cx = x0 + c * CELL + CELL / 2;
      const figure = percent(share);
      if (share > 0) {
        marks.push({
          kind: 'circle',
          cx,
          cy: cy - 6,
          r: Math.max(2, maxR * Math.sqrt(share)),
          fill: row.color,
          stroke: '#ffffff',
          title: p.labels.cell(row.name, column.label, figure),
          target: { kind: 'cell', row: row.id, column: column.key },
        });
      }
      marks.push({ kind: 'text', x: cx, y: y0 + r * ROW + ROW - 4, text: figure, anchor: 'middle', size: 10, fill: MUTED });
    }
  }
  return { width, height: y0 + p.rows.length * ROW + MARGIN, title: p.title, marks };
}

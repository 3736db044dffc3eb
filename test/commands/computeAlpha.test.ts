import { describe, expect, it } from 'vitest';
import { computeAlpha } from '../../src/commands/computeAlpha.js';
import { parseCsv } from '../../src/formats/csvTable.js';
import { kodaError } from './fixtures.js';

/** Krippendorff (2011)'s 4 × 12 example as a spreadsheet would save it: a header, coder names, empty cells missing. */
const CSV = [
  'coder;1;2;3;4;5;6;7;8;9;10;11;12',
  'A;1;2;3;3;2;1;4;1;2;;;',
  'B;1;2;3;3;2;2;4;1;2;5;;3',
  'C;;3;3;3;2;3;4;2;2;5;1;',
  'D;1;2;3;3;2;4;4;1;2;5;1;',
].join('\r\n');

describe('computeAlpha: reliability data from a table', () => {
  it('reads coders as rows and units as columns, empty cells missing: the published 0.743 / 0.815 / 0.849 / 0.797', async () => {
    const { rows } = parseCsv(CSV);
    const results = await Promise.all(
      (['nominal', 'ordinal', 'interval', 'ratio'] as const).map((level) =>
        computeAlpha(null, { rows, level, header: true, rowNames: true }),
      ),
    );
    expect(results.map((r) => Number((r.value as number).toFixed(3)))).toEqual([0.743, 0.815, 0.849, 0.797]);
    expect(results[0]).toMatchObject({ coders: ['A', 'B', 'C', 'D'], missing: 7, pairableUnits: 11 });
    expect(results[0]?.units).toHaveLength(12);
  });

  it('takes other missing markers, short rows, and a decimal comma (interval, worked by hand → −7/43)', async () => {
    // Rows: A 1,5 2 3 | B 1,5 2 . | C 4 (then nothing). Unit 1: (1.5, 1.5, 4); unit 2: (2, 2); unit 3: (3) unpairable.
    // Unit 1, m = 3: o(1.5,1.5) = 2/2 = 1, o(1.5,4) = o(4,1.5) = 2/2 = 1.  Unit 2: o(2,2) = 2.
    // n = 5; n_1.5 = 2, n_2 = 2, n_4 = 1.  D_o = (1·2.5² + 1·2.5²)/5 = 2.5.
    // Σ n_c n_k (c−k)² = 2·[2·2·0.25 + 2·1·6.25 + 2·1·4] = 43;  D_e = 43/(5·4) = 2.15;  α = 1 − 2.5/2.15 = −7/43.
    const r = await computeAlpha(null, {
      rows: [['1,5', '2', '3'], ['1,5', '2', '.'], ['4']],
      level: 'interval',
      missing: ['.'],
    });
    expect(r.missing).toBe(3);
    expect(r.coincidences.values).toEqual([1.5, 2, 4]);
    expect(r.value).toBeCloseTo(-7 / 43, 12);
  });

  it('says plainly when alpha is undefined', async () => {
    expect(
      await computeAlpha(null, {
        rows: [
          ['a', 'a'],
          ['a', 'a'],
        ],
      }),
    ).toMatchObject({ value: null, reason: 'no-variation' });
    expect(
      await computeAlpha(null, {
        rows: [
          ['a', ''],
          ['', 'b'],
        ],
      }),
    ).toMatchObject({ value: null, reason: 'no-pairable-values' });
  });

  it('reads the CSV text itself, as the CLI and the HTTP API hand it over', async () => {
    const fromRows = await computeAlpha(null, { rows: parseCsv(CSV).rows, level: 'interval', header: true, rowNames: true });
    const fromCsv = await computeAlpha(null, { csv: CSV, level: 'interval', header: true, rowNames: true });
    expect(fromCsv).toEqual(fromRows);
    const tabs = await computeAlpha(null, { csv: '1\t1,5\n1\t2', delimiter: '\t', level: 'interval' });
    expect(tabs.coincidences.values).toEqual([1, 1.5, 2]);
  });

  it('refuses data given both as rows and as CSV, or not at all', async () => {
    const both = await kodaError(computeAlpha(null, { rows: [['1', '2']], csv: '1,2' }));
    expect(both.code).toBe('input.invalid');
    expect((await kodaError(computeAlpha(null, {}))).code).toBe('input.invalid');
    expect((await kodaError(computeAlpha(null, { csv: '1|2', delimiter: '|' as ',' }))).code).toBe('input.invalid');
  });

  it('refuses text at a numeric level and a table without values', async () => {
    expect((await kodaError(computeAlpha(null, { rows: [['1', 'x']], level: 'ordinal' }))).code).toBe('agreement.not-numeric');
    expect((await kodaError(computeAlpha(null, { rows: [[]] }))).code).toBe('agreement.no-data');
  });
});

describe('parseCsv', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks; keeps empty cells', () => {
    expect(parseCsv('a,"b,c","say ""hi""",\n"two\nlines",,x\r\n').rows).toEqual([
      ['a', 'b,c', 'say "hi"', ''],
      ['two\nlines', '', 'x'],
    ]);
  });

  it('guesses ; and tab from the first line, and drops a byte-order mark', () => {
    expect(parseCsv('\uFEFF1;2;"3,5"\n4;;6')).toEqual({
      delimiter: ';',
      rows: [
        ['1', '2', '3,5'],
        ['4', '', '6'],
      ],
    });
    expect(parseCsv('1\t2\n3\t4').delimiter).toBe('\t');
    expect(parseCsv('1,2\n').rows).toEqual([['1', '2']]);
  });
});

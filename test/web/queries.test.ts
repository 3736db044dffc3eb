import { describe, expect, it } from 'vitest';
import { frequencyItems, MAX_BARS } from '../../src/core/charts/options.js';
import { type CodedSpan, PairTally, tallyOverlaps, tallyUnits } from '../../src/core/queries/cooccurrence.js';
import { columnCase, inColumn, rowIncludesBelow } from '../../web/src/queries/cells.js';
import { columnLabel, cooccurrenceSpec, heatmapCell, matrixSpec, usedCodes } from '../../web/src/queries/charts.js';
import { overlapPlaces, sharedSources, unitPlaces } from '../../web/src/queries/cooccurring.js';
import { casesOf, groupBySource } from '../../web/src/queries/groups.js';
import type { CodeCooccurrence, CodeFrequency, CodeMatrix } from '../../web/src/queriesApi.js';
import { parseWarnings, type ReportOptions, reportQuery } from '../../web/src/queriesApi.js';
import { href, parseRoute, type Route } from '../../web/src/router.js';

/** The filter of a matrix or co-occurrence built from everything. */
const unfiltered = { sourceSets: [], caseSets: [], sources: [], cases: [], attributes: [], coders: [], speaker: null };

const matrix = (over: Partial<CodeMatrix> = {}): CodeMatrix => ({
  project: { id: 'p', name: 'Studie', language: 'sv' },
  rowLevel: 'codes',
  columnKind: 'cases',
  attribute: null,
  measure: 'count',
  coder: null,
  filter: unfiltered,
  rows: [
    { id: 'm', name: 'media', path: ['Hinder', 'media'], color: '#d64541' },
    { id: 't', name: 'tidsbrist', path: ['Hinder', 'tidsbrist'], color: '#e0b000' },
  ],
  columns: [
    { key: 'a', label: 'Albin', empty: null, cases: 1 },
    { key: 'k', label: 'Kristin', empty: null, cases: 1 },
    { key: '', label: '', empty: 'no-case', cases: 0 },
  ],
  cells: [
    [1, 0, 2],
    [3, 4, 0],
  ],
  totals: [3, 7],
  ...over,
});
const labels = { noCase: '(no case)', noValue: '(no value)' };

describe('matrix cells', () => {
  it('names the empty columns in words', () => {
    const m = matrix();
    expect(m.columns.map((c) => columnLabel(c, labels))).toEqual(['Albin', 'Kristin', '(no case)']);
    expect(columnLabel({ key: '', label: '', empty: 'no-value', cases: 2 }, labels)).toBe('(no value)');
  });

  it('asks the API for a case column’s case, and filters the other columns here', () => {
    const m = matrix();
    const [albin, , none] = m.columns as [CodeMatrix['columns'][number], unknown, CodeMatrix['columns'][number]];
    expect(columnCase(m, albin)).toBe('a');
    expect(columnCase(m, none)).toBeNull();
    expect(inColumn(m, albin, [])('a')).toBe(true);
    expect(inColumn(m, albin, [])('k')).toBe(false);
    expect(inColumn(m, none, [])(null)).toBe(true);
    expect(inColumn(m, none, [])('a')).toBe(false);
  });

  it('puts a segment in an attribute column by its case’s value; no value is its own column', () => {
    const m = matrix({ columnKind: 'attribute', attribute: 'stadsdel' });
    const cases: { id: string; attributes: Record<string, string> }[] = [
      { id: 'a', attributes: { stadsdel: 'Y' } },
      { id: 'k', attributes: { stadsdel: 'Z' } },
      { id: 'n', attributes: {} },
    ];
    const y = inColumn(m, { key: 'Y', label: 'Y', empty: null, cases: 1 }, cases);
    expect([y('a'), y('k'), y('n'), y(null)]).toEqual([true, false, false, false]);
    const noValue = inColumn(m, { key: '', label: '', empty: 'no-value', cases: 1 }, cases);
    expect([noValue('a'), noValue('n'), noValue(null)]).toEqual([false, true, false]);
    expect(columnCase(m, { key: 'Y', label: 'Y', empty: null, cases: 1 })).toBeNull();
  });

  it('counts a code row alone and a category row with the codes below it', () => {
    expect(rowIncludesBelow({ rowLevel: 'codes' })).toBe(false);
    expect(rowIncludesBelow({ rowLevel: 'categories' })).toBe(true);
    expect(rowIncludesBelow({ rowLevel: 'themes' })).toBe(true);
  });
});

describe('charts from the shared option builders', () => {
  it('draws the matrix as a heatmap with a cell per table cell, and maps a clicked item back to its cell', () => {
    const m = matrix();
    const spec = matrixSpec(m, 'Koder × fall', 'segment', labels);
    expect(spec.kind).toBe('heatmap');
    const series = (spec.option.series as { data: [number, number, number][] }[])[0];
    expect(series?.data).toHaveLength(6);
    expect((spec.option.xAxis as { data: string[] }).data).toEqual(['Albin', 'Kristin', '(no case)']);
    // Every item leads back to the table cell holding its value.
    for (const item of series?.data ?? []) {
      const cell = heatmapCell(item, m.rows.length);
      expect(cell).not.toBeNull();
      expect(m.cells[cell?.row ?? -1]?.[cell?.column ?? -1]).toBe(item[2]);
    }
    expect(heatmapCell([0, 5, 1], 2)).toBeNull();
    expect(heatmapCell('x', 2)).toBeNull();
    expect(heatmapCell([1.5, 0, 1], 2)).toBeNull();
  });

  it('gives bars to the codes and to nodes coded directly, the most used when there are too many', () => {
    const f = (id: string, children: number, segments: number, branchSegments = segments): CodeFrequency => ({
      id,
      name: id,
      path: [id],
      depth: 0,
      color: '#112233',
      description: '',
      children,
      segments,
      branchSegments,
      chars: 0,
      cases: 0,
      sources: 0,
    });
    expect(frequencyItems([f('Hinder', 2, 0, 5), f('media', 0, 3), f('tid', 0, 2), f('Möjligheter', 1, 1, 4)])).toEqual([
      { label: 'media', value: 3, color: '#112233' },
      { label: 'tid', value: 2, color: '#112233' },
      { label: 'Möjligheter', value: 1, color: '#112233' },
    ]);
    const many = Array.from({ length: MAX_BARS + 5 }, (_, i) => f(`c${i}`, 0, i));
    const items = frequencyItems(many);
    expect(items).toHaveLength(MAX_BARS);
    expect(items[0]?.value).toBe(MAX_BARS + 4);
  });

  it('leaves unused codes out of the co-occurrence heatmap', () => {
    const co: CodeCooccurrence = {
      mode: 'overlap',
      coder: null,
      filter: unfiltered,
      codes: ['a', 'b', 'c'].map((id) => ({ id, name: id, path: [id], color: '#000000' })),
      cells: [
        [2, 0, 1],
        [0, 0, 0],
        [1, 0, 3],
      ],
    };
    const used = usedCodes(co);
    expect(used.codes.map((c) => c.id)).toEqual(['a', 'c']);
    expect(used.cells).toEqual([
      [2, 1],
      [1, 3],
    ]);
    expect((cooccurrenceSpec(used, 'x', 'y').option.yAxis as { data: string[] }).data).toEqual(['c', 'a']);
  });
});

describe('the places two codes co-occur', () => {
  const seg = (id: string, source: string, start: number, end: number) => ({
    id,
    source: { id: source, name: source },
    start,
    end,
  });

  it('lists each overlapping pair once, touching segments not', () => {
    const a = [seg('a1', 's', 0, 10), seg('a2', 's', 20, 30), seg('a3', 't', 0, 5)];
    const b = [seg('b1', 's', 5, 25), seg('b2', 's', 10, 12), seg('b3', 't', 5, 9)];
    const places = overlapPlaces(a, b);
    expect(places.map((p) => [p.a[0]?.id, p.b[0]?.id, p.start, p.end])).toEqual([
      ['a1', 'b1', 0, 25],
      ['a2', 'b1', 5, 30],
    ]);
  });

  it('lists the units holding both codes, each with the segments of each code in it', () => {
    const units = new Map([
      [
        's',
        [
          { start: 0, end: 10 },
          { start: 10, end: 20 },
          { start: 20, end: 30 },
        ],
      ],
    ]);
    const a = [seg('a1', 's', 2, 4), seg('a2', 's', 8, 12)];
    const b = [seg('b1', 's', 15, 16), seg('b2', 's', 25, 26), seg('b3', 'other', 0, 1)];
    const places = unitPlaces(units, a, b);
    expect(places.map((p) => [p.start, p.a.map((s) => s.id), p.b.map((s) => s.id)])).toEqual([[10, ['a2'], ['b1']]]);
    expect(sharedSources(a, b)).toEqual(['s']);
  });

  it('finds as many places as the server’s counts, on random coding', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let round = 0; round < 50; round++) {
      const spans: (CodedSpan & { id: string; source: { id: string; name: string } })[] = [];
      for (let i = 0; i < 30; i++) {
        const start = random(200);
        const code = random(2) ? 'A' : 'B';
        spans.push({ id: `s${i}`, code, start, end: start + 1 + random(30), source: { id: 'src', name: 'src' } });
      }
      const a = spans.filter((s) => s.code === 'A');
      const b = spans.filter((s) => s.code === 'B');
      const tally = new PairTally();
      tallyOverlaps(spans, tally);
      expect(overlapPlaces(a, b)).toHaveLength(tally.get('A', 'B'));
      const units = Array.from({ length: 10 }, (_, i) => ({ start: i * 25, end: i * 25 + 25 }));
      const byUnit = new PairTally();
      tallyUnits(units, spans, byUnit);
      expect(unitPlaces(new Map([['src', units]]), a, b)).toHaveLength(byUnit.get('A', 'B'));
    }
  });
});

describe('lines grouped by source', () => {
  it('keeps the order, and names each case of a group interview once', () => {
    const line = (source: string, c: string | null) => ({
      source: { id: source, name: source },
      case: c ? { id: c, name: c } : null,
    });
    const groups = groupBySource([line('b', 'Kim'), line('a', null), line('b', 'Lo'), line('b', 'Kim')]);
    expect(groups.map((g) => [g.source.id, g.lines.length])).toEqual([
      ['b', 3],
      ['a', 1],
    ]);
    expect(casesOf(groups[0]?.lines ?? [])).toEqual(['Kim', 'Lo']);
    expect(casesOf(groups[1]?.lines ?? [])).toEqual([]);
  });
});

describe('the results draft request', () => {
  it('sends the chosen attributes only with the cases table, and every flag', () => {
    const base: ReportOptions = {
      format: 'md',
      attributes: ['stadsdel', 'insats'],
      casesTable: true,
      memos: false,
      charts: true,
      coder: '',
    };
    expect(new URLSearchParams(reportQuery(base)).toString()).toBe(
      'format=md&casesTable=true&methods=true&memos=false&charts=true&attributes=stadsdel%2Cinsats',
    );
    // No attribute ticked: a table of names only, sent as an empty list (absent would mean all).
    expect(new URLSearchParams(reportQuery({ ...base, attributes: [] })).get('attributes')).toBe('');
    const q = new URLSearchParams(reportQuery({ ...base, casesTable: false, coder: 'Anna Å' }));
    expect(q.get('attributes')).toBeNull();
    expect(q.get('casesTable')).toBe('false');
    expect(q.get('coder')).toBe('Anna Å');
    // The method section is on unless turned off (options remembered before it existed lack it).
    expect(new URLSearchParams(reportQuery({ ...base, methods: false })).get('methods')).toBe('false');
  });

  it('reads the warnings header, and nothing from a broken one', () => {
    const header = encodeURIComponent(JSON.stringify([{ code: 'consent.missing', params: { case: 'Kristin' } }]));
    expect(parseWarnings(header)).toEqual([{ code: 'consent.missing', params: { case: 'Kristin' } }]);
    expect(parseWarnings(null)).toEqual([]);
    expect(parseWarnings('%7Bnot')).toEqual([]);
    expect(parseWarnings(encodeURIComponent('{"a":1}'))).toEqual([]);
  });
});

describe('routes of the queries and report pages', () => {
  it('parses and writes each tab, the report, and a place in a document', () => {
    const routes: Route[] = [
      { view: 'queries', project: 'Studie', tab: 'matrix' },
      { view: 'queries', project: 'Stu die', tab: 'autocode' },
      { view: 'report', project: 'Studie' },
      { view: 'document', project: 'Studie', source: 'intervju å', segment: null, at: { start: 120, end: 135 } },
      { view: 'document', project: 'Studie', source: 's', segment: 'seg-1' },
    ];
    for (const r of routes) expect(parseRoute(href(r))).toEqual(r);
    expect(parseRoute('#/p/Studie/queries')).toEqual({ view: 'queries', project: 'Studie', tab: 'matrix' });
    expect(parseRoute('#/p/Studie/queries/nonsense')).toEqual({ view: 'queries', project: 'Studie', tab: 'matrix' });
    // A place that is not one is ignored.
    expect(parseRoute('#/p/Studie/s/x?at=9-3')).toEqual({ view: 'document', project: 'Studie', source: 'x', segment: null });
    expect(parseRoute('#/p/Studie/s/x?at=abc')).toEqual({ view: 'document', project: 'Studie', source: 'x', segment: null });
  });
});

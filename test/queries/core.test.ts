import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/core/autocode/pattern.js';
import { expandTo, sentences, turnContent } from '../../src/core/autocode/units.js';
import { frequencyBars, heatmap } from '../../src/core/charts/options.js';
import { PairTally, tallyOverlaps, tallyUnits } from '../../src/core/queries/cooccurrence.js';
import { kwic } from '../../src/core/queries/kwic.js';
import { buildMatrix, indexTallies, matrixRows } from '../../src/core/queries/matrix.js';
import { paragraphs } from '../../src/core/queries/paragraphs.js';
import { ftsExpression, parseSearchQuery, stemTerms } from '../../src/core/queries/searchQuery.js';
import { stemmer } from '../../src/core/queries/stemming.js';
import { speakerRole } from '../../src/core/transcript/roles.js';
import { csvSeparator, csvText } from '../../src/formats/csvWrite.js';

const cut = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('stemming and search queries', () => {
  it('stems Swedish and English with Snowball', () => {
    const sv = stemmer('sv');
    const en = stemmer('en');
    expect(['möjligheterna', 'möjlighet', 'möjligheter'].map(sv)).toEqual(['möj', 'möj', 'möj']);
    expect(['strategies', 'strategy', 'strategic'].map(en)).toEqual(['strategi', 'strategi', 'strateg']);
  });

  it('parses words and quoted phrases into an FTS5 expression over the stem columns', () => {
    const terms = parseSearchQuery('Möjligheter "social hållbarhet" Anna-Karin');
    expect(terms.map((t) => t.words)).toEqual([['möjligheter'], ['social', 'hållbarhet'], ['anna', 'karin']]);
    const stems = stemTerms(terms, ['sv', 'en']);
    expect(ftsExpression(stems, terms.length)).toBe(
      '(sv : "möj" OR en : "möjlighet") AND (sv : "social hållbar" OR en : "social hållbarhet") AND (sv : "ann karin" OR en : "anna karin")',
    );
    expect(ftsExpression(stemTerms(terms.slice(0, 1), ['sv']), 1)).toBe('sv : "möj"');
  });
});

describe('kwic', () => {
  it('cuts context at word boundaries, collapses whitespace, and keeps emoji whole', () => {
    const text = 'Det här är en mycket lång inledning 😀 före\nordet samverkan och en lika lång fortsättning efter det hela.';
    const at = text.indexOf('samverkan');
    expect(kwic(text, at, at + 9, 20)).toEqual({ left: '…😀 före ordet ', match: 'samverkan', right: ' och en lika lång…' });
    expect(kwic('kort samverkan', 5, 14, 20)).toEqual({ left: 'kort ', match: 'samverkan', right: '' });
  });
});

describe('paragraphs and sentences', () => {
  it('finds paragraphs between blank lines, in code points', () => {
    const text = '😀 Ett.\n\n  Två rader\nhär.  \n\n\n\nTre.';
    expect(paragraphs(text)).toEqual([
      { start: 0, end: 6 },
      { start: 10, end: 24 },
      { start: 30, end: 34 },
    ]);
    // A long paragraph is cut at a space.
    const long = paragraphs('ord '.repeat(30).trim(), 40);
    expect(long.length).toBeGreaterThan(2);
    expect(long.every((p) => p.end - p.start <= 40)).toBe(true);
  });

  it('splits sentences, not after abbreviations, never across turns, without speaker labels', () => {
    const text = 'I: Hur? Berätta.\n\nAlbin: Vi har t.ex. ingen tid. Ja! Det är 50 st. 2020 var det fler…\nKristin: Mm.';
    expect(cut(text, sentences(text))).toEqual([
      'Hur?',
      'Berätta.',
      'Vi har t.ex. ingen tid.',
      'Ja!',
      'Det är 50 st.',
      '2020 var det fler…',
      'Mm.',
    ]);
    const units = sentences(text);
    const at = text.indexOf('ingen');
    expect(cut(text, [expandTo(units, { start: at, end: at + 5 }) as { start: number; end: number }])).toEqual([
      'Vi har t.ex. ingen tid.',
    ]);
    const turn = { start: text.indexOf('Albin:'), end: text.indexOf('\nKristin') };
    expect(cut(text, [turnContent(text, turn)])).toEqual(['Vi har t.ex. ingen tid. Ja! Det är 50 st. 2020 var det fler…']);
  });
});

describe('compilePattern', () => {
  const text = 'Hinder, hindren och HINDER. Ett hinder-problem; förhinder. Média möjligheterna 😀 möjlighet.';
  it('matches whole words by Unicode boundaries, case ignored unless asked', () => {
    expect(cut(text, compilePattern('word', 'hinder').find(text))).toEqual(['Hinder', 'HINDER', 'hinder']);
    expect(cut(text, compilePattern('word', 'hinder', { caseSensitive: true }).find(text))).toEqual(['hinder']);
    expect(cut(text, compilePattern('word', 'média').find(text))).toEqual(['Média']);
    expect(cut(text, compilePattern('phrase', 'och   hinder').find(text))).toEqual(['och HINDER']);
  });

  it('matches stems and regular expressions, and refuses a broken expression', () => {
    expect(cut(text, compilePattern('stem', 'möjligheter').find(text))).toEqual(['möjligheterna', 'möjlighet']);
    expect(cut(text, compilePattern('regex', 'hind\\p{L}+').find(text))).toEqual([
      'Hinder',
      'hindren',
      'HINDER',
      'hinder',
      'hinder',
    ]);
    expect(compilePattern('regex', 'x*').find('abc')).toEqual([]);
    expect(() => compilePattern('regex', '(')).toThrow(expect.objectContaining({ code: 'autocode.regex' }));
    expect(() => compilePattern('word', '   ')).toThrow(expect.objectContaining({ code: 'autocode.pattern' }));
  });
});

describe('co-occurrence and matrices', () => {
  it('tallies overlapping pairs in one sweep, and pairs within units', () => {
    const tally = new PairTally();
    tallyOverlaps(
      [
        { code: 'a', start: 0, end: 10 },
        { code: 'b', start: 5, end: 15 },
        { code: 'c', start: 10, end: 12 },
        { code: 'a', start: 11, end: 12 },
      ],
      tally,
    );
    expect([tally.get('a', 'b'), tally.get('b', 'c'), tally.get('a', 'c'), tally.get('a', 'a')]).toEqual([2, 1, 1, 2]);
    const units = new PairTally();
    tallyUnits(
      [
        { start: 0, end: 10 },
        { start: 10, end: 20 },
      ],
      [
        { code: 'a', start: 2, end: 12 },
        { code: 'b', start: 15, end: 16 },
        { code: 'b', start: 17, end: 18 },
      ],
      units,
    );
    expect([units.get('a', 'b'), units.get('a', 'a'), units.get('b', 'b')]).toEqual([1, 2, 1]);
  });

  it('makes rows of codes, categories and themes', () => {
    const nodes = [
      { id: 't', parentId: null, position: 0, name: 'Tema', color: '#000000' },
      { id: 'k', parentId: 't', position: 0, name: 'Kategori', color: '#000000' },
      { id: 'c1', parentId: 'k', position: 1, name: 'kod 2', color: '#000000' },
      { id: 'c2', parentId: 'k', position: 0, name: 'kod 1', color: '#000000' },
    ];
    expect(matrixRows(nodes, 'codes').map((r) => r.path.join('/'))).toEqual(['Tema/Kategori/kod 1', 'Tema/Kategori/kod 2']);
    expect(matrixRows(nodes, 'categories').map((r) => [r.name, r.members])).toEqual([['Kategori', ['k', 'c1', 'c2']]]);
    expect(matrixRows(nodes, 'themes').map((r) => r.name)).toEqual(['Tema']);
    expect(matrixRows(nodes, 'codes', new Set(['k'])).map((r) => r.name)).toEqual(['Kategori', 'kod 1', 'kod 2']);
    const rows = matrixRows(nodes, 'themes');
    const tallies = [
      { codeId: 'c1', caseId: 'x', count: 2, chars: 10 },
      { codeId: 'c2', caseId: 'x', count: 1, chars: 4 },
      { codeId: 'c2', caseId: null, count: 1, chars: 3 },
    ];
    const columns = [
      { key: 'x', label: 'x', caseIds: ['x'] },
      { key: '', label: '', caseIds: [null] },
    ];
    expect(buildMatrix(rows, columns, indexTallies(tallies), 'count')).toEqual([[3, 1]]);
    expect(buildMatrix(rows, columns, indexTallies(tallies), 'chars')).toEqual([[14, 3]]);
    expect(buildMatrix(rows, columns, indexTallies(tallies), 'cases')).toEqual([[1, 0]]);
  });
});

describe('roles, charts and csv', () => {
  it('tells interviewers from participants by their label', () => {
    expect(['I', 'I2', 'Intervjuare', 'Interviewer 1', 'F', 'Albin', 'IP', 'Respondent 2'].map(speakerRole)).toEqual([
      'interviewer',
      'interviewer',
      'interviewer',
      'interviewer',
      'interviewer',
      'participant',
      'participant',
      'participant',
    ]);
    expect(speakerRole(null)).toBeNull();
  });

  it('builds chart options as plain data', () => {
    const bars = frequencyBars(
      'Kodfrekvenser',
      [
        { label: 'media', value: 3, color: '#d64541' },
        { label: 'tid', value: 1 },
      ],
      'segment',
    );
    expect(JSON.parse(JSON.stringify(bars))).toEqual(bars);
    expect((bars.option.yAxis as { data: string[] }).data).toEqual(['tid', 'media']);
    const map = heatmap({ title: 'T', rows: ['a', 'b'], columns: ['x'], cells: [[1], [2]], valueName: 'n' });
    expect((map.option.series as { data: number[][] }[])[0]?.data).toEqual([
      [0, 1, 1],
      [0, 0, 2],
    ]);
  });

  it('writes RFC 4180 csv with a BOM and no formulas', () => {
    expect(
      csvText([
        ['Kod', 'a,b', 'say "hi"'],
        ['=SUM(A1)', 3, 'rad\nbrytning'],
      ]),
    ).toBe('\uFEFFKod,"a,b","say ""hi"""\r\n\'=SUM(A1),3,"rad\nbrytning"\r\n');
  });

  it('separates csv with a semicolon in Swedish and a comma in English, quoting whichever is in a field', () => {
    const rows = [['Kod', 'a;b', 'c,d']];
    expect(csvText(rows, csvSeparator('sv'))).toBe('\uFEFFKod;"a;b";c,d\r\n');
    expect(csvText(rows, csvSeparator('en'))).toBe('\uFEFFKod,a;b,"c,d"\r\n');
  });
});

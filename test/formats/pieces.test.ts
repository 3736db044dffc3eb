import { describe, expect, it } from 'vitest';
import { PIECE, piecesToBytes, textFile } from '../../src/formats/pieces.js';
import { type Quote, quotesCsv } from '../../src/formats/quoteList.js';

const quote = (i: number): Quote => ({
  source: 'intervju',
  case: 'Kerstin',
  speaker: null,
  coder: 'anna',
  codes: ['hinder'],
  text: `Citat ${i}: vi når inte ut, "säger" hon 😀. `.repeat(3),
  memo: '',
  start: i,
  end: i + 10,
});

describe('text files in pieces', () => {
  it('gathers parts into pieces of about 64 KB that join to the same text, afresh on each reading', () => {
    const parts = Array.from({ length: 20_000 }, (_, i) => `rad ${i} åäö\n`);
    const file = textFile(() => parts);
    const pieces = [...file];
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(PIECE);
    expect(pieces.join('')).toBe(parts.join(''));
    expect([...file].join('')).toBe(parts.join(''));
    expect(new TextDecoder().decode(piecesToBytes(file))).toBe(parts.join(''));
  });

  it('writes a long quote list as csv across several pieces, each record whole in the joined text', () => {
    const quotes = Array.from({ length: 3_000 }, (_, i) => quote(i));
    const table = {
      headers: {
        source: 'Källa',
        case: 'Fall',
        speaker: 'Talare',
        coder: 'Kodare',
        codes: 'Koder',
        text: 'Citat',
        memo: 'Memo',
        start: 'Början',
        end: 'Slut',
      },
      quotes,
      sheet: 'Citat',
      about: { sheet: 'Om', lines: [] },
    };
    const pieces = [...quotesCsv(table, 'sv')];
    expect(pieces.length).toBeGreaterThan(3);
    const text = pieces.join('');
    const records = text.split('\r\n');
    expect(records[0]).toBe('\uFEFFKälla;Fall;Talare;Kodare;Koder;Citat;Memo;Början;Slut');
    expect(records).toHaveLength(quotes.length + 2);
    expect(records[2999 + 1]).toBe(`intervju;Kerstin;;anna;hinder;"${quote(2999).text.replaceAll('"', '""')}";;2999;3009`);
  });
});

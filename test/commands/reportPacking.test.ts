import { describe, expect, it } from 'vitest';
import { packQuotes, type ReportToRender, unpackQuotes } from '../../src/commands/helpers/renderReport.js';
import type { ReportNode } from '../../src/formats/report/model.js';

/**
 * A report's quotes go to its worker in pages of JSON (issue 13: 200,000 quote objects took the
 * main thread long to copy). Packed with pages of one, two or three quotes, every boundary is
 * crossed: unpacked, each node has its own quotes again, in order.
 */
const quote = (text: string) => ({ text, attribution: 'Albin 😀', memo: text.length % 2 ? `Memo: ${text}` : '' });
const node = (name: string, quotes: number, children: ReportNode[] = []): ReportNode => ({
  depth: 0,
  name,
  definition: '',
  cases: '',
  quotes: Array.from({ length: quotes }, (_, i) => quote(`${name} ”${i}”\\`)),
  empty: quotes === 0 ? 'Inga citat.' : '',
  memos: [],
  children,
});

const report: ReportToRender = {
  model: {
    language: 'sv',
    title: 'Resultat',
    meta: '',
    intro: '',
    overview: { heading: 'Översikt', table: null, figures: [] },
    results: {
      heading: 'Resultat',
      nodes: [
        node('Hinder', 0, [node('media', 3), node('tid', 0, [node('personal', 2)])]),
        node('Möjligheter', 1),
        node('tom', 0),
      ],
    },
    memos: null,
  },
  figures: [],
  format: 'md',
  figureFolder: 'figurer',
};

describe('report quotes packed for the worker', () => {
  it('come back to their nodes, whatever the page size', async () => {
    const original = structuredClone(report.model);
    for (const perPage of [1, 2, 3, 1000]) {
      const packed = await packQuotes(report, perPage);
      expect(JSON.stringify(packed.model)).not.toContain('Hinder ”');
      expect(packed.quotePages).toHaveLength(Math.ceil(6 / perPage));
      expect(unpackQuotes(structuredClone(packed))).toEqual(original);
    }
    expect(report.model).toEqual(original);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport } from '../../src/commands/buildReport.js';
import { createDemoProject, demoFolder } from '../../src/commands/createDemoProject.js';
import { exportMatrix } from '../../src/commands/exportMatrix.js';
import { tempContext } from '../helpers.js';
import { buildStudy } from './fixture.js';
import { convert, documentText, hasSoffice, NO_SOFFICE } from './office.js';

const DEMO = 'Omega (demo)';
const demo = JSON.parse(readFileSync(join(demoFolder(), 'project.json'), 'utf8')) as {
  codings: { case: string; code: string; quote: string }[];
};
/** The media quotes of chapter 5.4.2, as the report must print them: “words” (Name). */
const MEDIA = demo.codings
  .filter((c) => c.code === 'media')
  .map((c) => ({ case: c.case, line: `“${flat(c.quote)}” (${c.case})` }));

function flat(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The part of `text` from the heading `from` up to the heading `to` (each the first after the previous). */
function between(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  expect(start, `heading "${from}"`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(to, start + from.length);
  expect(end, `heading "${to}" after "${from}"`).toBeGreaterThan(start);
  return text.slice(start, end);
}

let env: Awaited<ReturnType<typeof tempContext>>;
beforeAll(async () => {
  env = await tempContext();
  await createDemoProject(env.ctx);
  await buildStudy(env.ctx, 'Study', 'en');
}, 60_000);
afterAll(() => env.cleanup());

describe('buildReport on the demo project', () => {
  it('has the media quotes of Albin, Kristin and Cathrin', () => {
    expect(MEDIA.map((m) => m.case).sort()).toEqual(['Albin', 'Cathrin', 'Kristin']);
  });

  it('writes Markdown: theme → code headings, definitions, cases, quotes ending with the case in parentheses', async () => {
    const r = await buildReport(env.ctx, { project: DEMO, format: 'md', figureFolder: 'resultat-figures' });
    expect(r.fileName).toBe('omega-demo-resultatutkast.md');
    const md = new TextDecoder().decode(r.bytes);
    expect(md).toMatch(/^# Resultatutkast: Omega \(demo\)\n/);
    expect(md).toContain('## Översikt');
    expect(md).toContain('| Intervjuperson | stadsdel | insats | arbetsuppgifter |');
    expect(md).toContain('| Albin | W, X, Y och Z | Trivsel och social hållbarhet i hela kommunen | Ledning |');
    // media stands under the category Hinder (no other category heading between them).
    expect(between(md, '\n### Hinder\n', '\n#### media\n').slice(1)).not.toMatch(/\n### /);
    const media = between(md, '\n#### media\n', '\n#### tidsbrist\n');
    expect(media).toContain('Förekommer hos 3 av 8 intervjupersoner: Albin, Cathrin, Kristin.');
    const unescapeMd = (s: string) => s.replace(/\\(.)/g, '$1');
    const quotes = media
      .split('\n')
      .filter((l) => l.startsWith('> '))
      .map((l) => unescapeMd(l.slice(2)));
    expect(quotes.sort()).toEqual(MEDIA.map((m) => m.line).sort());
    expect(r.files.map((f) => f.path)).toEqual([
      'resultat-figures/figur-1.svg',
      'resultat-figures/figur-2.svg',
      'resultat-figures/figur-3.svg',
    ]);
    expect(md).toContain('![Figur 1. Kodfrekvenser: kodade segment per kod.](resultat-figures/figur-1.svg)');
    expect(new TextDecoder().decode(r.files[0]?.bytes)).toMatch(/^<svg[^>]*>[\s\S]*Kodfrekvenser[\s\S]*<\/svg>$/);
    expect(r.warnings).toEqual([]);
  });

  it('writes HTML with the text escaped and the figures inline', async () => {
    const r = await buildReport(env.ctx, { project: DEMO, format: 'html', attributes: ['stadsdel'] });
    const html = new TextDecoder().decode(r.bytes);
    expect(html).toContain('<html lang="sv">');
    expect(html).toContain('<tr><th>Intervjuperson</th><th>stadsdel</th></tr>');
    expect((html.match(/<figure><svg/g) ?? []).length).toBe(3);
    const text = between(html, '<h3>Hinder</h3>', '<h4>tidsbrist</h4>')
      .replace(/<[^>]+>/g, '\n')
      .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
    for (const m of MEDIA) expect(text).toContain(m.line);
    expect(html).not.toMatch(/<script/i);
  });

  it.skipIf(!hasSoffice)(
    'writes a docx that LibreOffice opens and prints: the Hinder heading and the media quotes of Albin, Kristin and Cathrin',
    async () => {
      const r = await buildReport(env.ctx, { project: DEMO, format: 'docx', memos: true });
      expect(r.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(Buffer.from(r.bytes.subarray(0, 2)).toString('latin1')).toBe('PK');
      const text = flat(documentText(r.bytes, r.fileName));
      expect(text).toContain('Resultatutkast: Omega (demo)');
      expect(text).toContain('Tabell 1. De 8 intervjupersonerna.');
      expect(text).toContain('Figur 3. Samförekomst');
      const obstacles = between(text, 'Hinder Definition:', 'tidsbrist Definition:');
      expect(obstacles).toContain('media Definition: Hur medier');
      for (const m of MEDIA) expect(obstacles).toContain(m.line);
      // With memos: the segment memo under Albin's quote.
      expect(obstacles).toContain('Memo: Tidningarnas bild mot "ungefär 50 individer".');
    },
    120_000,
  );
  if (!hasSoffice) it.skip(NO_SOFFICE, () => {});
});

describe('buildReport in English, and its warnings', () => {
  it('uses the project’s language for headings and warns of quoted cases without consent', async () => {
    const r = await buildReport(env.ctx, { project: 'Study', format: 'md', charts: false, attributes: ['stadsdel'] });
    const md = new TextDecoder().decode(r.bytes);
    expect(md).toContain('# Results draft: Study');
    expect(md).toContain('## Overview');
    expect(md).toContain('*Table 1. The 4 participants.*');
    expect(md).toContain('| Participant | stadsdel |');
    expect(md).toContain('| Nermin |  |');
    expect(md).toContain('## Results');
    expect(md).toContain('Definition: Mediernas bild av området');
    expect(md).toContain('Found with 3 of 4 participants: Albin, Cathrin, Kristin.');
    expect(md).toContain('> “Media 😀 ger en farlig bild.” (Albin)');
    // The note belongs to no case: its source is named instead.
    expect(md).toContain('> “media” (anteckning)');
    expect(md).not.toContain('![');
    expect(r.warnings).toEqual([{ code: 'consent.missing', params: { case: 'Nermin' } }]);
    await expect(buildReport(env.ctx, { project: 'Study', format: 'md', attributes: ['ålder'] })).rejects.toMatchObject({
      code: 'attribute.not-found',
    });
  });
});

describe.skipIf(!hasSoffice)('exportMatrix as xlsx', () => {
  it('writes a workbook LibreOffice opens, with the cells of the matrix', () => {
    return exportMatrix(env.ctx, { project: 'Study', format: 'xlsx', rows: 'categories', columns: 'attr:stadsdel' }).then((r) => {
      expect(r.fileName).toBe('study-matrix-stadsdel.xlsx');
      const csv = convert(r.bytes, r.fileName, 'csv:Text - txt - csv (StarCalc):44,34,76').toString('utf8').trim().split(/\r?\n/);
      expect(csv).toEqual(['Category,Z,Y,(no value),(no case),Total', 'Hinder,1,3,1,1,6', 'Möjligheter,1,1,0,0,2']);
    });
  }, 120_000);
});

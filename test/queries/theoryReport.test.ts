import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addConcept } from '../../src/commands/addConcept.js';
import { buildReport } from '../../src/commands/buildReport.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { linkConcept } from '../../src/commands/linkConcept.js';
import { QUOTES, type Study, studyFixture } from '../commands/fixtures.js';
import { tempContext } from '../helpers.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let s: Study;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  s = await studyFixture(ctx);
  await addConcept(ctx, {
    project: s.p,
    name: 'handlingsutrymme',
    definition: 'Tjänstemäns frihet att välja',
    reference: 'Lipsky 2010',
  });
  await addConcept(ctx, { project: s.p, name: 'gräsrotsbyråkrati' });
  // tidsbrist (with the code below it) and one segment of media, which is also coded tidsbrist.
  await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'tidsbrist' });
  await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'segment', on: s.segments.media });
  await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.case });
});
afterEach(() => cleanup());

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('the results draft’s theory section', () => {
  it('Markdown: a section per concept with definition, reference, linked codes and attributed quotes, each once', async () => {
    const md = text((await buildReport(ctx, { project: s.p, format: 'md', charts: false })).bytes);
    const theory = md.slice(md.indexOf('\n## Teori\n'));
    expect(theory).toContain('### handlingsutrymme');
    const concept = theory.slice(theory.indexOf('### handlingsutrymme'));
    expect(concept).toContain('Definition: Tjänstemäns frihet att välja');
    expect(concept).toContain('Referens: Lipsky 2010');
    expect(concept).toContain('Kopplade koder: tidsbrist.');
    // The passage coded media and tidsbrist is quoted once, attributed to the source’s case.
    const quotes = concept.split('\n').filter((l) => l.startsWith('> '));
    expect(quotes).toEqual([`> “${QUOTES.media}” (Albin)`, `> “${QUOTES.kristin}” (Albin)`]);
    // A concept with nothing linked says so.
    expect(theory.slice(theory.indexOf('### gräsrotsbyråkrati'), theory.indexOf('### handlingsutrymme'))).toContain(
      '*Inga citat.*',
    );
    // Linked memos only when the report includes memos.
    expect(concept).not.toContain('Om Albin');
    const withMemos = text((await buildReport(ctx, { project: s.p, format: 'md', charts: false, memos: true })).bytes);
    expect(withMemos.slice(withMemos.indexOf('### handlingsutrymme'))).toContain('**Om Albin**: Chef');
  });

  it('HTML and docx carry the same section', async () => {
    const html = text((await buildReport(ctx, { project: s.p, format: 'html', charts: false })).bytes);
    expect(html).toContain('<h2>Teori</h2>');
    expect(html).toContain('<section class="concept"><h3>handlingsutrymme</h3>');
    expect(html).toContain('<p class="reference">Referens: Lipsky 2010</p>');
    expect(html).toContain(`<blockquote><p>“${QUOTES.kristin}” (Albin)</p></blockquote>`);
    const docx = (await buildReport(ctx, { project: s.p, format: 'docx', charts: false })).bytes;
    const xml = strFromU8(unzipSync(docx)['word/document.xml'] as Uint8Array);
    for (const words of [
      'Teori',
      'handlingsutrymme',
      'Referens: Lipsky 2010',
      'Kopplade koder: tidsbrist.',
      `“${QUOTES.kristin}” (Albin)`,
    ])
      expect(xml).toContain(words);
  });

  it('has no theory section without concepts', async () => {
    const other = await tempContext();
    try {
      const t = await studyFixture(other.ctx);
      const md = text((await buildReport(other.ctx, { project: t.p, format: 'md', charts: false })).bytes);
      expect(md).not.toContain('## Teori');
    } finally {
      await other.cleanup();
    }
  });
});

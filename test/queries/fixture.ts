import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { utf8 } from '../helpers.js';

/** `[start, end)` in code points of the `nth` occurrence of `phrase` in `text`. */
export function offsetsOf(text: string, phrase: string, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(phrase, at + 1);
  if (at < 0) throw new Error(`"${phrase}" not in text`);
  const index = new CodePointIndex(text);
  const start = index.toCodePoint(at);
  return { start, end: start + [...phrase].length };
}

export const TEXTS = {
  albin:
    'I: Vad är hinder? 😀\n\nAlbin: Media 😀 ger en farlig bild. Tiden räcker inte.\n\nI: Och möjligheter?\n\nAlbin: Samverkan med skolan.',
  kristin: 'I: Hinder?\n\nKristin: Media stämplar områden.\n\nVi samverkar.',
  grupp: 'I: Fråga.\n\nCathrin: Media igen 🙂.\n\nNermin: Tidsbrist.',
  anteckning: 'Fältanteckning om media.',
};

/**
 * A small hand-built study with exact, known answers: four cases (Nermin without a district),
 * a group interview whose turns belong to Cathrin and Nermin, a note of no case; the codes
 * Hinder/media, Hinder/tidsbrist, Möjligheter/samverkan; emoji before some coded spans so
 * code points and UTF-16 differ. Albin's media and tidsbrist overlap on "farlig bild.".
 */
export async function buildStudy(ctx: CommandContext, project = 'Studie', language: 'sv' | 'en' = 'sv') {
  await createProject(ctx, { name: project, language });
  await defineAttribute(ctx, { project, name: 'stadsdel', type: 'choice', choices: ['Z', 'Y'] });
  await addCase(ctx, { project, name: 'Albin', attributes: { stadsdel: 'Y' } });
  await addCase(ctx, { project, name: 'Kristin', attributes: { stadsdel: 'Z' } });
  await addCase(ctx, { project, name: 'Cathrin', attributes: { stadsdel: 'Y' } });
  await addCase(ctx, { project, name: 'Nermin' });
  for (const name of ['Albin', 'Kristin', 'Cathrin']) {
    await recordConsent(ctx, { project, case: name, letterVersion: 'v1', consentedOn: '2024-03-01' });
  }
  await addCode(ctx, { project, name: 'Hinder' });
  await addCode(ctx, { project, name: 'media', parent: 'Hinder', description: 'Mediernas bild av området' });
  await addCode(ctx, { project, name: 'tidsbrist', parent: 'Hinder' });
  await addCode(ctx, { project, name: 'Möjligheter' });
  await addCode(ctx, { project, name: 'samverkan', parent: 'Möjligheter' });
  await importSource(ctx, { project, fileName: 'albin.txt', case: 'Albin', bytes: utf8(TEXTS.albin) });
  await importSource(ctx, { project, fileName: 'kristin.txt', case: 'Kristin', bytes: utf8(TEXTS.kristin) });
  await importSource(ctx, { project, fileName: 'grupp.txt', bytes: utf8(TEXTS.grupp) });
  await importSource(ctx, { project, fileName: 'anteckning.txt', bytes: utf8(TEXTS.anteckning) });
  await linkTurnsToCase(ctx, { project, source: 'grupp', speaker: 'Cathrin', case: 'Cathrin' });
  await linkTurnsToCase(ctx, { project, source: 'grupp', speaker: 'Nermin', case: 'Nermin' });
  const code = async (source: keyof typeof TEXTS, phrase: string, codeName: string, coder?: string) => {
    const { text } = await getSource(ctx, { project, source });
    return applyCoding(ctx, { project, source, code: codeName, ...offsetsOf(text, phrase), ...(coder ? { coder } : {}) });
  };
  await code('albin', 'Media 😀 ger en farlig bild.', 'media');
  await code('albin', 'farlig bild. Tiden räcker inte.', 'tidsbrist');
  await code('albin', 'Samverkan med skolan.', 'samverkan');
  await code('kristin', 'Media stämplar områden.', 'media');
  await code('kristin', 'Vi samverkar.', 'samverkan');
  await code('grupp', 'Media igen 🙂.', 'media');
  await code('grupp', 'Tidsbrist.', 'tidsbrist');
  await code('anteckning', 'media', 'media');
  return { project, code };
}

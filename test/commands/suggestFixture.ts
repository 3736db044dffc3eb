import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { utf8 } from '../helpers.js';
import { spanOf } from './fixtures.js';

/** An interview where money and funding recur: the interviewer asks about it too, and one sentence is coded. */
export const SUGGEST_TRANSCRIPT = [
  'Intervju med Albin',
  '',
  'I: Vilka hinder finns för arbetet?',
  '',
  'Albin: Vi saknar pengar till projekten. Finansieringen är kortsiktig och pengarna tar slut. Vädret var fint i somras.',
  '',
  'I: Hur ser finansieringen ut?',
  '',
  'Albin: Det finns ingen långsiktig finansiering. Skolan är en bra partner. Pengar styr allt 😀 vi gör.',
  '',
].join('\n');

export const CODED = 'Vi saknar pengar till projekten.';

/** Project "Suggest" with Albin's interview, codes finansiering (coded once) and media (uncoded). */
export async function suggestFixture(ctx: CommandContext) {
  const project = await createProject(ctx, { name: 'Suggest', language: 'sv' });
  const p = project.id;
  await addCase(ctx, { project: p, name: 'Albin' });
  const source = await importSource(ctx, { project: p, fileName: 'albin.txt', bytes: utf8(SUGGEST_TRANSCRIPT), case: 'Albin' });
  const { text } = await getSource(ctx, { project: p, source: source.id });
  await addCode(ctx, { project: p, name: 'finansiering' });
  await addCode(ctx, { project: p, name: 'media' });
  await applyCoding(ctx, { project: p, source: source.id, code: 'finansiering', ...spanOf(text, CODED) });
  return { p, source: source.id, text, span: (quote: string) => spanOf(text, quote) };
}

import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { utf8 } from '../helpers.js';

/**
 * A two-coder study small enough to work every figure out by hand. 49 characters:
 *
 *   "Alfa beta. Gamma delta.\n\nEpsilon zeta. Eta theta."
 *    0        10 11         23   25           38 39      49
 *
 * sentences [0,10) [11,23) [25,38) [39,49); paragraphs [0,23) [25,49).
 * media: anna [0,10), bo [5,23).  plan: anna and bo both [25,38).  tom: nobody.
 */
export const TEXT = 'Alfa beta. Gamma delta.\n\nEpsilon zeta. Eta theta.';

export async function twoCoderStudy(ctx: CommandContext, name = 'Studie') {
  const project = await createProject(ctx, { name });
  const p = project.id;
  const source = await importSource(ctx, { project: p, fileName: 'intervju.txt', bytes: utf8(TEXT) });
  await addCode(ctx, { project: p, name: 'Hinder' });
  await addCode(ctx, { project: p, name: 'media', parent: 'Hinder' });
  await addCode(ctx, { project: p, name: 'plan' });
  await addCode(ctx, { project: p, name: 'tom' });
  const code = (coder: string, c: string, start: number, end: number) =>
    applyCoding(ctx, { project: p, source: source.id, code: c, start, end, coder });
  const segments = {
    annaMedia: await code('anna', 'media', 0, 10),
    boMedia: await code('bo', 'media', 5, 23),
    annaPlan: await code('anna', 'plan', 25, 38),
    boPlan: await code('bo', 'plan', 25, 38),
  };
  return { p, name, source: source.id, segments, code };
}

export type TwoCoderStudy = Awaited<ReturnType<typeof twoCoderStudy>>;

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { QUOTES, type Study, spanOf, studyFixture } from '../commands/fixtures.js';
import { tempContext } from '../helpers.js';
import { koda } from './run.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let s: Study;
const run = (...args: string[]) => koda(env, args, { KODA_CODER: 'tester' });

beforeEach(async () => {
  env = await tempContext();
  s = await studyFixture(env.ctx);
});
afterEach(() => env.cleanup());

describe('koda query and koda smart-code', () => {
  it('prints the passages as a table and as JSON, and saves the query as a smart code', async () => {
    const table = await run('query', '--project', 'Omega', 'media AND tidsbrist', '--save', 'Medier och tid');
    expect(table.code).toBe(0);
    const { start, end } = spanOf(s.text, QUOTES.media);
    expect(table.stdout).toBe(
      [
        `Albin  grupp ${start}–${end}  “${QUOTES.media}”`,
        '"media" AND "tidsbrist": 1 passages, 1 shown.',
        'Saved smart code "Medier och tid".',
        '',
      ].join('\n'),
    );
    const json = await run('--json', 'query', '--project', 'Omega', 'tidsbrist', '--speaker', 'participant');
    expect(json.json()).toEqual([
      { source: 'grupp', case: 'Albin', speaker: 'Albin', start, end, text: QUOTES.media, codes: ['tidsbrist'] },
      {
        source: 'grupp',
        case: 'Albin',
        speaker: 'Kristin',
        ...spanOf(s.text, QUOTES.kristin),
        text: QUOTES.kristin,
        codes: ['tidsbrist'],
      },
    ]);
    const list = await run('smart-code', 'list', '--project', 'Omega');
    expect(list.stdout).toBe(
      ['Smart code      Passages  Query', 'Medier och tid         1  "media" AND "tidsbrist"', ''].join('\n'),
    );
    const hits = await run('--json', 'smart-code', 'hits', 'Medier och tid', '--project', 'Omega');
    expect(hits.json()).toMatchObject([{ text: QUOTES.media }]);
    expect((await run('smart-code', 'remove', 'Medier och tid', '--project', 'Omega')).stdout).toBe(
      'Deleted smart code "Medier och tid".\n',
    );
  });

  it('puts smart codes into a matrix as rows', async () => {
    await run('query', '--project', 'Omega', 'tidsbrist', '--save', 'Tid');
    const m = (await run('--json', 'matrix', '--project', 'Omega', '--smart-code', 'Tid')).json();
    expect(m.rows.at(-1).name).toBe('Tid');
    expect(m.totals.at(-1)).toBe(2);
  });

  it('says in one line where a query does not read, and exits 1', async () => {
    const bad = await run('query', '--project', 'Omega', 'media FOLLOWED BY plan');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(
      'koda: The query does not read at character 23: expected WITHIN n WORDS or IN SAME TURN after “plan”, found the end of the query.\n',
    );
  });
});

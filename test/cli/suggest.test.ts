import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePlace } from '../../src/cli/nouns/suggest.js';
import { openStore } from '../../src/store/db.js';
import { suggestFixture } from '../commands/suggestFixture.js';
import { koda } from './run.js';

let dir: string;
let data: string;
const P = ['--project', 'Suggest'];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'koda-cli-suggest-'));
  data = join(dir, 'data');
  const store = await openStore(data);
  await suggestFixture({ store, actor: 'anna' });
  await store.close();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('koda suggest', () => {
  it('lists suggestions with place, score and words, and says nothing left the machine', async () => {
    const r = await koda(data, ['suggest', ...P, '--code', 'finansiering', '--limit', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('BM25 k1=1.2 b=0.75');
    expect(r.stdout).toContain('nothing sent anywhere');
    expect(r.stdout).toMatch(/1\. \d+\.\d{3} {2}albin:\d+-\d+ \(Albin\) “.+” \[.+\]/u);
    const json = (await koda(data, ['suggest', ...P, '--code', 'finansiering', '--json'])).json();
    expect(json.method).toBe('bm25');
    expect(json.suggestions[0]).toMatchObject({ sourceName: 'albin', words: expect.any(Array) });
  });

  it('accept and reject by place; the accepted one is coded in the suggestions layer, neither is offered again', async () => {
    const listed = (await koda(data, ['suggest', ...P, '--code', 'finansiering', '--json'])).json().suggestions;
    const [a, b] = listed;
    const place = (s: { start: number; end: number }) => `albin:${s.start}-${s.end}`;
    const accepted = await koda(data, ['suggest', 'accept', ...P, '--code', 'finansiering', place(a)]);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('into the suggestions layer');
    const rejected = await koda(data, ['suggest', 'reject', ...P, '--code', 'finansiering', place(b)]);
    expect(rejected.code).toBe(0);
    const segments = (await koda(data, ['segments', ...P, '--by', 'suggestions', '--json'])).json();
    expect(segments.map((s: { text: string }) => s.text)).toEqual([a.text]);
    const again = (await koda(data, ['suggest', ...P, '--code', 'finansiering', '--json'])).json().suggestions;
    expect(again.map((s: { text: string }) => s.text)).not.toContain(a.text);
    expect(again.map((s: { text: string }) => s.text)).not.toContain(b.text);
    const twice = await koda(data, ['suggest', 'accept', ...P, '--code', 'finansiering', place(a)]);
    expect(twice.code).not.toBe(0);
    expect(twice.stderr).toContain('not among the suggestions');
  });

  it('refuses a malformed place and a code without examples in one line', async () => {
    const bad = await koda(data, ['suggest', 'accept', ...P, '--code', 'finansiering', 'albin']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const none = await koda(data, ['suggest', ...P, '--code', 'media']);
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('codes no passage yet');
  });

  it('parses places whose source name holds a colon', () => {
    expect(parsePlace('Intervju 2: Albin:12-40')).toEqual({ source: 'Intervju 2: Albin', start: 12, end: 40 });
  });
});

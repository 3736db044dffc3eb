import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { importVtt } from '../../src/formats/vtt.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function errorOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

describe('importVtt', () => {
  it('reads voice tags, merges consecutive cues of one speaker and strips other markup', async () => {
    const vtt = `WEBVTT - Intervju 7
Kind: captions

NOTE exported by the recorder
spanning two lines

STYLE
::cue { color: yellow }

1
00:00:01.000 --> 00:00:03.500 align:start
<v Intervjuare>Hur började <i>det</i>?</v>

00:00:04.000 --> 00:00:06.000
<v.loud Albin>Med en plan &amp; ett team
som <00:00:05.000><c.blue>höll</c> ihop.</v>

00:00:06.000 --> 00:00:08.250
<v Albin>Sedan 2019 😀.

01:00:00.000 --> 01:00:02.000
<v Intervjuare>Tack!`;
    const source = await importVtt(enc(vtt), 'i7.vtt');
    expect(source.text).toBe(
      'Intervjuare: Hur började det?\n\nAlbin: Med en plan & ett team som höll ihop. Sedan 2019 😀.\n\nIntervjuare: Tack!',
    );
    expect(source.turns).toEqual([
      { start: 0, end: 29, speaker: 'Intervjuare', startMs: 1000, endMs: 3500 },
      { start: 31, end: 89, speaker: 'Albin', startMs: 4000, endMs: 8250 },
      { start: 91, end: 109, speaker: 'Intervjuare', startMs: 3_600_000, endMs: 3_602_000 },
    ]);
    const index = new CodePointIndex(source.text);
    expect(index.slice(91, 109)).toBe('Intervjuare: Tack!');
    expect(source.metadata).toEqual({ cues: 4 });
    expect(source.kind).toBe('vtt');
    expect(source.mediaType).toBe('text/vtt');
  });

  it('splits a cue with two voices and keeps unlabelled cues one paragraph each', async () => {
    const twoVoices = 'WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>Hej.</v>\n<v B>Hej hej.</v>\n';
    expect((await importVtt(enc(twoVoices), 'a.vtt')).text).toBe('A: Hej.\n\nB: Hej hej.');
    const plain = 'WEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nFörsta.\r\n\r\n00:02.000 --> 00:03.000\r\nAndra\r\nraden.\r\n';
    const source = await importVtt(enc(plain), 'p.vtt');
    expect(source.text).toBe('Första.\n\nAndra raden.');
    expect(source.turns).toEqual([
      { start: 0, end: 7, speaker: null, startMs: 1000, endMs: 2000 },
      { start: 9, end: 21, speaker: null, startMs: 2000, endMs: 3000 },
    ]);
  });

  it('reads `Name:` prefixes in cues without voice tags', async () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAnna-Karin: Ja.\n\n00:00:02.000 --> 00:00:03.000\nI: Och?\n';
    const source = await importVtt(enc(vtt), 'z.vtt');
    expect(source.text).toBe('Anna-Karin: Ja.\n\nI: Och?');
    expect(source.turns.map((t) => t.speaker)).toEqual(['Anna-Karin', 'I']);
  });

  it('refuses a file without cues as corrupt and a blank one as empty', async () => {
    expect(await errorOf(importVtt(enc('WEBVTT\n\nNOTE nothing here\n'), 'n.vtt'))).toEqual([
      'import.corrupt',
      { file: 'n.vtt', format: 'vtt' },
    ]);
    expect(await errorOf(importVtt(enc('\n\n'), 'b.vtt'))).toEqual(['import.empty', { file: 'b.vtt' }]);
  });

  it('refuses malformed timings with the line number instead of dropping the cues', async () => {
    expect(await errorOf(importVtt(fixture('malformed-timings.vtt'), 'm.vtt'))).toEqual([
      'import.cue-timing',
      { file: 'm.vtt', line: 8 },
    ]);
    const missing = 'WEBVTT\n\n00:01.000 --> 00:02.000\nEtt.\n\nTvå, utan tid.\n';
    expect(await errorOf(importVtt(enc(missing), 'n.vtt'))).toEqual(['import.cue-timing', { file: 'n.vtt', line: 6 }]);
    const minutes = 'WEBVTT\n\n00:61.000 --> 01:02.000\nEtt.\n';
    expect(await errorOf(importVtt(enc(minutes), 'o.vtt'))).toEqual(['import.cue-timing', { file: 'o.vtt', line: 3 }]);
  });

  it('refuses a cue that ends before it starts, never storing it reversed', async () => {
    expect(await errorOf(importVtt(fixture('reversed-cue.vtt'), 'r.vtt'))).toEqual([
      'import.cue-reversed',
      { file: 'r.vtt', line: 8, start: '00:00:12.000', end: '00:00:10.000' },
    ]);
  });
});

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/subtitles/${name}`, import.meta.url));
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { importSrt } from '../../src/formats/srt.js';

const enc = (s: string) => new TextEncoder().encode(s);

async function errorOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

describe('importSrt', () => {
  it('reads cues, `Name:` speakers, carries a speaker to unlabelled cues and merges them', async () => {
    const srt = `1
00:00:01,000 --> 00:00:02,500
I: Vad gör du i ditt arbete?

2
00:00:03,000 --> 00:00:05,000
Kristin: Jag samordnar
<i>områdesteamet</i>.

3
00:00:05,100 --> 00:00:07,900
{\\an8}Och mötesplatsen.

4
00:00:08,000 --> 00:00:09,000
I: Tack.
`;
    const source = await importSrt(enc(srt), 'i8.srt');
    expect(source.text).toBe(
      'I: Vad gör du i ditt arbete?\n\nKristin: Jag samordnar områdesteamet. Och mötesplatsen.\n\nI: Tack.',
    );
    expect(source.turns).toEqual([
      { start: 0, end: 28, speaker: 'I', startMs: 1000, endMs: 2500 },
      { start: 30, end: 85, speaker: 'Kristin', startMs: 3000, endMs: 7900 },
      { start: 87, end: 95, speaker: 'I', startMs: 8000, endMs: 9000 },
    ]);
    expect(source.text.slice(87, 95)).toBe('I: Tack.');
    expect(source.metadata).toEqual({ cues: 4 });
    expect(source.mediaType).toBe('application/x-subrip');
  });

  it('keeps cues without speakers as separate paragraphs, and mends a blank line inside a cue', async () => {
    const srt =
      '1\r\n00:00:01,000 --> 00:00:02,000\r\nFörsta.\r\n\r\nfortsättning\r\n\r\n2\r\n00:00:02,000 --> 00:00:03,000\r\nAndra.\r\n';
    const source = await importSrt(enc(srt), 'p.srt');
    expect(source.text).toBe('Första. fortsättning\n\nAndra.');
    expect(source.turns.map((t) => [t.speaker, t.start, t.end, t.startMs])).toEqual([
      [null, 0, 20, 1000],
      [null, 22, 28, 2000],
    ]);
  });

  it('refuses a file without cues', async () => {
    expect(await errorOf(importSrt(enc('just some text\n'), 'x.srt'))).toEqual([
      'import.corrupt',
      { file: 'x.srt', format: 'srt' },
    ]);
  });

  it('refuses a reversed cue or impossible seconds with the line number', async () => {
    expect(await errorOf(importSrt(fixture('reversed-cue.srt'), 'r.srt'))).toEqual([
      'import.cue-reversed',
      { file: 'r.srt', line: 6, start: '00:00:09.000', end: '00:00:03.000' },
    ]);
    expect(await errorOf(importSrt(fixture('bad-seconds.srt'), 'b.srt'))).toEqual([
      'import.cue-timing',
      { file: 'b.srt', line: 6 },
    ]);
  });

  it('refuses a numbered cue without a timing line', async () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\nEtt.\n\n2\nTvå, utan tid.\n';
    expect(await errorOf(importSrt(enc(srt), 'n.srt'))).toEqual(['import.cue-timing', { file: 'n.srt', line: 6 }]);
  });
});

function fixture(name: string): Uint8Array {
  return readFileSync(new URL(`../fixtures/subtitles/${name}`, import.meta.url));
}

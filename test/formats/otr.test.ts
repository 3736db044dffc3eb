import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { parseSource } from '../../src/formats/index.js';

const enc = (s: string) => new TextEncoder().encode(s);
const stamp = (seconds: number, shown: string) =>
  `<span class="timestamp" contenteditable="false" data-timestamp="${seconds}">${shown}</span>`;

async function errorOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

describe('oTranscribe (.otr)', () => {
  it('makes a turn of each timestamped or labelled line, ending where the next timed one starts', async () => {
    // As oTranscribe's export writes it: the editor's HTML in `text`, the player's place in `media-time`.
    const otr = {
      text:
        `<p>Intervju 7, Omega</p>` +
        `<p>${stamp(3.2, '00:03')} I: Hur började det?</p>` +
        `<p>${stamp(83.4, '01:23')}&nbsp;Albin: Med en plan &amp; ett team.<br>Sedan kom pengarna.</p>` +
        `<div>I: Och nu?</div>` +
        `<p>${stamp(3725.9, '1:02:05')} Albin: Nu är det bra.</p>`,
      media: 'intervju-7.mp3',
      'media-source': '',
      'media-time': 3730.1,
    };
    const source = await parseSource(enc(JSON.stringify(otr)), 'intervju-7.otr');
    expect(source.kind).toBe('otr');
    expect(source.text).toBe(
      'Intervju 7, Omega\n\n[00:00:03] I: Hur började det?\n\n[00:01:23] Albin: Med en plan & ett team.\nSedan kom pengarna.\n\nI: Och nu?\n\n[01:02:05] Albin: Nu är det bra.',
    );
    expect(source.turns.map(({ speaker, startMs, endMs }) => ({ speaker, startMs, endMs }))).toEqual([
      { speaker: 'I', startMs: 3200, endMs: 83_400 },
      { speaker: 'Albin', startMs: 83_400, endMs: 3_725_900 },
      { speaker: 'I', startMs: null, endMs: 3_725_900 },
      { speaker: 'Albin', startMs: 3_725_900, endMs: null },
    ]);
    expect(source.turns[0]?.start).toBe(19);
    expect(source.metadata).toEqual({ timestamps: 3 });
  });

  it('refuses a file that is not oTranscribe’s, or a timestamp that is not a time, with one line', async () => {
    expect(await errorOf(parseSource(enc('<p>hej</p>'), 'a.otr'))).toEqual(['import.json', { file: 'a.otr' }]);
    expect(await errorOf(parseSource(enc('{"media":"a.mp3"}'), 'a.otr'))).toEqual(['import.otr-shape', { file: 'a.otr' }]);
    const bad = { text: '<p><span class="timestamp" data-timestamp="soon">?</span> I: Hej</p>' };
    expect(await errorOf(parseSource(enc(JSON.stringify(bad)), 'a.otr'))).toEqual([
      'import.otr-timestamp',
      { file: 'a.otr', value: 'soon' },
    ]);
    expect(await errorOf(parseSource(enc('{"text":"<p> </p>"}'), 'a.otr'))).toEqual(['import.empty', { file: 'a.otr' }]);
  });
});

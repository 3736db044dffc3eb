import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { parseSource } from '../../src/formats/index.js';

const enc = (s: string) => new TextEncoder().encode(s);
const timing = (turns: { speaker: string | null; startMs: number | null; endMs: number | null }[]) =>
  turns.map(({ speaker, startMs, endMs }) => ({ speaker, startMs, endMs }));

async function errorOf(promise: Promise<unknown>): Promise<[string, unknown]> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return [err.code, err.params];
}

describe('f4/f5 transcripts (.txt with #hh:mm:ss-t# stamps)', () => {
  it('ends each paragraph at its stamp and starts it where the one before ended; a heading has no time', async () => {
    // f4 writes the time where Enter ends a paragraph; CRLF as on Windows.
    const f4 =
      'Intervju 3, Omega\r\n\r\nI: Hur började det? #00:00:04-2#\r\n\r\nIP: Med en plan,\r\noch ett team. #00:01:23-4#\r\n\r\nI: Tack. #01:02:05-0#\r\n';
    const source = await parseSource(enc(f4), 'intervju.txt');
    expect(source.kind).toBe('f4');
    expect(source.text).toBe(
      'Intervju 3, Omega\n\n[00:00:00] I: Hur började det?\n\n[00:00:04] IP: Med en plan,\noch ett team.\n\n[00:01:23] I: Tack.',
    );
    expect(timing(source.turns)).toEqual([
      { speaker: 'I', startMs: 0, endMs: 4200 },
      { speaker: 'IP', startMs: 4200, endMs: 83_400 },
      { speaker: 'I', startMs: 83_400, endMs: 3_725_000 },
    ]);
  });

  it('refuses a stamp that is no time or goes back, with its line', async () => {
    expect(await errorOf(parseSource(enc('I: Ja. #00:00:04-2#\nIP: Nej. #00:00:03-0#\n'), 'a.txt'))).toEqual([
      'import.timestamp-order',
      { file: 'a.txt', line: 2 },
    ]);
    expect(await errorOf(parseSource(enc('I: Ja. #00:61:04-2#\n'), 'a.txt'))).toEqual([
      'import.timestamp',
      { file: 'a.txt', line: 1, stamp: '#00:61:04-2#' },
    ]);
  });
});

describe('Otter.ai text exports (.txt)', () => {
  it('reads `Name  m:ss` headings as turns that end where the next starts, without Otter’s credit line', async () => {
    const otter =
      'Anna Svensson  0:03\nHej och välkommen. Ska vi börja?\n\nSpeaker 2  0:41\nJa, gärna.\n\nAnna Svensson  1:02:15\nTack för i dag.\n\nTranscribed by https://otter.ai\n';
    const source = await parseSource(enc(otter), 'otter.txt');
    expect(source.kind).toBe('otter');
    expect(source.text).toBe(
      '[00:00:03] Anna Svensson: Hej och välkommen. Ska vi börja?\n\n[00:00:41] Speaker 2: Ja, gärna.\n\n[01:02:15] Anna Svensson: Tack för i dag.',
    );
    expect(timing(source.turns)).toEqual([
      { speaker: 'Anna Svensson', startMs: 3000, endMs: 41_000 },
      { speaker: 'Speaker 2', startMs: 41_000, endMs: 3_735_000 },
      { speaker: 'Anna Svensson', startMs: 3_735_000, endMs: null },
    ]);
  });

  it('reads an export without speaker names: turns with times only', async () => {
    const source = await parseSource(enc('0:03\nHej och välkommen.\n\n0:41\nJa, gärna.\n'), 'otter.txt');
    expect(source.text).toBe('[00:00:03] Hej och välkommen.\n\n[00:00:41] Ja, gärna.');
    expect(timing(source.turns)).toEqual([
      { speaker: null, startMs: 3000, endMs: 41_000 },
      { speaker: null, startMs: 41_000, endMs: null },
    ]);
  });

  it('leaves plain text with a time in a heading plain, and refuses headings that go back', async () => {
    const plain = await parseSource(enc('Möte 10:30\nAnteckningar.\n\nInga fler rubriker här.\n'), 'notes.txt');
    expect(plain.kind).toBe('txt');
    expect(plain.text).toBe('Möte 10:30\nAnteckningar.\n\nInga fler rubriker här.\n');
    expect(await errorOf(parseSource(enc('A  0:40\nJa.\n\nB  0:20\nNej.\n'), 'o.txt'))).toEqual([
      'import.timestamp-order',
      { file: 'o.txt', line: 4 },
    ]);
  });
});

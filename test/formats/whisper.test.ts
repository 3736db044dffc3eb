import { describe, expect, it } from 'vitest';
import { KodaError } from '../../src/core/errors.js';
import { CodePointIndex } from '../../src/core/text/codePoints.js';
import { detectTurns } from '../../src/core/transcript/turns.js';
import { parseSource } from '../../src/formats/index.js';

const enc = (s: string) => new TextEncoder().encode(s);
const json = (v: unknown) => enc(JSON.stringify(v, null, 2));

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof KodaError)) throw new Error(`expected a KodaError, got ${String(err)}`);
  return err.code;
}

// What `whisper intervju.m4a --language sv --output_format json` writes (openai-whisper).
const whisperSegment = (id: number, start: number, end: number, text: string) => ({
  id,
  seek: 0,
  start,
  end,
  text,
  tokens: [50364, 8930, 50464],
  temperature: 0,
  avg_logprob: -0.27,
  compression_ratio: 1.31,
  no_speech_prob: 0.02,
});

// What `whisperx intervju.m4a --diarize --output_format json` writes: speakers per segment and word.
const word = (w: string, start: number | undefined, speaker: string) =>
  start === undefined ? { word: w, speaker } : { word: w, start, end: start + 0.3, score: 0.91, speaker };

describe('Whisper and WhisperX JSON', () => {
  it('reads Whisper: each segment a turn without speaker, timed in ms, stamped in the text', async () => {
    const file = {
      text: ' Hej och välkommen. Hur började det?',
      segments: [whisperSegment(0, 0, 2.4, ' Hej och välkommen.'), whisperSegment(1, 2.4, 65.02, ' Hur började det?')],
      language: 'sv',
    };
    const source = await parseSource(json(file), 'intervju.json');
    expect(source.kind).toBe('whisper');
    expect(source.text).toBe('[00:00:00] Hej och välkommen.\n\n[00:00:02] Hur började det?');
    expect(source.turns).toEqual([
      { start: 0, end: 29, speaker: null, startMs: 0, endMs: 2400 },
      { start: 31, end: 58, speaker: null, startMs: 2400, endMs: 65_020 },
    ]);
    expect(source.metadata).toEqual({ segments: 2, speakers: 0, language: 'sv' });
  });

  it('reads WhisperX: one speaker’s segments are one turn, a segment is cut where its words change speaker', async () => {
    const file = {
      segments: [
        {
          start: 0.5,
          end: 2.1,
          text: ' Hur började det?',
          words: [word('Hur', 0.5, 'SPEAKER_00'), word('började', 0.9, 'SPEAKER_00'), word('det?', 1.6, 'SPEAKER_00')],
          speaker: 'SPEAKER_00',
        },
        {
          start: 2.5,
          end: 6,
          text: ' Med en plan 2019. Ja.',
          words: [
            word('Med', 2.5, 'SPEAKER_01'),
            word('en', 2.9, 'SPEAKER_01'),
            word('plan', 3.1, 'SPEAKER_01'),
            word('2019.', undefined, 'SPEAKER_01'),
            word('Ja.', 5.2, 'SPEAKER_00'),
          ],
          speaker: 'SPEAKER_01',
        },
        {
          start: 6.2,
          end: 8,
          text: ' Och sedan?',
          words: [word('Och', 6.2, 'SPEAKER_00'), word('sedan?', 6.6, 'SPEAKER_00')],
          speaker: 'SPEAKER_00',
        },
      ],
      word_segments: [],
      language: 'sv',
    };
    const source = await parseSource(json(file), 'grupp.JSON');
    expect(source.kind).toBe('whisperx');
    expect(source.text).toBe(
      '[00:00:00] SPEAKER_00: Hur började det?\n\n[00:00:02] SPEAKER_01: Med en plan 2019.\n\n[00:00:05] SPEAKER_00: Ja. Och sedan?',
    );
    expect(source.turns.map(({ speaker, startMs, endMs }) => ({ speaker, startMs, endMs }))).toEqual([
      { speaker: 'SPEAKER_00', startMs: 500, endMs: 2100 },
      { speaker: 'SPEAKER_01', startMs: 2500, endMs: 5200 },
      { speaker: 'SPEAKER_00', startMs: 5200, endMs: 8000 },
    ]);
    const index = new CodePointIndex(source.text);
    const last = source.turns[2];
    expect(index.slice(last?.start ?? 0, last?.end ?? 0)).toBe('[00:00:05] SPEAKER_00: Ja. Och sedan?');
    // The text carries the turns: detected again (after an edit), they start where they did.
    expect(detectTurns(source.text).map((t) => [t.speaker, t.start, t.startMs])).toEqual(
      source.turns.map((t) => [t.speaker, t.start, Math.floor((t.startMs ?? 0) / 1000) * 1000]),
    );
    expect(source.metadata).toEqual({ segments: 3, speakers: 2, language: 'sv' });
  });

  it('reads whisper.cpp’s JSON (-oj): offsets in ms', async () => {
    const cpp = {
      systeminfo: 'AVX = 1 | NEON = 0',
      model: { type: 'base', multilingual: true },
      params: { model: 'models/ggml-base.bin', language: 'sv', translate: false },
      result: { language: 'sv' },
      transcription: [
        { timestamps: { from: '00:00:00,000', to: '00:00:02,400' }, offsets: { from: 0, to: 2400 }, text: ' Hej och välkommen.' },
        {
          timestamps: { from: '00:00:02,400', to: '00:01:05,020' },
          offsets: { from: 2400, to: 65020 },
          text: ' Hur började det?',
        },
      ],
    };
    const source = await parseSource(json(cpp), 'intervju.json');
    expect([source.kind, source.text]).toEqual(['whisper', '[00:00:00] Hej och välkommen.\n\n[00:00:02] Hur började det?']);
    expect(source.turns.map((t) => [t.startMs, t.endMs])).toEqual([
      [0, 2400],
      [2400, 65_020],
    ]);
    const broken = { ...cpp, transcription: [...cpp.transcription, { text: ' Utan tid.' }] };
    expect(await codeOf(parseSource(json(broken), 'a.json'))).toBe('import.segment-time');
  });

  it('refuses what is not Whisper with one line each', async () => {
    expect(await codeOf(parseSource(enc('{"segments": [ {"start": 0,'), 'a.json'))).toBe('import.json');
    expect(await codeOf(parseSource(json({ results: [] }), 'a.json'))).toBe('import.whisper-shape');
    expect(await codeOf(parseSource(json({ segments: [] }), 'a.json'))).toBe('import.empty');
    const reversed = { segments: [whisperSegment(0, 0, 1, ' Ja.'), whisperSegment(1, 5, 4, ' Nej.')] };
    const err = await parseSource(json(reversed), 'a.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KodaError);
    expect((err as KodaError).code).toBe('import.segment-time');
    expect((err as KodaError).params).toEqual({ file: 'a.json', number: 2 });
    expect(await codeOf(parseSource(json({ segments: [{ start: 0, end: 1 }] }), 'a.json'))).toBe('import.segment-time');
  });
});

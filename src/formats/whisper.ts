import { z } from 'zod';
import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { parseJson } from './json.js';
import { mergeSpeakerRuns, speakersOf, type TimedParagraph, timedSource } from './timedTurns.js';
import { decodeText } from './txt.js';
import type { ParsedSource } from './types.js';

/**
 * Whisper and WhisperX JSON, told apart by shape. openai-whisper writes
 * `{ text, segments: [{ id, start, end, text, … }], language }` (times in seconds; whisper.cpp's
 * `transcription` with offsets in ms is read as the same); WhisperX
 * adds a `speaker` per segment when it diarized, and `words: [{ word, start, end, score, speaker }]`
 * (a word it could not align has no times). Times: a turn starts at its first segment's start
 * and ends at its last one's end; consecutive segments of one speaker are one turn, a segment
 * whose words change speaker is cut there (at the first word's start of each speaker), and
 * without speakers each segment is a turn of its own.
 */

const Word = z.object({
  word: z.string(),
  start: z.number().nonnegative().optional(),
  end: z.number().nonnegative().optional(),
  score: z.number().optional(),
  speaker: z.string().optional(),
});
type Word = z.infer<typeof Word>;

const Segment = z
  .object({
    start: z.number().nonnegative(),
    end: z.number().nonnegative(),
    text: z.string(),
    speaker: z.string().optional(),
    words: z.array(Word).optional(),
  })
  .refine((s) => s.end >= s.start);
type Segment = z.infer<typeof Segment>;

const Transcript = z.object({ segments: z.array(z.unknown()), language: z.string().optional() });

/** whisper.cpp (`-oj`): `{ result: { language }, transcription: [{ offsets: { from, to }, text }] }`, in ms. */
const WhisperCpp = z.object({
  result: z.object({ language: z.string().optional() }).optional(),
  transcription: z.array(z.unknown()),
});
const CppSegment = z.object({ offsets: z.object({ from: z.number(), to: z.number() }), text: z.string() });

/** The file as openai-whisper's shape; a whisper.cpp segment that is not one stays as it is, to be refused. */
function openaiShape(value: unknown): z.infer<typeof Transcript> | null {
  const whisper = Transcript.safeParse(value);
  if (whisper.success) return whisper.data;
  const cpp = WhisperCpp.safeParse(value);
  if (!cpp.success) return null;
  const segments = cpp.data.transcription.map((item) => {
    const s = CppSegment.safeParse(item);
    return s.success ? { start: s.data.offsets.from / 1000, end: s.data.offsets.to / 1000, text: s.data.text } : item;
  });
  return { segments, language: cpp.data.result?.language };
}

const ms = (seconds: number) => Math.round(seconds * 1000);

function readSegments(raw: unknown[], file: string): Segment[] {
  return raw.map((item, i) => {
    const parsed = Segment.safeParse(item);
    if (!parsed.success) throw invalid('import.segment-time', { file, number: i + 1 });
    return parsed.data;
  });
}

/** Runs of one speaker among a segment's words; a word without one keeps the one before. */
function wordRuns(segment: Segment): { speaker: string | null; words: Word[] }[] {
  const runs: { speaker: string | null; words: Word[] }[] = [];
  let speaker = segment.speaker ?? null;
  for (const word of segment.words ?? []) {
    speaker = word.speaker ?? speaker;
    const last = runs[runs.length - 1];
    if (last && last.speaker === speaker) last.words.push(word);
    else runs.push({ speaker, words: [word] });
  }
  return runs;
}

function segmentParagraphs(segment: Segment): TimedParagraph[] {
  const runs = wordRuns(segment);
  if (runs.length < 2)
    return [
      {
        speaker: runs[0]?.speaker ?? segment.speaker ?? null,
        text: segment.text,
        startMs: ms(segment.start),
        endMs: ms(segment.end),
      },
    ];
  return runs.map((run, i) => {
    const first = run.words.find((w) => w.start !== undefined)?.start;
    const next = runs[i + 1]?.words.find((w) => w.start !== undefined)?.start;
    return {
      speaker: run.speaker,
      text: run.words.map((w) => w.word.trim()).join(' '),
      startMs: ms(i === 0 ? segment.start : (first ?? segment.start)),
      endMs: ms(next ?? segment.end),
    };
  });
}

const isWhisperX = (segments: Segment[]) =>
  segments.some((s) => s.speaker !== undefined || s.words?.some((w) => w.score !== undefined || w.speaker !== undefined));

export async function importWhisper(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const transcript = openaiShape(parseJson(canonicalText(decodeText(bytes, fileName)), fileName));
  if (!transcript) throw invalid('import.whisper-shape', { file: fileName });
  const segments = readSegments(transcript.segments, fileName);
  const paragraphs = mergeSpeakerRuns(segments.flatMap(segmentParagraphs));
  const metadata = {
    segments: segments.length,
    speakers: speakersOf(paragraphs).length,
    ...(transcript.language ? { language: transcript.language } : {}),
  };
  const kind = isWhisperX(segments) ? 'whisperx' : 'whisper';
  return timedSource(paragraphs, kind, 'application/json', fileName, metadata);
}

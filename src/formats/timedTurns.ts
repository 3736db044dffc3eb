import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { codePointLength } from '../core/text/codePoints.js';
import type { SpeakerTurn } from '../core/transcript/turns.js';
import type { ParsedSource, SourceKind } from './types.js';

/**
 * What transcription tools write, as a transcript: paragraphs, each a turn with its speaker and
 * its times in milliseconds. A paragraph is written `[hh:mm:ss] Speaker: text`, the form the
 * turn detector (core/transcript/turns.ts) reads, so a transcript edited later still carries its
 * turns' start times; the turn keeps the file's exact milliseconds.
 */
export interface TimedParagraph {
  speaker: string | null;
  text: string;
  startMs: number | null;
  endMs: number | null;
}

/** `[hh:mm:ss]`, whole seconds: a reader's timestamp, as transcription mode writes it. */
export function clockStamp(ms: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const s = Math.floor(ms / 1000);
  return `[${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}]`;
}

/**
 * Consecutive paragraphs of one known speaker become one: a segment-based tool (Whisper) cuts
 * a speaker's turn into sentences. The turn runs from the first one's start to the last one's end.
 */
export function mergeSpeakerRuns(paragraphs: TimedParagraph[]): TimedParagraph[] {
  const merged: TimedParagraph[] = [];
  for (const p of paragraphs) {
    const last = merged[merged.length - 1];
    if (last && p.speaker !== null && last.speaker === p.speaker) {
      last.text = `${last.text.trim()} ${p.text.trim()}`;
      last.endMs = p.endMs ?? last.endMs;
    } else merged.push({ ...p });
  }
  return merged;
}

function paragraphText(p: TimedParagraph): string {
  const stamp = p.startMs === null ? '' : `${clockStamp(p.startMs)} `;
  const label = p.speaker === null ? '' : `${p.speaker}: `;
  return canonicalText(`${stamp}${label}${p.text}`);
}

/** The source of timed paragraphs: one turn per paragraph that has a speaker or a time. */
export function timedSource(
  paragraphs: TimedParagraph[],
  kind: SourceKind,
  mediaType: string,
  file: string,
  metadata: ParsedSource['metadata'],
): ParsedSource {
  const kept = paragraphs.filter((p) => p.text.trim() !== '').map((p) => ({ ...p, text: p.text.trim() }));
  if (kept.length === 0) throw invalid('import.empty', { file });
  const texts = kept.map(paragraphText);
  // Each paragraph is canonical and the separators are plain `\n`, so offsets counted here hold
  // in the joined text.
  const turns: SpeakerTurn[] = [];
  let offset = 0;
  kept.forEach((p, i) => {
    const end = offset + codePointLength(texts[i] ?? '');
    if (p.speaker !== null || p.startMs !== null)
      turns.push({ start: offset, end, speaker: p.speaker, startMs: p.startMs, endMs: p.endMs });
    offset = end + 2;
  });
  return { kind, text: canonicalText(texts.join('\n\n')), turns, metadata, mediaType };
}

/** Speakers in order of first appearance. */
export function speakersOf(paragraphs: TimedParagraph[]): string[] {
  return [...new Set(paragraphs.flatMap((p) => (p.speaker === null ? [] : [p.speaker])))];
}

import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { codePointLength } from '../core/text/codePoints.js';
import type { SpeakerTurn } from '../core/transcript/turns.js';
import { matchSpeakerPrefix } from '../core/transcript/turns.js';
import type { ParsedSource } from './types.js';

/**
 * Subtitle cues (WebVTT, SRT) to a transcript. Speakers come from voice tags or a `Name:`
 * prefix; a cue without either continues the previous cue's speaker (subtitles name a speaker
 * when it changes). Consecutive cues of one speaker become one turn, one paragraph
 * `Speaker: text`; with no speaker known, each cue is its own paragraph.
 */
export interface Cue {
  startMs: number;
  endMs: number;
  /** The cue's text lines, tags still in. */
  lines: string[];
}

interface Piece {
  speaker: string | null;
  text: string;
  cue: number;
  startMs: number;
  endMs: number;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
};

/** Cue text without markup: tags (`<i>`, `<c.x>`, `<00:00:01.000>`), `{\an8}`, entities. */
export function cleanCueText(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/\{\\[^}]*\}/g, '')
    .replace(/&([a-z]+);/g, (whole, name: string) => ENTITIES[name] ?? whole)
    .replace(/[ \t]+/g, ' ')
    .trim();
}

const VOICE = /<v(?:\.[^\s>]*)?(?:[ \t]+([^>]*))?>/;

type PrefixOf = (text: string) => { speaker: string; length: number } | null;

/**
 * Zoom writes every cue as `Display Name: text`, and a display name is whatever the person typed
 * (`albin k (he/him)`, `iPhone 13`). When every cue begins with such a label, the label is the
 * speaker whatever it looks like; otherwise only a name-like `Name:` is (turns.ts).
 */
const DISPLAY_NAME = /^([^\s:<>][^:<>]{0,59}?):[ \t]/u;

function prefixRule(cues: Cue[]): PrefixOf {
  const named = cues.length > 0 && cues.every((c) => DISPLAY_NAME.test(cleanCueText(c.lines[0] ?? '')));
  if (!named) return matchSpeakerPrefix;
  return (text) => {
    const m = DISPLAY_NAME.exec(text);
    return m ? { speaker: (m[1] ?? '').trim(), length: m[0].length } : null;
  };
}

/** Split a cue into speaker pieces; `carried` is the speaker in force before the cue. */
function cuePieces(cue: Cue, index: number, carried: string | null, prefixOf: PrefixOf): Piece[] {
  const pieces: Piece[] = [];
  let speaker = carried;
  const push = (text: string) => {
    const last = pieces[pieces.length - 1];
    if (text === '') return;
    if (last && last.speaker === speaker) last.text += ` ${text}`;
    else pieces.push({ speaker, text, cue: index, startMs: cue.startMs, endMs: cue.endMs });
  };
  // With voice tags the tags name the speakers; only untagged cues are read for `Name:`.
  const voiced = cue.lines.some((l) => VOICE.test(l));
  for (const line of cue.lines) {
    // split() with a capture group alternates text and voice names.
    const parts = line.split(new RegExp(VOICE.source, 'g'));
    parts.forEach((part, i) => {
      if (i % 2 === 1) speaker = part?.trim() || null;
      else {
        const text = cleanCueText(part ?? '');
        const prefix = voiced ? null : prefixOf(text);
        if (prefix) speaker = prefix.speaker;
        push(prefix ? text.slice(prefix.length).trim() : text);
      }
    });
  }
  return pieces;
}

/** Consecutive pieces of one known speaker, or of one cue, form a paragraph. */
function mergePieces(pieces: Piece[]): Piece[] {
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    const same = last && last.speaker === piece.speaker && (piece.speaker !== null || last.cue === piece.cue);
    if (last && same) {
      last.text += ` ${piece.text}`;
      last.endMs = piece.endMs;
    } else merged.push({ ...piece });
  }
  return merged;
}

export function cuesToSource(cues: Cue[], kind: 'vtt' | 'srt', mediaType: string, file: string): ParsedSource {
  const pieces: Piece[] = [];
  let speaker: string | null = null;
  const prefixOf = prefixRule(cues);
  cues.forEach((cue, i) => {
    const own = cuePieces(cue, i, speaker, prefixOf);
    pieces.push(...own);
    speaker = own[own.length - 1]?.speaker ?? speaker;
  });
  const paragraphs = mergePieces(pieces).map((p) => ({
    ...p,
    text: canonicalText(p.speaker ? `${p.speaker}: ${p.text}` : p.text),
  }));
  if (paragraphs.length === 0) throw invalid('import.empty', { file });
  // Each paragraph is canonical and the separators are plain `\n`, so offsets counted here
  // hold in the joined text.
  const turns: SpeakerTurn[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    const end = offset + codePointLength(p.text);
    turns.push({ start: offset, end, speaker: p.speaker, startMs: p.startMs, endMs: p.endMs });
    offset = end + 2;
  }
  const text = canonicalText(paragraphs.map((p) => p.text).join('\n\n'));
  return { kind, text, turns, metadata: { cues: cues.length }, mediaType };
}

/** Lines between blank lines; `line` is the 1-based line number of the first, for errors. */
export interface Block {
  line: number;
  lines: string[];
}

export function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: Block | null = null;
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '') current = null;
    else if (current) current.lines.push(l);
    else {
      current = { line: i + 1, lines: [l] };
      out.push(current);
    }
  });
  return out;
}

/** A file without a single `-->` holds no cues at all: it is not a subtitle file. */
export function hasCueTimings(text: string): boolean {
  return text.includes('-->');
}

/**
 * The cue whose timing line is `block.lines[at]`, read by `timing` (groups: hours, minutes,
 * seconds, fraction of the start, then of the end). A malformed timing or a cue that ends before
 * it starts is refused with its line number: a dropped or reversed cue would silently lose or
 * misplace what was said.
 */
export function timedCue(block: Block, at: number, timing: RegExp, file: string): Cue {
  const line = block.line + at;
  const m = timing.exec(block.lines[at] ?? '');
  const startMs = m ? timeMs(m[1], m[2], m[3], m[4]) : null;
  const endMs = m ? timeMs(m[5], m[6], m[7], m[8]) : null;
  if (startMs === null || endMs === null) throw invalid('import.cue-timing', { file, line });
  if (endMs < startMs) throw invalid('import.cue-reversed', { file, line, start: clock(startMs), end: clock(endMs) });
  return { startMs, endMs, lines: block.lines.slice(at + 1) };
}

/** `hh:mm:ss.mmm` or `mm:ss.mmm` in milliseconds; null when minutes or seconds pass 59. */
function timeMs(h: string | undefined, m = '', s = '', fraction = ''): number | null {
  if (Number(m) > 59 || Number(s) > 59) return null;
  return ((Number(h ?? 0) * 60 + Number(m)) * 60 + Number(s)) * 1000 + Number(fraction.padEnd(3, '0'));
}

function clock(ms: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const seconds = Math.floor(ms / 1000);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}.${String(ms % 1000).padStart(3, '0')}`;
}

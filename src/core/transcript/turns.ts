import { CodePointIndex } from '../text/codePoints.js';

/**
 * Speaker-turn detection on canonical text (pure, no I/O).
 *
 * A turn starts at a line whose first non-blank characters are a speaker prefix and runs to
 * the end of the text before the next turn's line, trailing whitespace (blank lines
 * included) excluded. So a turn's range `[start, end)`, in code points, covers its prefix
 * line (timestamp and label included) and every line up to the next prefix line. Text before
 * the first turn belongs to no turn.
 *
 * A speaker prefix is a label followed by `:` and a space or the line end:
 * - the label is 1–3 capitalised words (`I`, `IP`, `Albin`, `Anna-Karin`, `Dr Smith`), the
 *   roles `Intervjuare`, `Interviewer`, `Respondent` are such words, optionally followed by a
 *   number (`IP1`, `Respondent 2`, and WhisperX's diarized `SPEAKER_00`);
 * - a timestamp may come before the label (`[00:01:02] Albin:`, `00:01:02 Albin:`) or, in
 *   brackets, after it (`Albin (00:01:02):`, `Albin [00:01:02]:`);
 * - Markdown emphasis around the label is allowed (`**Albin:**`, `**Albin**:`).
 * Capitalised words that usually head a note rather than a speaker (Obs, Note, Tabell, …,
 * see STOP_WORDS) are refused. `Fråga:`/`Svar:` and `Question:`/`Answer:` are kept: in
 * transcripts they label the interviewer and the interviewee.
 */

/** Labels that look like names but head notes, captions and metadata lines. */
const STOP_WORDS = new Set(
  (
    'obs nb ps note notera anm anmärkning kommentar comment tabell table figur figure bild ' +
    'bilaga appendix källa source exempel example datum date tid time plats place location ' +
    'ämne subject titel title rubrik längd duration deltagare participants intervju interview ' +
    'transkribering transcript sammanfattning summary se see ref http https www'
  ).split(' '),
);

const TS = String.raw`\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
const WORD = String.raw`\p{Lu}[\p{L}\p{M}'’\-]*\.?`;
const PREFIX = new RegExp(
  String.raw`^(?:(?:\[(?<t1>${TS})\]|\((?<t2>${TS})\)|(?<t3>${TS}))[ \t]+)?` +
    String.raw`(?<em>\*{1,2}|_{1,2})?` +
    String.raw`(?<name>${WORD}(?: ${WORD}){0,2}(?:[ _]?\d{1,3})?)` +
    String.raw`(?:[ \t]*(?:\[(?<t4>${TS})\]|\((?<t5>${TS})\)))?` +
    String.raw`\k<em>? ?:\k<em>?(?=\s|$)`,
  'u',
);

export interface SpeakerPrefix {
  speaker: string;
  startMs: number | null;
  /** UTF-16 length of the prefix (label, timestamp, colon) within the line. */
  length: number;
}

/** The speaker prefix at the start of `line`, or null. Shared with the subtitle importers. */
export function matchSpeakerPrefix(line: string): SpeakerPrefix | null {
  const m = PREFIX.exec(line);
  const g = m?.groups;
  if (!m || !g?.name) return null;
  const speaker = g.name.trim();
  const firstWord = (speaker.split(/[ \d]/)[0] ?? '').replace(/\.$/, '').toLowerCase();
  if (STOP_WORDS.has(firstWord)) return null;
  const ts = g.t1 ?? g.t2 ?? g.t3 ?? g.t4 ?? g.t5;
  return { speaker, startMs: ts ? parseClock(ts) : null, length: m[0].length };
}

/** `h:mm:ss`, `mm:ss`, with optional `.mmm`/`,mmm` fraction, to milliseconds. */
export function parseClock(ts: string): number {
  const [clock = '', frac = ''] = ts.split(/[.,]/);
  const parts = clock.split(':').map(Number);
  let seconds = 0;
  for (const p of parts) seconds = seconds * 60 + p;
  const ms = frac ? Number(frac.padEnd(3, '0').slice(0, 3)) : 0;
  return seconds * 1000 + ms;
}

/**
 * A speaker's stretch of a transcript: `[start, end)` in code points of the canonical text.
 * `speaker` is the label as written (`I`, `IP`, `Albin`), null when unknown; the times are
 * milliseconds from the start of the recording, when the file carries them.
 */
export interface SpeakerTurn {
  start: number;
  end: number;
  speaker: string | null;
  startMs: number | null;
  endMs: number | null;
}

interface RawTurn {
  lineStart: number;
  start: number;
  speaker: string;
  startMs: number | null;
}

/** Detect speaker turns; fewer than two turns means the text is not a transcript: `[]`. */
export function detectTurns(text: string): SpeakerTurn[] {
  const raw: RawTurn[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? text.length : nl;
    const line = text.slice(lineStart, lineEnd);
    const indent = line.length - line.trimStart().length;
    const prefix = matchSpeakerPrefix(line.slice(indent));
    if (prefix) raw.push({ lineStart, start: lineStart + indent, ...prefix });
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  if (raw.length < 2) return [];
  const index = new CodePointIndex(text);
  return raw.map((turn, i) => {
    const next = raw[i + 1];
    let end = next ? next.lineStart : text.length;
    while (end > turn.start && /\s/.test(text.charAt(end - 1))) end--;
    return {
      start: index.toCodePoint(turn.start),
      end: index.toCodePoint(end),
      speaker: turn.speaker,
      startMs: turn.startMs,
      endMs: next?.startMs ?? null,
    };
  });
}

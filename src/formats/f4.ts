import { invalid } from '../core/errors.js';
import { matchSpeakerPrefix } from '../core/transcript/turns.js';
import type { TimedParagraph } from './timedTurns.js';

/**
 * f4/f5 transcripts (audiotranskription.de): the time is written where a paragraph ends,
 * `#00:01:23-4#` (tenths after the dash). A paragraph runs to the line that holds a stamp; it
 * ends at its last stamp and starts where the paragraph before it ended (the first at 0: f4
 * transcribes a recording from its start); a heading before the first stamp has no time. Stamps
 * are taken out of the text.
 */
const STAMP = /#(\d{1,2}):(\d{2}):(\d{2})(?:-(\d{1,2}))?#/g;

export function hasF4Stamps(text: string): boolean {
  return new RegExp(STAMP.source).test(text);
}

function stampMs(m: RegExpExecArray, file: string, line: number): number {
  const [whole, h = '0', min = '0', s = '0', fraction = ''] = m;
  if (Number(min) > 59 || Number(s) > 59) throw invalid('import.timestamp', { file, line, stamp: whole });
  return ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1000 + Math.round(Number(`0.${fraction || '0'}`) * 1000);
}

/** The paragraphs of an f4 text; a stamp earlier than the one before is refused with its line. */
export function f4Paragraphs(text: string, file: string): TimedParagraph[] {
  const out: TimedParagraph[] = [];
  let open: string[] = [];
  let lastMs = 0;
  let stamped = false;
  const close = (endMs: number | null) => {
    const body = open.join('\n').trim();
    open = [];
    if (body === '') return;
    const prefix = matchSpeakerPrefix(body);
    out.push({
      speaker: prefix?.speaker ?? null,
      text: prefix ? body.slice(prefix.length) : body,
      // Lines before the first stamp that no stamp ends (a heading, the date) have no time.
      startMs: stamped || endMs !== null ? lastMs : null,
      endMs,
    });
  };
  text.split('\n').forEach((raw, i) => {
    let last: number | null = null;
    for (const m of raw.matchAll(STAMP)) {
      const ms = stampMs(m, file, i + 1);
      if (ms < (last ?? lastMs)) throw invalid('import.timestamp-order', { file, line: i + 1 });
      last = ms;
    }
    const line = raw.replace(STAMP, '').replace(/[ \t]+$/, '');
    // A speaker label starts a new paragraph even when the one before had no stamp.
    if (line.trim() !== '' && matchSpeakerPrefix(line.trim()) && open.some((l) => l.trim() !== '')) close(null);
    open.push(line);
    if (last !== null) {
      close(last);
      lastMs = last;
      stamped = true;
    }
  });
  close(null);
  return out;
}

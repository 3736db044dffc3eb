import { invalid } from '../core/errors.js';
import { parseClock } from '../core/transcript/turns.js';
import { blocks } from './cues.js';
import type { TimedParagraph } from './timedTurns.js';

/**
 * Otter.ai text exports: blocks of a heading line `Speaker Name  0:03` (the speaker as named in
 * Otter, then the time the turn starts, `m:ss` or `h:mm:ss`; the time alone when the export leaves
 * speaker names out) and the turn's text below it. A turn
 * ends where the next starts (the last has no end). The free plan's closing line
 * `Transcribed by https://otter.ai` is left out. A text is read as Otter's only when every block
 * has such a heading and a text under it.
 */
const HEADING = /^(?:(\S.*?)[ \t]+)?((?:\d{1,2}:)?\d{1,2}:\d{2})[ \t]*$/;
const CREDIT = /^Transcribed by https?:\/\/otter\.ai\/?$/i;

/** The turns of an Otter export, or null when the text is not one. */
export function otterParagraphs(text: string, file: string): TimedParagraph[] | null {
  const all = blocks(text).filter((b) => !(b.lines.length === 1 && CREDIT.test(b.lines[0]?.trim() ?? '')));
  if (all.length === 0) return null;
  const headed = all.map((b) => ({ block: b, heading: HEADING.exec(b.lines[0]?.trim() ?? '') }));
  if (headed.some((h) => !h.heading || h.block.lines.length < 2)) return null;
  const out: TimedParagraph[] = headed.map(({ block, heading }) => ({
    speaker: heading?.[1]?.trim() || null,
    text: block.lines.slice(1).join('\n'),
    startMs: parseClock(heading?.[2] ?? ''),
    endMs: null,
  }));
  out.forEach((p, i) => {
    const next = out[i + 1];
    if (next && (next.startMs ?? 0) < (p.startMs ?? 0))
      throw invalid('import.timestamp-order', { file, line: headed[i + 1]?.block.line ?? 0 });
    p.endMs = next?.startMs ?? null;
  });
  return out;
}

import { utf16Offset } from '../text/codePoints.js';
import type { Utf16Input, Utf16Offset } from '../text/offsetUnits.js';
import { matchSpeakerPrefix } from '../transcript/turns.js';

/**
 * Where the speaker label heading the line at `lineStart` ends: a UTF-16 index into `text`,
 * after the label's timestamp, name and colon (`[00:01:02] Albin:`, `Albin (01:02):`) and the
 * spaces that follow it on its line. A label is a speaker prefix as turn detection reads it, or
 * the turn's own `speaker` (a subtitle voice tag, written as `anna: …`) followed by a colon. Null
 * when the line holds no label. The one rule for what the browser sets in bold and which words
 * auto-coding counts as the speaker's.
 */
export function speakerLabelEnd<S extends number, L extends number>(
  text: string,
  lineStart: S & Utf16Input<S>,
  limit: L & Utf16Input<L>,
  speaker: string | null = null,
): Utf16Offset | null {
  const lineEnd = text.indexOf('\n', lineStart);
  const line = text.slice(lineStart, lineEnd === -1 || lineEnd > limit ? limit : lineEnd);
  const indent = line.length - line.trimStart().length;
  const label = labelLength(line.slice(indent), speaker);
  if (label === null) return null;
  let end = indent + label;
  while (line.charAt(end) === ' ' || line.charAt(end) === '\t') end++;
  return utf16Offset(lineStart + end);
}

function labelLength(line: string, speaker: string | null): number | null {
  const prefix = matchSpeakerPrefix(line);
  if (prefix) return prefix.length;
  return speaker && line.startsWith(`${speaker}:`) ? speaker.length + 1 : null;
}

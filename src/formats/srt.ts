import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { blocks, type Cue, cuesToSource, hasCueTimings, timedCue } from './cues.js';
import { decodeText } from './txt.js';
import type { ParsedSource } from './types.js';

/**
 * SubRip import (parsed by hand, see cues.ts): blocks of an optional index line, a timing line
 * `hh:mm:ss,mmm --> hh:mm:ss,mmm` and text lines. Speakers come from `Name:` prefixes.
 */
const SRT_TIME = String.raw`(\d+):(\d{2}):(\d{2})[,.](\d{1,3})`;
const SRT_TIMING = new RegExp(String.raw`^\s*${SRT_TIME}\s*-->\s*${SRT_TIME}`);

/**
 * The cues of a SubRip file. A block without a timing line continues the previous cue's text
 * (a blank line inside a cue); one that starts with a cue number but has no well-formed timing
 * is refused with its line number (never skipped).
 */
export function parseSrtCues(text: string, file: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of blocks(text)) {
    const at = block.lines.findIndex((l) => l.includes('-->'));
    const last = cues[cues.length - 1];
    const numbered = /^\d+$/.test(block.lines[0]?.trim() ?? '');
    if (at === 0 || at === 1) cues.push(timedCue(block, at, SRT_TIMING, file));
    else if (last && !numbered) last.lines.push(...block.lines);
    else throw invalid('import.cue-timing', { file, line: block.line + (numbered ? 1 : 0) });
  }
  return cues;
}

export async function importSrt(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const text = canonicalText(decodeText(bytes, fileName));
  if (!hasCueTimings(text)) throw invalid('import.corrupt', { file: fileName, format: 'srt' });
  return cuesToSource(parseSrtCues(text, fileName), 'srt', 'application/x-subrip', fileName);
}

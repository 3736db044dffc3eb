import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { blocks, type Cue, cuesToSource, hasCueTimings, timedCue } from './cues.js';
import { decodeText } from './txt.js';
import type { ParsedSource } from './types.js';

/**
 * WebVTT import. WebVTT and SRT are small, line-based formats, so we parse them ourselves
 * rather than add a dependency; cues.ts turns the cues into a transcript. Voice tags
 * (`<v Albin>`, `<v.loud Albin>`) name speakers.
 */

const VTT_TIME = String.raw`(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})`;
const VTT_TIMING = new RegExp(String.raw`^\s*${VTT_TIME}\s+-->\s+${VTT_TIME}(?:\s|$)`);

/**
 * The cues of a WebVTT file. A block that is neither the header, a NOTE, STYLE or REGION block
 * nor a cue with a well-formed timing is refused with its line number (never skipped).
 */
export function parseVttCues(text: string, file: string): Cue[] {
  const cues: Cue[] = [];
  const all = blocks(text);
  if (all[0]?.lines[0]?.startsWith('WEBVTT')) all.shift();
  for (const block of all) {
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block.lines[0] ?? '')) continue;
    // The timing is the first line, or the second after a cue identifier.
    const at = block.lines.findIndex((l) => l.includes('-->'));
    if (at < 0 || at > 1) throw invalid('import.cue-timing', { file, line: block.line });
    cues.push(timedCue(block, at, VTT_TIMING, file));
  }
  return cues;
}

export async function importVtt(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const text = canonicalText(decodeText(bytes, fileName));
  if (!hasCueTimings(text)) throw invalid('import.corrupt', { file: fileName, format: 'vtt' });
  return cuesToSource(parseVttCues(text, fileName), 'vtt', 'text/vtt', fileName);
}

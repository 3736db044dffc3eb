import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { blocks, type Cue, cuesToSource, timeMs } from './cues.js';
import { decodeText } from './txt.js';
import type { ParsedSource } from './types.js';

/**
 * SubRip import (parsed by hand, see cues.ts): blocks of an optional index line, a timing line
 * `hh:mm:ss,mmm --> hh:mm:ss,mmm` and text lines. Speakers come from `Name:` prefixes.
 */
const SRT_TIME = String.raw`(\d+):(\d{2}):(\d{2})[,.](\d{1,3})`;
const SRT_TIMING = new RegExp(String.raw`^\s*${SRT_TIME}\s*-->\s*${SRT_TIME}`);

export function parseSrtCues(text: string): Cue[] {
  const cues: Cue[] = [];
  for (const block of blocks(text)) {
    const at = block.findIndex((l) => SRT_TIMING.test(l));
    if (at < 0 || at > 1) {
      // A blank line inside a cue's text (common in hand-edited files) splits the block.
      const last = cues[cues.length - 1];
      if (last && !/^\d+$/.test(block[0]?.trim() ?? '')) last.lines.push(...block);
      continue;
    }
    const m = SRT_TIMING.exec(block[at] ?? '');
    if (!m) continue;
    const [, h1, m1 = '', s1 = '', f1 = '', h2, m2 = '', s2 = '', f2 = ''] = m;
    cues.push({ startMs: timeMs(h1, m1, s1, f1), endMs: timeMs(h2, m2, s2, f2), lines: block.slice(at + 1) });
  }
  return cues;
}

export async function importSrt(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const cues = parseSrtCues(canonicalText(decodeText(bytes, fileName)));
  if (cues.length === 0) throw invalid('import.corrupt', { file: fileName, format: 'srt' });
  return cuesToSource(cues, 'srt', 'application/x-subrip', fileName);
}

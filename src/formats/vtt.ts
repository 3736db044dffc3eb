import { invalid } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { blocks, type Cue, cuesToSource, timeMs } from './cues.js';
import { decodeText } from './txt.js';
import type { ParsedSource } from './types.js';

/**
 * WebVTT import. WebVTT and SRT are small, line-based formats, so we parse them ourselves
 * rather than add a dependency; cues.ts turns the cues into a transcript. Voice tags
 * (`<v Albin>`, `<v.loud Albin>`) name speakers.
 */

const VTT_TIME = String.raw`(?:(\d+):)?(\d{2}):(\d{2})[.,](\d{3})`;
const VTT_TIMING = new RegExp(String.raw`^\s*${VTT_TIME}\s+-->\s+${VTT_TIME}(?:\s|$)`);

export function parseVttCues(text: string): Cue[] {
  const cues: Cue[] = [];
  const all = blocks(text);
  if (all[0]?.[0]?.startsWith('WEBVTT')) all.shift();
  for (const block of all) {
    if (/^(NOTE|STYLE|REGION)(\s|$)/.test(block[0] ?? '')) continue;
    const at = block.findIndex((l) => l.includes('-->'));
    if (at < 0 || at > 1) continue;
    const m = VTT_TIMING.exec(block[at] ?? '');
    if (!m) continue;
    const [, h1, m1 = '', s1 = '', f1 = '', h2, m2 = '', s2 = '', f2 = ''] = m;
    cues.push({ startMs: timeMs(h1, m1, s1, f1), endMs: timeMs(h2, m2, s2, f2), lines: block.slice(at + 1) });
  }
  return cues;
}

export async function importVtt(bytes: Uint8Array, fileName: string): Promise<ParsedSource> {
  const cues = parseVttCues(canonicalText(decodeText(bytes, fileName)));
  if (cues.length === 0) throw invalid('import.corrupt', { file: fileName, format: 'vtt' });
  return cuesToSource(cues, 'vtt', 'text/vtt', fileName);
}

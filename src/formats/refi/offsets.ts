import { canonicalWithMap, type MappedText, type RawReading } from '../../core/text/canonicalMap.js';
import { CodePointIndex } from '../../core/text/codePoints.js';

/**
 * How to read the selection offsets of one REFI-QDA text source. The standard counts code points
 * of the file from 0; ATLAS.ti counts `\r\n` as one character, and a byte-order mark may or may
 * not count. When the text has neither, there is nothing to decide. Otherwise each reading is
 * tried and the one under which the selections fit the text, and their names (ATLAS.ti and
 * others name a selection by its first words) match what they select, wins; on a tie `\r\n`
 * counts as one and the BOM not at all (the common case, and how Koda counts).
 */
export interface SelectionProbe {
  start: number;
  end: number;
  name: string | null;
}

export interface ChosenReading {
  mapped: MappedText;
  reading: RawReading;
  /** True when the text had `\r\n` or a BOM, so a choice was made. */
  decided: boolean;
}

export function chooseReading(raw: string, probes: SelectionProbe[]): ChosenReading {
  const hasCrlf = raw.includes('\r\n');
  const hasBom = raw.startsWith('\uFEFF');
  const readings: RawReading[] = [{ bomCounted: false, crlf: 'one' }];
  if (hasCrlf) readings.push({ bomCounted: false, crlf: 'two' });
  if (hasBom) {
    readings.push({ bomCounted: true, crlf: 'one' });
    if (hasCrlf) readings.push({ bomCounted: true, crlf: 'two' });
  }
  const first = readings[0] as RawReading;
  if (readings.length === 1 || probes.length === 0)
    return { mapped: canonicalWithMap(raw, first), reading: first, decided: readings.length > 1 };
  let best: { mapped: MappedText; reading: RawReading; score: [number, number] } | null = null;
  for (const reading of readings) {
    const mapped = canonicalWithMap(raw, reading);
    const score = scoreReading(mapped, probes);
    if (!best || score[0] > best.score[0] || (score[0] === best.score[0] && score[1] > best.score[1]))
      best = { mapped, reading, score };
  }
  const chosen = best as NonNullable<typeof best>;
  return { mapped: chosen.mapped, reading: chosen.reading, decided: true };
}

/** [names that match what they select, selections that fit the text]. */
function scoreReading(mapped: MappedText, probes: SelectionProbe[]): [number, number] {
  const index = new CodePointIndex(mapped.text);
  let names = 0;
  let fits = 0;
  for (const p of probes) {
    const start = mapped.map(p.start);
    const end = mapped.map(p.end);
    if (start === null || end === null || end <= start) continue;
    fits++;
    if (p.name && nameMatches(p.name, index.slice(start, end))) names++;
  }
  return [names, fits];
}

const squash = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/**
 * Whether a selection's name is its own text (or the start of it, cut with `…`): then the name
 * says nothing the text does not, and it helps tell how the offsets were counted.
 */
export function nameMatches(name: string, selected: string): boolean {
  const wanted = squash(name.replace(/(…|\.\.\.)$/, ''));
  const got = squash(selected);
  if (wanted.length < 3) return wanted === got;
  return got.startsWith(wanted) || (got.length >= 3 && wanted.startsWith(got));
}

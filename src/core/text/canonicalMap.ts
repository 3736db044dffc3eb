/**
 * Canonical text with an offset map: for text that arrives with offsets counted on its raw form
 * (REFI-QDA selections count code points of the exported file), the canonical text Koda stores
 * (see canonical.ts) and a map from each raw offset to the canonical code point offset.
 *
 * Exporters disagree on how to count: ATLAS.ti counts `\r\n` as one character, a tool that
 * counts code points literally counts it as two; a byte-order mark may or may not count. The
 * caller says which reading to apply. NFC normalisation can merge characters (`e` + U+0301 →
 * `é`), so offsets are mapped through it too, never assumed unchanged.
 */
export interface RawReading {
  /** Whether a leading U+FEFF counts as character 0. */
  bomCounted: boolean;
  /** How `\r\n` counts: as one character or as two. */
  crlf: 'one' | 'two';
}

export interface MappedText {
  /** The canonical text: NFC, `\n` line ends, no BOM. */
  text: string;
  /** Number of raw offsets that exist: the raw text's length in the reading's units. */
  rawLength: number;
  /** The canonical offset of raw offset `offset` (0…rawLength), or null when out of range. */
  map(offset: number): number | null;
  /** True when raw offset `offset` falls inside a character that NFC composed (e.g. between `e` and U+0301). */
  splitsCharacter(offset: number): boolean;
}

/** Longest cluster whose inner boundaries are mapped exactly; inside longer ones they map to its start. */
const MAX_CLUSTER = 64;

export function canonicalWithMap(raw: string, reading: RawReading): MappedText {
  // 1. Raw units → code points of the line-end-normalised text (before NFC).
  const units: number[] = [];
  const pre: string[] = [];
  let i = 0;
  if (raw.startsWith('\uFEFF')) {
    if (reading.bomCounted) units.push(0);
    i = 1;
  }
  while (i < raw.length) {
    const cp = raw.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (cp === 0x0d && raw.charCodeAt(i + 1) === 0x0a) {
      units.push(pre.length);
      if (reading.crlf === 'two') units.push(pre.length + 1);
      pre.push('\n');
      i += 2;
      continue;
    }
    units.push(pre.length);
    pre.push(cp === 0x0d || cp === 0x2028 || cp === 0x2029 ? '\n' : String.fromCodePoint(cp));
    i += width;
  }
  units.push(pre.length);

  // 2. Pre-NFC code points → canonical code points, one cluster at a time. A cluster starts at
  // a character that NFC never joins to what precedes it (not a combining mark, not a Hangul
  // vowel or final jamo), so NFC of the whole is the concatenation of NFC of the clusters.
  const toCanon = new Int32Array(pre.length + 1);
  const split = new Uint8Array(pre.length + 1);
  const out: string[] = [];
  let canon = 0;
  let start = 0;
  while (start < pre.length) {
    let end = start + 1;
    while (end < pre.length && !startsCluster(pre[end] as string)) end++;
    const chunk = pre.slice(start, end);
    const joined = chunk.join('');
    const nfc = joined.normalize('NFC');
    if (nfc === joined) {
      for (let k = 0; k < chunk.length; k++) toCanon[start + k] = canon + k;
      canon += chunk.length;
    } else {
      const nfcLength = [...nfc].length;
      toCanon[start] = canon;
      for (let k = 1; k < chunk.length; k++) {
        // Inside a cluster NFC changed: a boundary maps to where the normalised head ends, and
        // is flagged when that head is not a clean prefix (the boundary cut a composed character).
        const head = chunk.length <= MAX_CLUSTER ? chunk.slice(0, k).join('').normalize('NFC') : '';
        const clean = head !== '' && nfc.startsWith(head);
        if (!clean) split[start + k] = 1;
        toCanon[start + k] = canon + Math.min([...head].length, nfcLength);
      }
      canon += nfcLength;
    }
    out.push(nfc);
    start = end;
  }
  toCanon[pre.length] = canon;

  const rawLength = units.length - 1;
  return {
    text: out.join(''),
    rawLength,
    map: (offset) => (Number.isInteger(offset) && offset >= 0 && offset <= rawLength ? toCanon[units[offset] as number]! : null),
    splitsCharacter: (offset) =>
      Number.isInteger(offset) && offset >= 0 && offset <= rawLength && split[units[offset] as number] === 1,
  };
}

const MARK = /\p{M}/u;

function startsCluster(ch: string): boolean {
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x300) return true;
  if ((cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11a8 && cp <= 0x11c2)) return false;
  return !MARK.test(ch);
}

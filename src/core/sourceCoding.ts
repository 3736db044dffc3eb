/**
 * The coding of one source as the document view draws it, and its shape on the wire (issue 17:
 * the view's answer for 10,000 segments was 1.46 MB of repeated objects). The server packs, the
 * browser unpacks: one home for both directions, so they cannot drift apart.
 */

/** A coded span of the source: offsets in code points of its canonical text, `memo` '' for none. */
export interface CodedSpan {
  id: string;
  start: number;
  end: number;
  /** The code's id. */
  code: string;
  /** The coder's name (their layer). */
  coder: string;
  memo: string;
}

/**
 * Columns, one entry per segment at the same index, each code and coder given once: no key is
 * repeated per segment, and numbers stay numbers (fast to parse). Memos are few: only those
 * written are sent, by segment id.
 */
export interface PackedCoding {
  codes: string[];
  coders: string[];
  ids: string[];
  starts: number[];
  ends: number[];
  /** Index into `codes`. */
  code: number[];
  /** Index into `coders`. */
  coder: number[];
  memos: Record<string, string>;
}

/**
 * Packs spans one at a time, in the order they are added: the server adds each row as it reads
 * it, so no span object is made per segment (with the server's small young generation, 10,000 of
 * them outlived it and were promoted before they died; getSourceCoding gives the numbers).
 */
export class CodingPacker {
  readonly packed: PackedCoding = { codes: [], coders: [], ids: [], starts: [], ends: [], code: [], coder: [], memos: {} };
  private readonly codeIx = indexer(this.packed.codes);
  private readonly coderIx = indexer(this.packed.coders);

  add(id: string, start: number, end: number, code: string, coder: string, memo: string): void {
    const out = this.packed;
    if (memo) out.memos[id] = memo;
    out.ids.push(id);
    out.starts.push(start);
    out.ends.push(end);
    out.code.push(this.codeIx(code));
    out.coder.push(this.coderIx(coder));
  }
}

export function unpackCoding(packed: PackedCoding): CodedSpan[] {
  return packed.ids.map((id, i) => ({
    id,
    start: packed.starts[i] as number,
    end: packed.ends[i] as number,
    code: packed.codes[packed.code[i] as number] as string,
    coder: packed.coders[packed.coder[i] as number] as string,
    memo: packed.memos[id] ?? '',
  }));
}

/**
 * A function giving each distinct value its index in `list`, adding it on first sight. Runs of
 * one code or one coder are common, so the last value is compared before the map is asked: each
 * row brings a new string, and hashing it was a tenth of the server's work for the document view.
 */
function indexer(list: string[]): (value: string) => number {
  const seen = new Map<string, number>();
  let last: string | undefined;
  let lastIx = -1;
  return (value) => {
    if (value === last) return lastIx;
    let ix = seen.get(value);
    if (ix === undefined) {
      ix = list.length;
      list.push(value);
      seen.set(value, ix);
    }
    last = value;
    lastIx = ix;
    return ix;
  };
}

/**
 * The places where two codes co-occur, for listing what a co-occurrence cell counts, in the
 * sense the counts use (src/core/queries/cooccurrence.ts): `overlap` lists each overlapping pair
 * of a segment of one code with a segment of the other; `turn` and `paragraph` list each unit
 * (speaker turn or paragraph) that a segment of each code overlaps. Offsets are code points.
 */
export interface Coded {
  id: string;
  source: { id: string; name: string };
  start: number;
  end: number;
}

export interface Place<S extends Coded> {
  source: S['source'];
  /** The pair's extent, or the unit. */
  start: number;
  end: number;
  a: S[];
  b: S[];
}

const overlaps = (x: { start: number; end: number }, y: { start: number; end: number }) => x.start < y.end && y.start < x.end;

function bySource<S extends Coded>(list: readonly S[]): Map<string, S[]> {
  const out = new Map<string, S[]>();
  for (const s of list) {
    const l = out.get(s.source.id);
    if (l) l.push(s);
    else out.set(s.source.id, [s]);
  }
  return out;
}

const inOrder = <S extends Coded>(x: Place<S>, y: Place<S>) =>
  (x.source.name < y.source.name ? -1 : x.source.name > y.source.name ? 1 : 0) || x.start - y.start || x.end - y.end;

/** Each overlapping pair (a segment of `a` with a segment of `b`), in reading order. */
export function overlapPlaces<S extends Coded>(a: readonly S[], b: readonly S[]): Place<S>[] {
  const out: Place<S>[] = [];
  const bs = bySource(b);
  for (const x of a) {
    for (const y of bs.get(x.source.id) ?? []) {
      if (x.id === y.id || !overlaps(x, y)) continue;
      out.push({ source: x.source, start: Math.min(x.start, y.start), end: Math.max(x.end, y.end), a: [x], b: [y] });
    }
  }
  return out.sort(inOrder);
}

/** Each unit of `units` (per source id, any order) holding a segment of `a` and one of `b`. */
export function unitPlaces<S extends Coded>(
  units: ReadonlyMap<string, readonly { start: number; end: number }[]>,
  a: readonly S[],
  b: readonly S[],
): Place<S>[] {
  const out: Place<S>[] = [];
  const as = bySource(a);
  const bs = bySource(b);
  for (const [sourceId, inA] of as) {
    const inB = bs.get(sourceId);
    if (!inB) continue;
    for (const u of units.get(sourceId) ?? []) {
      const ua = inA.filter((s) => overlaps(s, u));
      const ub = inB.filter((s) => overlaps(s, u));
      if (ua.length > 0 && ub.length > 0) out.push({ source: (ua[0] as S).source, start: u.start, end: u.end, a: ua, b: ub });
    }
  }
  return out.sort(inOrder);
}

/** Sources holding segments of both codes: the only ones whose units need fetching. */
export function sharedSources(a: readonly Coded[], b: readonly Coded[]): string[] {
  const inB = new Set(b.map((s) => s.source.id));
  return [...new Set(a.map((s) => s.source.id))].filter((id) => inB.has(id));
}

import type { TimeSpan } from './transcript/timeSpan.js';

/**
 * A page of retrieval as it travels (issue 17: lean answers). Each segment names its source,
 * code, coder and case by an index into the page's small tables, so a name and an id travel once
 * per page rather than once per segment; what is empty (no memo, no speaker, no time) is left
 * out. Packed by the server (commands/helpers/retrieval.ts), unpacked by the web.
 */
export interface SegmentPage {
  segments: PackedSegment[];
  sources: { id: string; name: string }[];
  codes: { id: string; name: string; color: string }[];
  /** Coders by name, as the lists show them. */
  coders: string[];
  cases: { id: string; name: string }[];
  /** Where the next page begins (the route's `after`); null on the last page. */
  next: string | null;
  /** How many segments the whole list holds, when known without reading it all (no case or speaker filter). */
  total: number | null;
}

export interface PackedSegment {
  id: string;
  source: number;
  code: number;
  coder: number;
  case?: number;
  start: number;
  end: number;
  /** The segment's stored quote. */
  text: string;
  memo?: string;
  speaker?: string;
  startMs?: number;
  /** Where the words are heard in the source's recording. */
  span?: TimeSpan;
  /** An edit of the text left its words missing or ambiguous: `text` is the words it was made on. */
  broken?: true;
}

/** One segment as the lists draw it: its source, case and code named. */
export interface RetrievedSegment {
  id: string;
  source: { id: string; name: string };
  case: { id: string; name: string } | null;
  code: { id: string; name: string; color: string };
  coder: string;
  start: number;
  end: number;
  text: string;
  memo: string;
  speaker: string | null;
  startMs: number | null;
  span: TimeSpan | null;
  broken: boolean;
}

/** Packs segments for the wire: tables of the sources, codes, coders and cases they name. */
export function packSegments(segments: readonly RetrievedSegment[]): Omit<SegmentPage, 'next' | 'total'> {
  const packer = new SegmentPacker();
  return { segments: segments.map(packer.pack), ...packer.tables() };
}

/**
 * Packs segments one after another against tables filled as they come, so a long list can be
 * written out as it is read and its tables after it (packSegments packs a whole list at once).
 */
export class SegmentPacker {
  private readonly sources = new Table<RetrievedSegment['source']>();
  private readonly codes = new Table<RetrievedSegment['code']>();
  private readonly coders = new Table<string>();
  private readonly cases = new Table<{ id: string; name: string }>();

  readonly pack = (s: RetrievedSegment): PackedSegment => {
    const p: PackedSegment = {
      id: s.id,
      source: this.sources.index(s.source.id, s.source),
      code: this.codes.index(s.code.id, s.code),
      coder: this.coders.index(s.coder, s.coder),
      start: s.start,
      end: s.end,
      text: s.text,
    };
    if (s.case) p.case = this.cases.index(s.case.id, s.case);
    if (s.memo) p.memo = s.memo;
    if (s.speaker !== null) p.speaker = s.speaker;
    if (s.startMs !== null) p.startMs = s.startMs;
    if (s.span) p.span = s.span;
    if (s.broken) p.broken = true;
    return p;
  };

  /** The tables of the segments packed so far. */
  tables(): Omit<SegmentPage, 'segments' | 'next' | 'total'> {
    return { sources: this.sources.items, codes: this.codes.items, coders: this.coders.items, cases: this.cases.items };
  }
}

/** The page's segments as the lists draw them (the inverse of packSegments). */
export function unpackSegments(page: Omit<SegmentPage, 'next' | 'total'>): RetrievedSegment[] {
  return page.segments.map((p) => ({
    id: p.id,
    source: page.sources[p.source] ?? { id: '', name: '' },
    case: p.case === undefined ? null : (page.cases[p.case] ?? null),
    code: page.codes[p.code] ?? { id: '', name: '', color: '' },
    coder: page.coders[p.coder] ?? '',
    start: p.start,
    end: p.end,
    text: p.text,
    memo: p.memo ?? '',
    speaker: p.speaker ?? null,
    startMs: p.startMs ?? null,
    span: p.span ?? null,
    broken: p.broken === true,
  }));
}

/** Items kept once each, in the order first met, by key. */
class Table<T> {
  readonly items: T[] = [];
  private readonly at = new Map<string, number>();

  index(key: string, item: T): number {
    let i = this.at.get(key);
    if (i === undefined) {
      i = this.items.push(item) - 1;
      this.at.set(key, i);
    }
    return i;
  }
}

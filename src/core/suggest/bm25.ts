/**
 * Okapi BM25 over the Snowball stems Koda already computes (core/queries/stemming.ts). Written
 * here rather than taken from a search library: it is twenty lines, it must rank by Koda's own
 * stems and units (sentences, turns) exactly as search and auto-coding see them, and each score
 * must split into per-stem contributions, so a suggestion can say which words made it similar.
 *
 * A "document" is one unit of text: its stems with repeats. With N units, n(t) of them holding
 * stem t, a unit's length |d| in stems and the mean length avgdl:
 *   idf(t)   = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5))        (never negative)
 *   w(t, d)  = idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·|d| / avgdl))
 *   score(d) = Σ_t q(t) · w(t, d)   over the query's stems t with their weights q(t).
 */
export interface Bm25Parameters {
  /** Term-frequency saturation: how much a stem's second, third… occurrence still adds. */
  k1: number;
  /** Length normalisation: 0 none, 1 full. */
  b: number;
}

export const BM25_DEFAULTS: Bm25Parameters = { k1: 1.2, b: 0.75 };

/** A unit's score and what each query stem gave to it. */
export interface Bm25Score {
  score: number;
  /** Stem → its part of the score; only stems the unit holds. */
  parts: Map<string, number>;
}

export class Bm25Index {
  private readonly tf: Map<string, number>[];
  private readonly lengths: number[];
  private readonly df = new Map<string, number>();
  private readonly avgdl: number;

  /** `units`: each unit's stems in order, repeats kept. */
  constructor(
    units: readonly (readonly string[])[],
    readonly parameters: Bm25Parameters = BM25_DEFAULTS,
  ) {
    this.tf = units.map((stems) => {
      const counts = new Map<string, number>();
      for (const s of stems) counts.set(s, (counts.get(s) ?? 0) + 1);
      for (const s of counts.keys()) this.df.set(s, (this.df.get(s) ?? 0) + 1);
      return counts;
    });
    this.lengths = units.map((u) => u.length);
    const total = this.lengths.reduce((a, b) => a + b, 0);
    this.avgdl = units.length > 0 ? total / units.length : 0;
  }

  get size(): number {
    return this.tf.length;
  }

  idf(stem: string): number {
    const n = this.df.get(stem) ?? 0;
    const N = this.tf.length;
    return Math.log(1 + (N - n + 0.5) / (n + 0.5));
  }

  /** Unit `i` scored against a weighted query (stem → weight). */
  score(i: number, query: ReadonlyMap<string, number>): Bm25Score {
    const counts = this.tf[i];
    const parts = new Map<string, number>();
    if (!counts || this.avgdl === 0) return { score: 0, parts };
    const { k1, b } = this.parameters;
    const norm = k1 * (1 - b + (b * (this.lengths[i] ?? 0)) / this.avgdl);
    let score = 0;
    for (const [stem, weight] of query) {
      const tf = counts.get(stem);
      if (!tf) continue;
      const part = weight * this.idf(stem) * ((tf * (k1 + 1)) / (tf + norm));
      parts.set(stem, part);
      score += part;
    }
    return { score, parts };
  }
}

import { type StemLanguage, stemmer } from '../queries/stemming.js';
import { words } from '../queries/words.js';
import { Bm25Index, type Bm25Parameters } from './bm25.js';

/**
 * Ranking for "find more like this": the code's segments (the examples) become one weighted
 * query, and every candidate unit is scored against it by BM25 (bm25.ts).
 *
 * A stem's query weight is the share of examples that hold it (a Rocchio centroid of binary
 * example vectors), so the score of a unit is the mean of its BM25 scores against each example
 * taken as a query. Only the `terms` stems with the highest weight × idf are kept: the words that
 * characterise the code, not the function words every example happens to contain.
 */
export interface RankParameters extends Bm25Parameters {
  /** How many stems the query keeps. */
  terms: number;
  /** How many of a suggestion's strongest stems explain it. */
  explain: number;
}

export const RANK_DEFAULTS = { terms: 30, explain: 5 } as const;

/** A unit's words: their stems and, in parallel, the words as written (lower case). */
export interface Tokens {
  stems: string[];
  surfaces: string[];
}

export function tokenize(text: string, language: StemLanguage): Tokens {
  const stem = stemmer(language);
  const found = words(text);
  return { stems: found.map((w) => stem(w.text)), surfaces: found.map((w) => w.text) };
}

export interface Ranked {
  /** Index of the unit in the units given. */
  unit: number;
  score: number;
  /** The words of the unit that gave most to its score, strongest first (as written, lower case). */
  words: string[];
}

export interface RankInput {
  units: readonly Tokens[];
  /** Stems of each example (a segment of the code). */
  examples: readonly (readonly string[])[];
  /** Whether a unit may be suggested (not coded with the code already, not rejected). */
  candidate: (unit: number) => boolean;
  limit: number;
  parameters: RankParameters;
}

export interface Ranking {
  /** The query's stems, strongest first, with their weights. */
  query: { stem: string; weight: number }[];
  ranked: Ranked[];
}

export function rankUnits(input: RankInput): Ranking {
  const index = new Bm25Index(
    input.units.map((u) => u.stems),
    input.parameters,
  );
  const query = buildQuery(index, input.examples, input.parameters.terms);
  const weights = new Map(query.map((q) => [q.stem, q.weight]));
  const scored: { unit: number; score: number; parts: Map<string, number> }[] = [];
  for (let i = 0; i < input.units.length; i++) {
    if (!input.candidate(i)) continue;
    const s = index.score(i, weights);
    if (s.score > 0) scored.push({ unit: i, ...s });
  }
  // Highest score first; a tie keeps reading order, so the answer never depends on chance.
  scored.sort((a, b) => b.score - a.score || a.unit - b.unit);
  const ranked = scored.slice(0, input.limit).map((s) => ({
    unit: s.unit,
    score: s.score,
    words: explain(input.units[s.unit] as Tokens, s.parts, input.parameters.explain),
  }));
  return { query, ranked };
}

/** The query: each stem weighted by the share of examples holding it, the `terms` strongest by weight × idf. */
export function buildQuery(index: Bm25Index, examples: readonly (readonly string[])[], terms: number) {
  const holding = new Map<string, number>();
  for (const stems of examples) for (const s of new Set(stems)) holding.set(s, (holding.get(s) ?? 0) + 1);
  return [...holding]
    .map(([stem, n]) => ({ stem, weight: n / examples.length, strength: (n / examples.length) * index.idf(stem) }))
    .sort((a, b) => b.strength - a.strength || (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0))
    .slice(0, terms)
    .map(({ stem, weight }) => ({ stem, weight }));
}

/** The unit's words behind its `count` strongest stems, as written, each once. */
function explain(unit: Tokens, parts: Map<string, number>, count: number): string[] {
  const strongest = [...parts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([stem]) => stem);
  const out: string[] = [];
  for (const stem of strongest) {
    unit.stems.forEach((s, i) => {
      const surface = unit.surfaces[i] as string;
      if (s === stem && !out.includes(surface)) out.push(surface);
    });
  }
  return out;
}

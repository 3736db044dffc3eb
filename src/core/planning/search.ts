import { compareKeys, deviation, type PlanChoice, type PlanInterview, type PlanKey, planKey } from './plan.js';

/** Past this many distinct whole assignments of the interviews left, cuts are tried one by one. */
const REST_LIMIT = 50_000;

/**
 * The depth-first branch and bound of `balanceTranscription` (balance.ts states the objective and
 * why the search is exact). Interviews come in the order of rule 3, longest first.
 */
export class PlanSearch {
  private readonly m: number;
  /** The total length of the interviews from a depth on. */
  private readonly remaining: number[];
  private readonly loads: number[];
  /** How many interviews or parts each transcriber holds so far. */
  private readonly holds: number[];
  private readonly path: PlanChoice[] = [];
  private splits = 0;
  private steps = 0;
  private budget = 0;
  private tooLarge: () => Error = () => new Error('no budget');
  /** The best plan so far; until the search finds one, the bound it starts from, which it may match. */
  private best: { key: PlanKey; path: PlanChoice[] | null };
  private readonly wholeRests = new Map<number, number[][] | null>();

  constructor(
    private readonly interviews: readonly PlanInterview[],
    private readonly shares: readonly number[],
    private readonly targets: readonly number[],
    private readonly toleranceMs: number,
    bound: PlanKey,
  ) {
    this.m = shares.length;
    this.remaining = new Array<number>(interviews.length + 1).fill(0);
    for (let d = interviews.length - 1; d >= 0; d--) this.remaining[d] = this.remaining[d + 1]! + interviews[d]!.lengthMs;
    this.loads = new Array<number>(this.m).fill(0);
    this.holds = new Array<number>(this.m).fill(0);
    this.best = { key: bound, path: null };
  }

  /** The choices of the best plan, one per interview in the search's order. */
  run(budget: number, tooLarge: () => Error): PlanChoice[] {
    this.budget = budget;
    this.tooLarge = tooLarge;
    this.search(0);
    if (!this.best.path) throw new Error('the search always matches the plan it starts from');
    return this.best.path;
  }

  private beatsBest(key: PlanKey): boolean {
    return compareKeys(key, this.best.key) < (this.best.path ? 0 : 1);
  }

  // A transcriber whose share equals an earlier one's, who has nothing yet, waits for that one.
  private mayReceive(j: number): boolean {
    const { holds, shares } = this;
    return holds[j]! > 0 || !shares.some((s, k) => k < j && s === shares[j] && holds[k] === 0);
  }

  private give(j: number, ms: number, sign: 1 | -1) {
    this.loads[j]! += sign * ms;
    this.holds[j]! += sign;
  }

  private search(depth: number): void {
    if (++this.steps > this.budget) throw this.tooLarge();
    if (depth === this.interviews.length) {
      const key = planKey(deviation(this.loads, this.targets), this.splits, this.toleranceMs);
      if (this.beatsBest(key)) this.best = { key, path: [...this.path] };
      return;
    }
    const lowerBound = boundFrom(this.loads, this.targets, this.remaining[depth]!);
    if (!this.beatsBest(planKey(lowerBound, this.splits, this.toleranceMs))) return;
    const { lengthMs } = this.interviews[depth]!;
    for (let j = 0; j < this.m; j++) {
      if (!this.mayReceive(j)) continue;
      this.give(j, lengthMs, 1);
      this.descend(depth, { kind: 'whole', transcriber: j });
      this.give(j, lengthMs, -1);
    }
    if (this.beatsBest(planKey(lowerBound, this.splits + 1, this.toleranceMs))) this.trySplits(depth, lowerBound);
  }

  private descend(depth: number, choice: PlanChoice) {
    this.path.push(choice);
    this.search(depth + 1);
    this.path.pop();
  }

  private trySplits(depth: number, lowerBound: number) {
    for (let a = 0; a < this.m; a++) {
      if (!this.mayReceive(a)) continue;
      this.give(a, 0, 1);
      for (let b = 0; b < this.m; b++) {
        if (b === a || !this.mayReceive(b)) continue;
        this.give(b, 0, 1);
        this.splits++;
        this.tryCuts(depth, a, b, lowerBound);
        this.splits--;
        this.give(b, 0, -1);
      }
      this.give(a, 0, -1);
    }
  }

  private tryCuts(depth: number, a: number, b: number, lowerBound: number) {
    const { lengthMs, splitPointsMs: points } = this.interviews[depth]!;
    const [from, to] = this.cutWindow(depth, a, b);
    for (let i = from; i < to; i++) {
      // When no further split can pay, the rest is whole: skip to a cut some whole rest completes.
      if (!this.beatsBest(planKey(lowerBound, this.splits + 1, this.toleranceMs)))
        i = this.nextCutWithWholeRest(depth, a, b, i, to);
      if (i >= to) break;
      const cut = points[i]!;
      this.loads[a]! += cut;
      this.loads[b]! += lengthMs - cut;
      this.descend(depth, { kind: 'split', first: a, second: b, cutMs: cut });
      this.loads[a]! -= cut;
      this.loads[b]! -= lengthMs - cut;
    }
  }

  // Only a plan within the best key's balance can beat it; 1 ms of slack against rounding in the targets.
  private reach(): number {
    return this.best.key[0] + 1;
  }

  /** The cuts (a range of indexes) that leave both transcribers able to end within reach of their targets. */
  private cutWindow(depth: number, a: number, b: number): [number, number] {
    const { loads, targets } = this;
    const { lengthMs, splitPointsMs: points } = this.interviews[depth]!;
    const reach = this.reach();
    const later = this.remaining[depth + 1]!;
    const low = Math.max(targets[a]! - reach - loads[a]! - later, loads[b]! + lengthMs - targets[b]! - reach);
    const high = Math.min(targets[a]! + reach - loads[a]!, loads[b]! + lengthMs + later - targets[b]! + reach);
    return [firstAtLeast(points, low), firstAtLeast(points, Math.floor(high) + 1)];
  }

  /**
   * The first cut from `from` (or `to`) at which some whole assignment of the interviews left
   * beats the best plan: tried once per distinct assignment instead of searching them per cut.
   */
  private nextCutWithWholeRest(depth: number, a: number, b: number, from: number, to: number): number {
    const rests = this.wholeRest(depth + 1);
    if (!rests) return from;
    const { targets, m } = this;
    const { lengthMs, splitPointsMs: points } = this.interviews[depth]!;
    const reach = this.reach();
    const final = [...this.loads];
    let first = to;
    for (const rest of rests) {
      for (let j = 0; j < m; j++) final[j] = this.loads[j]! + rest[j]!;
      if (final.some((load, j) => j !== a && j !== b && Math.abs(load - targets[j]!) > reach)) continue;
      const low = Math.max(targets[a]! - reach - final[a]!, final[b]! + lengthMs - targets[b]! - reach);
      const high = Math.min(targets[a]! + reach - final[a]!, final[b]! + lengthMs - targets[b]! + reach);
      for (let i = Math.max(from, firstAtLeast(points, low)); i < first && points[i]! <= high; i++) {
        final[a]! += points[i]!;
        final[b]! += lengthMs - points[i]!;
        if (this.beatsBest(planKey(deviation(final, targets), this.splits, this.toleranceMs))) first = i;
        final[a]! -= points[i]!;
        final[b]! -= lengthMs - points[i]!;
      }
    }
    return first;
  }

  private wholeRest(depth: number): number[][] | null {
    if (!this.wholeRests.has(depth))
      this.wholeRests.set(
        depth,
        loadVectors(
          this.interviews.slice(depth).map((iv) => iv.lengthMs),
          this.m,
        ),
      );
    return this.wholeRests.get(depth) ?? null;
  }
}

// Loads only grow, and the interviews left add `later` at most to anyone.
function boundFrom(loads: readonly number[], targets: readonly number[], later: number): number {
  return loads.reduce((worst, load, j) => Math.max(worst, load - targets[j]!, targets[j]! - load - later), 0);
}

/** Every distinct vector of loads that giving each length whole to someone makes; null past REST_LIMIT. */
function loadVectors(lengths: readonly number[], m: number): number[][] | null {
  let vectors = [new Array<number>(m).fill(0)];
  for (const length of lengths) {
    if (vectors.length * m > REST_LIMIT) return null;
    const next = new Map<string, number[]>();
    for (const v of vectors)
      for (let j = 0; j < m; j++) {
        const w = [...v];
        w[j]! += length;
        next.set(w.join(), w);
      }
    vectors = [...next.values()];
  }
  return vectors;
}

/** The index of the first point not below `value` in ascending `points`. */
export function firstAtLeast(points: readonly number[], value: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A turn's place in the recording, as the document view knows it (null: the file gave no time). */
export interface TimedTurn {
  startMs: number | null;
  endMs: number | null;
}

/** A turn that has a time: its index among all turns and where it is heard. */
export interface TurnTime {
  index: number;
  startMs: number;
  endMs: number | null;
}

/**
 * The timed turns, each with its end: its own `endMs`, else the next timed turn's start (the
 * last one without an end runs to the end of the recording). Made once per text.
 */
export function turnTimes(turns: readonly TimedTurn[]): TurnTime[] {
  const out: TurnTime[] = [];
  turns.forEach((turn, index) => {
    if (turn.startMs !== null) out.push({ index, startMs: turn.startMs, endMs: turn.endMs });
  });
  return out.map((t, i) => ({ ...t, endMs: t.endMs ?? out[i + 1]?.startMs ?? null }));
}

/**
 * The turn being heard at `ms`: the last timed turn starting at or before it, while `ms` is
 * before its end. In a silence between two turns (subtitle cues leave gaps) no turn is current.
 * Binary search over the times in text order: it runs on every `timeupdate` of the player.
 */
export function currentTurn(times: readonly TurnTime[], ms: number): number | null {
  let lo = 0;
  let hi = times.length - 1;
  let found: TurnTime | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const t = times[mid] as TurnTime;
    if (t.startMs <= ms) {
      found = t;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (!found) return null;
  return found.endMs === null || ms < found.endMs ? found.index : null;
}

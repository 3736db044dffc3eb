/** A part of a saved plan as progress counts it. */
export interface ProgressPart {
  transcriber: number;
  startMs: number;
  endMs: number;
  /** Whether the part's interview is split between two transcribers. */
  split: boolean;
  done: boolean;
}

export interface TranscriberProgress {
  /** Their share of the total minutes, in ms. */
  targetMs: number;
  plannedMs: number;
  doneMs: number;
  /** Interviews as the thesis counts them: a part of a split interview counts half (3.5 and 4.5). */
  interviews: number;
}

/** Each transcriber's planned and done minutes, against their share of the planned total. */
export function planProgress(shares: readonly number[], parts: readonly ProgressPart[]): TranscriberProgress[] {
  const total = parts.reduce((sum, p) => sum + p.endMs - p.startMs, 0);
  const shareSum = shares.reduce((a, b) => a + b, 0);
  const out = shares.map((s) => ({
    targetMs: shareSum > 0 ? (total * s) / shareSum : 0,
    plannedMs: 0,
    doneMs: 0,
    interviews: 0,
  }));
  for (const part of parts) {
    const person = out[part.transcriber];
    if (!person) continue;
    const ms = part.endMs - part.startMs;
    person.plannedMs += ms;
    if (part.done) person.doneMs += ms;
    person.interviews += part.split ? 0.5 : 1;
  }
  return out;
}

/**
 * Where an interview may be cut for two transcribers: at its turn boundaries when its transcript
 * has timed turns (the start of every turn but the first), else at every whole second. In ms,
 * ascending, strictly inside the recording.
 */
export function splitPoints(lengthMs: number, turnStartsMs: readonly (number | null)[]): number[] {
  const timed = turnStartsMs.filter((ms): ms is number => ms !== null && ms > 0 && ms < lengthMs);
  if (timed.length > 0) return [...new Set(timed)].sort((a, b) => a - b);
  return Array.from({ length: Math.max(0, Math.ceil(lengthMs / 1000) - 1) }, (_, i) => (i + 1) * 1000);
}

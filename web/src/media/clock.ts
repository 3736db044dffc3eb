/** Times of a recording as the UI writes them. */

/** `mm:ss`, or `h:mm:ss` from an hour on: a turn's time in the margin, the player's position. */
export function clockLabel(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** `[hh:mm:ss]`: the timestamp transcription mode types, which turn detection reads back as a turn's start. */
export function timestamp(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const hh = String(Math.floor(s / 3600)).padStart(2, '0');
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return `[${hh}:${mm}:${ss}]`;
}

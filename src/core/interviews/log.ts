import { invalid } from '../errors.js';

/**
 * An interview's length as a person types it: whole minutes (`45`), `mm:ss` (`45:30`) or
 * `h:mm:ss` (`1:07:00`). Milliseconds out; anything else is refused with one line.
 */
export function parseLength(typed: string): number {
  const text = typed.trim();
  const minutes = /^(\d{1,4})$/.exec(text);
  if (minutes) return Number(minutes[1]) * 60_000;
  const clock = /^(?:(\d{1,3}):)?(\d{1,3}):([0-5]\d)$/.exec(text);
  if (clock && (clock[1] === undefined || Number(clock[2]) < 60)) {
    return ((Number(clock[1] ?? 0) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000;
  }
  throw invalid('interview.length', { length: typed });
}

/** A length as `h:mm:ss`, or `m:ss` under an hour: seconds dropped below a second. */
export function formatLength(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/** A length in whole minutes, rounded, as the thesis counts them ("30 minuter"). */
export const lengthMinutes = (ms: number): number => Math.round(ms / 60_000);

/** A calendar day as `YYYY-MM-DD`, checked to exist; anything else is refused with one line. */
export function parseDay(typed: string): string {
  const text = typed.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!day || day.toISOString().slice(0, 10) !== text) throw invalid('interview.date', { date: typed });
  return text;
}

/**
 * The player's keys: the same in the document view and in transcription mode, so they are
 * chords a text field does not use (and the browser lets a page have): F4 as in f4, or Ctrl
 * with Space, comma, period (by the key's place, so any keyboard layout), J and Enter.
 */
export type PlayerKey = 'toggle' | 'back' | 'forward' | 'slower' | 'faster' | 'timestamp' | 'newTurn';

export interface KeyPress {
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function playerKeyOf(e: KeyPress): PlayerKey | null {
  if (e.altKey || e.metaKey) return null;
  if (e.key === 'F4' && !e.ctrlKey && !e.shiftKey) return 'toggle';
  if (!e.ctrlKey) return null;
  switch (e.code) {
    case 'Space':
      return e.shiftKey ? null : 'toggle';
    case 'Comma':
      return e.shiftKey ? 'slower' : 'back';
    case 'Period':
      return e.shiftKey ? 'faster' : 'forward';
    case 'KeyJ':
      return e.shiftKey ? null : 'timestamp';
    case 'Enter':
    case 'NumpadEnter':
      return e.shiftKey ? null : 'newTurn';
    default:
      return null;
  }
}

/** How far back and forward the keys skip. */
export const SKIP_MS = 5000;
/** Transcription mode rewinds this much on pause, as f4 does, so the next play repeats the last words. */
export const REWIND_ON_PAUSE_MS = 2000;

/** Playback speeds the keys step through. */
export const RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2] as const;

/** The next speed slower (-1) or faster (+1), held within 0.5–2×; a speed off the steps goes to the nearest step that way. */
export function nextRate(rate: number, direction: -1 | 1): number {
  if (direction === 1) return RATES.find((r) => r > rate + 1e-9) ?? 2;
  return [...RATES].reverse().find((r) => r < rate - 1e-9) ?? 0.5;
}

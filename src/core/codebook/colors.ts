import { invalid } from '../errors.js';

/**
 * Code colours: the one place they are validated. Stored as lowercase `#rrggbb`;
 * `#rgb` is accepted and expanded.
 */
export function parseColor(input: string): string {
  const raw = input.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(raw);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(raw)) return raw;
  throw invalid('code.color', { color: input });
}

/** Distinct, mid-tone colours handed to new codes that get none. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function paletteColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] as string;
}

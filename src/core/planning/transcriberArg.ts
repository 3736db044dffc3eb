import { invalid } from '../errors.js';

/** A transcriber as typed: `NAME` or `NAME=SHARE` (a positive number; a decimal comma is fine: `Anna=3,5`). */
export function parseTranscriber(typed: string): { name: string; share?: number } {
  const at = typed.lastIndexOf('=');
  if (at < 0) return { name: typed.trim() };
  const name = typed.slice(0, at).trim();
  const shareText = typed
    .slice(at + 1)
    .trim()
    .replace(',', '.');
  const share = /^\d+(\.\d+)?$/.test(shareText) ? Number(shareText) : Number.NaN;
  if (!name || !(share > 0)) throw invalid('plan.transcriber', { value: typed });
  return { name, share };
}

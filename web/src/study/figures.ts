import type { Figure } from '../codersApi.js';

/**
 * Agreement figures as the agreement view shows them: a coefficient to three decimals, percent
 * agreement as a percentage, an undefined figure as a dash with its reason (never 0, never 1).
 */
export function formatNumber(value: number, lang: string, digits = 3): string {
  return value.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function formatFigure(figure: Figure, lang: string, as: 'coefficient' | 'percent' = 'coefficient'): string {
  if (figure.value === null) return '—';
  return as === 'percent' ? `${formatNumber(figure.value * 100, lang, 1)} %` : formatNumber(figure.value, lang);
}

/** A count for the "how this was computed" table: whole numbers as they are, others to four decimals. */
export function formatCount(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? value.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB') : formatNumber(value, lang, 4);
}

/**
 * What a coding pattern (`10`, `1-`, …: one character per coder, 1 coded, 0 not coded, - the
 * coder has not coded that source) says, coder by coder.
 */
export function readPattern(
  pattern: string,
  coders: readonly string[],
): { coded: string[]; notCoded: string[]; missing: string[] } {
  const out = { coded: [] as string[], notCoded: [] as string[], missing: [] as string[] };
  [...pattern].forEach((ch, i) => {
    const name = coders[i] ?? `#${i + 1}`;
    if (ch === '1') out.coded.push(name);
    else if (ch === '0') out.notCoded.push(name);
    else out.missing.push(name);
  });
  return out;
}

/**
 * Names people give things in Koda: projects, codes (themes, categories), cases, sources,
 * attributes and their choices. A name is shown in lists, terminals and reports, so it may hold
 * no character that is invisible there yet changes what is shown: control characters (NUL,
 * ESC, line breaks, tabs, C1 controls) and the bidirectional marks, embeddings, overrides and
 * isolates that can make one name look like another.
 */

/** Longest name, in UTF-16 units (what the input schemas count). */
export const NAME_MAX = 200;

const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

/** The first character a name may not hold, as `U+001B`; null when the name is fine. */
export function unsafeNameCharacter(name: string): string | null {
  const found = UNSAFE.exec(name);
  if (!found) return null;
  return `U+${(found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `name` with every character a name may not hold taken out: for names another system gives, not typed ones. */
export function withoutUnsafeCharacters(name: string): string {
  return name.replace(new RegExp(UNSAFE.source, 'gu'), '');
}

const ELLIPSIS = '…';

/**
 * `name` cut to fit `max` units with a visible `…`, at a whole character (an emoji or a letter
 * with its accents is never split); `shortened` tells whether it was cut.
 */
export function shortenName(name: string, max = NAME_MAX): { name: string; shortened: boolean } {
  if (name.length <= max) return { name, shortened: false };
  let kept = '';
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(name)) {
    if (kept.length + segment.length + ELLIPSIS.length > max) break;
    kept += segment;
  }
  return { name: `${kept.trimEnd()}${ELLIPSIS}`, shortened: true };
}

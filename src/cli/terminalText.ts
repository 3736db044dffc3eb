/**
 * User text (source texts, names, memos, file names) as the CLI prints it for people: control
 * characters other than line breaks and tabs, and the bidirectional controls, are shown as
 * visible escapes (`\u{1B}`). So a text holding `ESC [ 31m` cannot recolour the terminal, move
 * its cursor or set its title, and a bidi override cannot reorder what is shown. `--json` output
 * needs none of this: JSON escapes control characters itself.
 */
const HIDDEN = /(?![\t\n])[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text.replace(HIDDEN, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()}}`);
}

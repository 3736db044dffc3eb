/**
 * The questions of a guide written as a list, one a line: a leading bullet (`●`, `•`, `-`, `*`)
 * or number (`1.`, `2)`) is dropped, blank lines are skipped, whitespace collapsed.
 */
export function questionList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s*(?:[●•◦▪\-*–]|\d{1,3}[.)])\s*/u, '')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    .filter(Boolean);
}

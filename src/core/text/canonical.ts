/**
 * Canonical text: the one form of a source's text that offsets refer to.
 * Unicode NFC, line ends `\n` (CRLF and lone CR become one `\n`), no byte-order mark.
 * Every importer ends in `canonicalText`, so two imports of the same words give the same
 * offsets whatever the file's platform or normalisation.
 */
export function canonicalText(raw: string): string {
  let text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  text = text.replace(/\r\n?/g, '\n');
  // U+2028/U+2029 are line breaks to a reader; keep one kind of line end.
  text = text.replace(/[\u2028\u2029]/g, '\n');
  return text.normalize('NFC');
}

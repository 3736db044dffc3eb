/**
 * Writing CSV (RFC 4180): fields separated by the separator, records by CRLF; a field holding the
 * separator, a double quote, a line break, or leading or trailing spaces is quoted, its quotes
 * doubled. A text field that a spreadsheet would run as a formula (starting with =, +, - or @)
 * is prefixed with an apostrophe. The file starts with a byte-order mark so spreadsheets read it
 * as UTF-8.
 */
export function csvField(value: string | number, separator = ','): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const needsQuotes = safe.includes(separator) || /["\r\n]|^\s|\s$/.test(safe);
  return needsQuotes ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The separator a spreadsheet expects in a language: Excel and LibreOffice in Swedish take the
 * semicolon (the comma is the decimal sign there), in English the comma.
 */
export function csvSeparator(language: string): string {
  return language === 'sv' ? ';' : ',';
}

export function csvText(rows: readonly (readonly (string | number)[])[], separator = ','): string {
  return `\uFEFF${rows.map((r) => r.map((v) => csvField(v, separator)).join(separator)).join('\r\n')}\r\n`;
}

/**
 * Writing CSV (RFC 4180): fields separated by commas, records by CRLF; a field holding a comma,
 * a double quote, a line break, or leading or trailing spaces is quoted, its quotes doubled. A
 * text field that a spreadsheet would run as a formula (starting with =, +, - or @) is prefixed
 * with an apostrophe. The file starts with a byte-order mark so spreadsheets read it as UTF-8.
 */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvText(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/**
 * A small CSV reader (RFC 4180): fields separated by a delimiter, records by CRLF or LF; a
 * field in double quotes may hold delimiters, line breaks and doubled quotes (`""` is one `"`).
 * A byte-order mark is dropped. The delimiter is `,` unless given, or guessed: Excel in a
 * Swedish locale writes `;`, and tab-separated files are common too, so the first line's most
 * frequent of `,`, `;` and tab (outside quotes) wins.
 */
export const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export interface CsvTable {
  rows: string[][];
  delimiter: Delimiter;
}

export function parseCsv(input: string, delimiter?: Delimiter): CsvTable {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const sep = delimiter ?? guessDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === sep) endField();
    else if (ch === '\n') endRow();
    else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      endRow();
      i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) endRow();
  return { rows, delimiter: sep };
}

function guessDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  const best = (Object.keys(counts) as Delimiter[]).sort((a, b) => counts[b] - counts[a])[0] as Delimiter;
  return counts[best] > 0 ? best : ',';
}

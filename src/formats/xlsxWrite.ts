import { coreProperties, type OfficeWriting, officeZip, XML_HEAD, xmlAttr, xmlText } from './officeZip.js';

/**
 * Writing xlsx (SpreadsheetML) ourselves, on fflate: ExcelJS built a cell object for each of a
 * quote list's 90,000 cells and took 0.5–1 s for 10,000 quotes, its streaming writer about 0.25 s;
 * issue 17 asks ≤ 300 ms for the whole export. This writes only what Koda's sheets use: text and
 * numbers, a bold style, column widths and frozen panes. Text is a shared string, never a
 * formula, so "=cmd" in a quote stays the words it is: the sheet names it by number and the texts
 * follow in a table of their own, once each, where they compress better than between the cells'
 * markup (a quote list of 10,000 quotes, deflated as officeZip.ts does: 0.77 MB with inline
 * strings, 0.70 MB so). The sheets' XML is deflated in pieces as it is written (officeZip.ts),
 * so no sheet is ever held whole as one string; the table holds the texts the rows held already.
 */

export type Cell = string | number;

export interface SheetSpec {
  name: string;
  rows: Iterable<readonly Cell[]>;
  /** Column widths in characters, from the first column. */
  widths?: readonly number[];
  /** The first row bold (a header). */
  boldFirstRow?: boolean;
  /** The first column bold (row labels). */
  boldFirstColumn?: boolean;
  /** Rows and columns kept in view while scrolling. */
  frozen?: { rows: number; columns: number };
}

export function xlsxBook(sheets: readonly SheetSpec[], creator = 'Koda'): OfficeWriting {
  const strings = new SharedStrings();
  return officeZip([
    { name: '[Content_Types].xml', pieces: [contentTypes(sheets.length)] },
    { name: '_rels/.rels', pieces: [ROOT_RELS] },
    { name: 'docProps/core.xml', pieces: [coreProperties(creator)] },
    { name: 'xl/workbook.xml', pieces: [workbookXml(sheets)] },
    { name: 'xl/_rels/workbook.xml.rels', pieces: [workbookRels(sheets.length)] },
    { name: 'xl/styles.xml', pieces: [STYLES] },
    ...sheets.map((sheet, i) => ({ name: `xl/worksheets/sheet${i + 1}.xml`, pieces: sheetXml(sheet, strings) })),
    // After the sheets: officeZip writes the entries in order, and the sheets fill the table.
    { name: 'xl/sharedStrings.xml', pieces: strings.xml() },
  ]);
}

/** The workbook's texts, each once, numbered in the order the sheets first name them. */
class SharedStrings {
  private readonly numbers = new Map<string, number>();

  numberOf(text: string): number {
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(text, n);
    }
    return n;
  }

  /** The table, written when iterated: after every sheet has named its texts. */
  *xml(): Generator<string> {
    yield `${XML_HEAD}<sst xmlns="${MAIN}" count="${this.numbers.size}" uniqueCount="${this.numbers.size}">`;
    for (const text of this.numbers.keys()) yield `<si><t xml:space="preserve">${xmlText(text)}</t></si>`;
    yield '</sst>';
  }
}

function* sheetXml(sheet: SheetSpec, strings: SharedStrings): Generator<string> {
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}">`;
  yield sheetView(sheet.frozen);
  if (sheet.widths && sheet.widths.length > 0)
    yield `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`;
  yield '<sheetData>';
  let r = 0;
  for (const row of sheet.rows) {
    r++;
    let xml = `<row r="${r}">`;
    for (let c = 0; c < row.length; c++) {
      const bold = (r === 1 && sheet.boldFirstRow) || (c === 0 && sheet.boldFirstColumn);
      xml += cellXml(`${columnName(c)}${r}`, row[c] as Cell, bold === true, strings);
    }
    yield `${xml}</row>`;
  }
  yield '</sheetData></worksheet>';
}

function sheetView(frozen: SheetSpec['frozen']): string {
  if (!frozen || (frozen.rows === 0 && frozen.columns === 0)) return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>';
  const split = `${frozen.columns > 0 ? ` xSplit="${frozen.columns}"` : ''}${frozen.rows > 0 ? ` ySplit="${frozen.rows}"` : ''}`;
  const pane = frozen.rows > 0 && frozen.columns > 0 ? 'bottomRight' : frozen.rows > 0 ? 'bottomLeft' : 'topRight';
  const topLeft = `${columnName(frozen.columns)}${frozen.rows + 1}`;
  return `<sheetViews><sheetView workbookViewId="0"><pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/></sheetView></sheetViews>`;
}

function cellXml(ref: string, value: Cell, bold: boolean, strings: SharedStrings): string {
  const style = bold ? ' s="1"' : '';
  if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : '';
  if (value === '') return bold ? `<c r="${ref}"${style}/>` : '';
  return `<c r="${ref}"${style} t="s"><v>${strings.numberOf(value)}</v></c>`;
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

function contentTypes(sheets: number): string {
  const overrides = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>${overrides}</Types>`;
}

const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

function workbookXml(sheets: readonly SheetSpec[]): string {
  const list = sheets.map((s, i) => `<sheet name="${xmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  return `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${list}</sheets></workbook>`;
}

function workbookRels(sheets: number): string {
  const list = Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${list}<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/><Relationship Id="rId${sheets + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
}

/** Two cell styles: 0 plain, 1 bold. */
const STYLES = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/**
 * A results draft as plain data, in the words it will be printed with: the command
 * (commands/buildReport.ts) gathers it and renders every label in the project's language; the
 * writers (docx.ts, markdown.ts, html.ts) only lay it out. The structure follows a results
 * chapter: the codebook tree (theme → category → code), each node with its definition, the
 * cases that have it, and its quotes, each ending with the case's name in parentheses.
 */
export interface ReportModel {
  language: 'sv' | 'en';
  title: string;
  /** One line under the title: when, from which coding. */
  meta: string;
  /** The project's description, when it has one. */
  intro: string;
  overview: {
    heading: string;
    table: ReportTable | null;
    figures: ReportFigure[];
  };
  /** The interviews (the thesis' Tabell 3) and the guide's questions, each with how many interviews it was asked in. */
  methods?: { heading: string; tables: ReportTable[]; paragraphs?: string[] } | null;
  results: { heading: string; nodes: ReportNode[] };
  memos: { heading: string; items: ReportMemo[] } | null;
  /** A section per theory concept, after the results; absent or null when the project has none. */
  theory?: { heading: string; concepts: ReportConcept[] } | null;
  /**
   * A section per smart code, after the theory: laid out as a concept is, its query (and any
   * problem running it) as `definition`, its description as `reference`, its passages as quotes.
   */
  smartCodes?: { heading: string; concepts: ReportConcept[] } | null;
}

/** A theory concept with what the analysis linked to it: its codes and their quotes, linked segments, memos. */
export interface ReportConcept {
  name: string;
  /** "Definition: …", or ''. */
  definition: string;
  /** "Referens: Lipsky 2010", or ''. */
  reference: string;
  /** "Kopplade koder: hinder, media.", or ''. */
  codes: string;
  /** The linked segments and the segments of the linked codes (and the codes below them), in reading order. */
  quotes: ReportQuote[];
  /** Shown when it has no quotes, e.g. "Inga citat.". */
  empty: string;
  /** Memos linked to it (when the report includes memos). */
  memos: ReportMemo[];
}

export interface ReportTable {
  caption: string;
  header: string[];
  rows: string[][];
}

export interface ReportFigure {
  caption: string;
  /** Base name for a figure file (`figur-1`), without extension. */
  name: string;
  svg: string;
  png: Uint8Array;
  width: number;
  height: number;
}

export interface ReportMemo {
  title: string;
  body: string;
}

export interface ReportNode {
  /** 0 for a top node of the codebook. */
  depth: number;
  name: string;
  /** "Definition: …", or '' when the code has none. */
  definition: string;
  /** "Förekommer hos 3 av 8 intervjupersoner: Albin, Cathrin, Kristin.", or ''. */
  cases: string;
  quotes: ReportQuote[];
  /** Shown under a code with no quotes of its own nor below it, e.g. "Inga citat.". */
  empty: string;
  memos: ReportMemo[];
  children: ReportNode[];
}

export interface ReportQuote {
  /** The quoted words, whitespace collapsed, without quotation marks. */
  text: string;
  /** The case's name (its pseudonym), or the source's when the quote belongs to no case. */
  attribution: string;
  /** A memo on the segment, or ''. */
  memo: string;
  /** Where the words are heard, when the source has a recording with times. */
  time?: ReportTime;
}

export interface ReportTime {
  /** `12:03–12:41` */
  label: string;
  /** The recording's route with the span as a media fragment: plays when the report is opened from Koda. */
  href: string;
  /** The link's accessible name, e.g. "Spela upp 12:03–12:41". */
  play: string;
}

/** A quote on one line: whitespace collapsed, control characters (not allowed in XML) dropped. */
export const printable = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim();

/** The quoted words and who said them: “words” (Name). */
export const quoteWords = (q: ReportQuote) => `“${q.text}” (${q.attribution})`;

/** The quote as printed: “words” (Name), and [12:03–12:41] when it has a time. */
export const quoteLine = (q: ReportQuote) => (q.time ? `${quoteWords(q)} [${q.time.label}]` : quoteWords(q));

/**
 * The query views, auto-coding and the results draft over the HTTP API
 * (src/server/routes/queries.ts and report.ts). Offsets are code points, as everywhere.
 */

import { unpackSegments } from '../../src/core/segmentPage.js';
import type {
  AutocodeResult,
  CodeCooccurrence,
  CodeFrequency,
  CodeMatrix,
  SearchResult,
  Shares,
} from '../../src/server/apiTypes.js';
import { type ApiWarning, fetchFile, projectPath, request, type Segment, type SegmentPage } from './api.js';
import { type Download, downloadName } from './refiApi.js';
import { type AnalysisFilter, filterParams } from './setsApi.js';

export type {
  AutocodeResult,
  CodeCooccurrence,
  CodeFrequency,
  CodeMatrix,
  MatrixColumn,
  Quote,
  SearchResult,
  Shares,
} from '../../src/server/apiTypes.js';

export type RowLevel = CodeMatrix['rowLevel'];
export const ROW_LEVELS: RowLevel[] = ['codes', 'categories', 'themes'];
export type Measure = CodeMatrix['measure'];
export const MEASURES: Measure[] = ['count', 'chars', 'presence', 'cases'];

export interface MatrixQuery {
  rows: RowLevel;
  /** `cases` or `attr:NAME`. */
  columns: string;
  measure: Measure;
  /** One coder's layer ('' for all the coder may see). */
  coder: string;
  /** Smart codes (ids) as rows after the codebook's. */
  smartCodes?: string[];
  /** Only the segments this filter lets through (setsApi.ts, components/FilterBar.tsx). */
  filter?: AnalysisFilter;
}

/** Which segments a retrieval lists. */
export interface SegmentQuery {
  code: string;
  only: boolean;
  case?: string;
  coder: string;
  analysis?: AnalysisFilter;
}

export type CooccurrenceMode = CodeCooccurrence['mode'];
export const COOCCURRENCE_MODES: CooccurrenceMode[] = ['overlap', 'turn', 'paragraph'];

export interface SearchQuery {
  q: string;
  language: 'both' | 'sv' | 'en';
  sources: string[];
  /** Only the words of this speaker role; every speaker's when absent. */
  role?: 'participant' | 'interviewer';
  limit?: number;
  /** Only the paragraphs of these sets, cases and speakers (the search has no coder). */
  analysis?: AnalysisFilter;
}

export type PatternKind = AutocodeResult['kind'];
export const PATTERN_KINDS: PatternKind[] = ['word', 'phrase', 'stem', 'regex'];
export type AutocodeUnit = AutocodeResult['unit'];
export const AUTOCODE_UNITS: AutocodeUnit[] = ['match', 'sentence', 'turn'];

export interface AutocodeRequest {
  code: string;
  pattern: string;
  kind: PatternKind;
  unit: AutocodeUnit;
  sources: string[];
  cases: string[];
  role?: 'participant' | 'interviewer';
  caseSensitive: boolean;
}

export type ReportFormat = 'docx' | 'md' | 'html';
export const REPORT_FORMATS: ReportFormat[] = ['docx', 'md', 'html'];

export interface ReportOptions {
  format: ReportFormat;
  /** Attributes in the cases table, in this order. */
  attributes: string[];
  casesTable: boolean;
  /** The method section: the interview log and the guide's questions (on unless turned off). */
  methods?: boolean;
  memos: boolean;
  charts: boolean;
  /** One layer ('' for all). */
  coder: string;
  /** Only the segments this filter lets through (setsApi.ts, components/FilterBar.tsx). */
  filter?: AnalysisFilter;
}

export interface ReportDownload extends Omit<Download, 'summary'> {
  warnings: ApiWarning[];
}

const p = projectPath;

function query(entries: Record<string, string | number | boolean | string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length > 0) q.set(k, v.join(','));
    } else q.set(k, String(v));
  }
  return q.toString();
}

/** The query string of the results draft (exported for the tests). */
export function reportQuery(o: ReportOptions): string {
  // An empty attribute list is sent as such: a cases table of names only, not of every attribute.
  const attributes = o.casesTable ? `&attributes=${encodeURIComponent(o.attributes.join(','))}` : '';
  return `${query({
    format: o.format,
    casesTable: o.casesTable,
    methods: o.methods !== false,
    memos: o.memos,
    charts: o.charts,
    coder: o.coder,
  })}${attributes}${filterParams(o.filter)}`;
}

/** The warnings header of a download (URI-encoded JSON); unreadable → none. */
export function parseWarnings(header: string | null): ApiWarning[] {
  if (!header) return [];
  try {
    const list = JSON.parse(decodeURIComponent(header)) as unknown;
    return Array.isArray(list) ? (list as ApiWarning[]) : [];
  } catch {
    return [];
  }
}

/** A file download from the API, with the headers the caller reads. */
async function download(url: string, lang: string, fallback: string): Promise<{ download: Download; headers: Headers }> {
  const res = await fetchFile(url, lang);
  return {
    download: { fileName: downloadName(res.headers.get('content-disposition'), fallback), blob: await res.blob(), summary: [] },
    headers: res.headers,
  };
}

const matrixParams = (m: MatrixQuery) => ({ rows: m.rows, columns: m.columns, measure: m.measure, coder: m.coder });
/** Smart codes as matrix rows: the parameter once for each (the API reads a list so, as names may hold commas). */
const smartRows = (m: MatrixQuery) => (m.smartCodes ?? []).map((s) => `&smartCodes=${encodeURIComponent(s)}`).join('');

export const queriesApi = {
  matrix: (project: string, m: MatrixQuery) =>
    request<CodeMatrix>('GET', `${p(project)}/matrix?${query(matrixParams(m))}${smartRows(m)}${filterParams(m.filter)}`),
  async exportMatrix(project: string, m: MatrixQuery, format: 'xlsx' | 'csv', lang: string): Promise<Download> {
    const url = `${p(project)}/matrix/export?${query({ ...matrixParams(m), format })}${smartRows(m)}${filterParams(m.filter)}`;
    return (await download(url, lang, `matrix.${format}`)).download;
  },
  frequencies: (project: string, coder: string, filter?: AnalysisFilter) =>
    request<CodeFrequency[]>('GET', `${p(project)}/frequencies?${query({ coder })}${filterParams(filter)}`),
  cooccurrence: (project: string, mode: CooccurrenceMode, coder: string, filter?: AnalysisFilter) =>
    request<CodeCooccurrence>('GET', `${p(project)}/cooccurrence?${query({ mode, coder })}${filterParams(filter)}`),
  shares: (project: string, code: string, only: boolean, coder: string) =>
    request<Shares>('GET', `${p(project)}/shares?${query({ code, only: only || undefined, coder })}`),
  /**
   * One page of the segments of a code (its own only, or with the codes below it), of one case, of
   * one layer, through the analysis filter: `limit` segments (a few more when several start at the
   * page's last offset) after the page whose `next` is `after`.
   */
  segmentPage: (project: string, filter: SegmentQuery, page: { limit: number; after?: string }) =>
    request<SegmentPage>(
      'GET',
      `${p(project)}/segments?${query({ code: filter.code, only: filter.only || undefined, case: filter.case, coder: filter.coder, limit: page.limit, after: page.after })}${filterParams(filter.analysis)}`,
    ),
  /** All those segments, unpacked, read a page of a thousand at a time. */
  segments: async (project: string, filter: SegmentQuery): Promise<Segment[]> => {
    const all: Segment[] = [];
    let after: string | undefined;
    do {
      const page = await queriesApi.segmentPage(project, filter, { limit: 1000, after });
      all.push(...unpackSegments(page));
      after = page.next ?? undefined;
    } while (after);
    return all;
  },
  search: (project: string, s: SearchQuery) =>
    request<SearchResult>(
      'GET',
      `${p(project)}/search?${query({ q: s.q, language: s.language, source: s.sources, role: s.role, limit: s.limit })}${filterParams(s.analysis)}`,
    ),
  autocode: (project: string, body: AutocodeRequest, dryRun: boolean, limit?: number) =>
    // JSON leaves out what is undefined (no role: every speaker; no limit: every segment listed).
    request<AutocodeResult>('POST', `${p(project)}/autocode`, { ...body, dryRun, limit }),
  async report(project: string, o: ReportOptions, lang: string): Promise<ReportDownload> {
    const { download: file, headers } = await download(`${p(project)}/report?${reportQuery(o)}`, lang, `report.${o.format}`);
    return { fileName: file.fileName, blob: file.blob, warnings: parseWarnings(headers.get('x-koda-warnings')) };
  },
};

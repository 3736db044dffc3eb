import { fetchFile, projectPath } from './api.js';
import { type Download, downloadName } from './refiApi.js';

/** Quotes out over the HTTP API (src/server/routes/quotes.ts): quote lists and coded transcripts. */

export type QuoteFormat = 'docx' | 'xlsx' | 'csv';
export const QUOTE_FORMATS: QuoteFormat[] = ['docx', 'xlsx', 'csv'];

/** Whose quotes: a code (with the codes below it unless `only`), a coding query (with its analysis filter), or a matrix cell. */
export type QuotesOf =
  | { code: string; only?: boolean; coder?: string; filter?: object }
  | { expression: string; filter?: object }
  | { row: string; column: string; rows: string; columns: string; coder?: string; filter?: object };

export interface QuotesDownload extends Download {
  quotes: number;
}

function params(of: QuotesOf, format: string): string {
  const q = new URLSearchParams({ format });
  for (const [k, v] of Object.entries(of)) {
    if (v === undefined || v === '' || v === false) continue;
    // The analysis filter travels as its JSON (src/server/routes/quotes.ts).
    if (typeof v === 'object') {
      if (Object.keys(v).length > 0) q.set(k, JSON.stringify(v));
    } else q.set(k, String(v));
  }
  return q.toString();
}

export const quotesApi = {
  async exportQuotes(project: string, of: QuotesOf, format: QuoteFormat, lang: string): Promise<QuotesDownload> {
    const res = await fetchFile(`${projectPath(project)}/quotes/export?${params(of, format)}`, lang);
    return {
      fileName: downloadName(res.headers.get('content-disposition'), `quotes.${format}`),
      blob: await res.blob(),
      summary: [],
      quotes: Number(res.headers.get('x-koda-quotes') ?? 0),
    };
  },
  async exportTranscript(project: string, source: string, format: 'html' | 'docx', lang: string): Promise<Download> {
    const q = new URLSearchParams({ format });
    const res = await fetchFile(`${projectPath(project)}/sources/${encodeURIComponent(source)}/transcript?${q}`, lang);
    return {
      fileName: downloadName(res.headers.get('content-disposition'), `transcript.${format}`),
      blob: await res.blob(),
      summary: [],
    };
  },
};

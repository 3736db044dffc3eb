import type { RefiImportResult, SummaryItem } from '../../src/server/apiTypes.js';
import { fetchFile, projectPath, upload } from './api.js';

/** REFI-QDA exchange (.qdpx projects, .qdc codebooks) over the HTTP API (src/server/routes/refi.ts). */

export type { RefiImportResult, SummaryItem } from '../../src/server/apiTypes.js';

export interface Download {
  fileName: string;
  blob: Blob;
  summary: SummaryItem[];
}

/** The file name of a download from its Content-Disposition (RFC 6266 `filename*` first). */
export function downloadName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="([^"]+)"/i.exec(disposition);
  return plain?.[1] ?? fallback;
}

export const refiApi = {
  /**
   * Fetches an export (with the acting coder: in blind mode only the owner may export a project)
   * and gives the file and what it does not carry.
   */
  async exportFile(project: string, format: 'qdpx' | 'qdc', lang: string): Promise<Download> {
    const res = await fetchFile(`${projectPath(project)}/export?format=${format}`, lang);
    const header = res.headers.get('x-koda-summary');
    let summary: SummaryItem[] = [];
    try {
      summary = header ? (JSON.parse(decodeURIComponent(header)) as SummaryItem[]) : [];
    } catch {
      summary = [];
    }
    return {
      fileName: downloadName(res.headers.get('content-disposition'), `koda.${format}`),
      blob: await res.blob(),
      summary,
    };
  },

  /** Imports a .qdpx or .qdc as a new project (named `name`, else as the file says), or a .qdc into `into`. */
  importFile(file: File, options: { name?: string; into?: string; language?: string }, onProgress: (fraction: number) => void) {
    const q = new URLSearchParams({ fileName: file.name });
    const project = options.into ?? options.name?.trim();
    if (project) q.set('project', project);
    if (options.language) q.set('language', options.language);
    return upload<RefiImportResult>(`/api/import?${q}`, file, onProgress);
  },
};

/** Hands a fetched file to the browser as a download. */
export function saveDownload(download: Download): void {
  const url = URL.createObjectURL(download.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = download.fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

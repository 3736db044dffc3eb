/**
 * The pictures of the coding over the HTTP API (src/server/routes/pictures.ts): each picture's
 * data with its laid-out scene (drawn by components/pictures/SceneSvg.tsx), and its SVG or PNG
 * file. Labels come in `lang`, the page's language.
 */

import type { CodeMapPicture, ComparisonPicture, PortraitPicture } from '../../src/server/apiTypes.js';
import { fetchFile, projectPath, request } from './api.js';
import { type Download, downloadName } from './refiApi.js';
import type { PictureTab } from './router.js';
import { type AnalysisFilter, filterParams } from './setsApi.js';

export type { CodeMapPicture, ComparisonPicture, PortraitPicture } from '../../src/server/apiTypes.js';
export type TogetherMode = CodeMapPicture['mode'];
export const TOGETHER_MODES: TogetherMode[] = ['overlap', 'turn', 'paragraph'];
export type ComparisonRows = ComparisonPicture['rowLevel'];

/** What a picture is drawn from (the parts a kind does not use are left out). */
export interface PictureQuery {
  coder: string;
  mode?: TogetherMode;
  rows?: ComparisonRows;
  source?: string;
  /** Sets, attributes and speaker (the code map and the comparison). */
  filter?: AnalysisFilter;
}

function params(q: PictureQuery, lang: string, extra: Record<string, string> = {}): string {
  const out = new URLSearchParams({ language: lang, ...extra });
  if (q.coder) out.set('coder', q.coder);
  if (q.mode) out.set('mode', q.mode);
  if (q.rows) out.set('rows', q.rows);
  if (q.source) out.set('source', q.source);
  return `${out.toString()}${filterParams(q.filter)}`;
}

const base = (project: string) => `${projectPath(project)}/pictures`;

export const picturesApi = {
  codeMap: (project: string, q: PictureQuery, lang: string) =>
    request<CodeMapPicture>('GET', `${base(project)}/codemap?${params(q, lang)}`),
  portrait: (project: string, q: PictureQuery, lang: string) =>
    request<PortraitPicture>('GET', `${base(project)}/portrait?${params(q, lang)}`),
  comparison: (project: string, q: PictureQuery, lang: string) =>
    request<ComparisonPicture>('GET', `${base(project)}/comparison?${params(q, lang)}`),
  /** The picture as a file, drawn on the server from the same scene. */
  async file(project: string, kind: PictureTab, q: PictureQuery, format: 'svg' | 'png', lang: string): Promise<Download> {
    const res = await fetchFile(`${base(project)}/${kind}/export?${params(q, lang, { format })}`, lang);
    return {
      fileName: downloadName(res.headers.get('content-disposition'), `${kind}.${format}`),
      blob: await res.blob(),
      summary: [],
    };
  },
};

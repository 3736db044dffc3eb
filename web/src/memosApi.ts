/**
 * Memos and theory concepts over the HTTP API (src/server/routes/memos.ts and theory.ts).
 */

import type { Concept, ConceptAdded, MemoItem, MemoWritten } from '../../src/server/apiTypes.js';
import { projectPath as p, request } from './api.js';

export type { Concept, MemoItem };

/** What a memo can be on. */
export type MemoTarget = 'project' | 'source' | 'case' | 'code' | 'segment';
export const MEMO_TARGETS: MemoTarget[] = ['project', 'source', 'case', 'code', 'segment'];
/** What a theory concept can be linked to. */
export type LinkTarget = 'code' | 'segment' | 'memo';

const enc = encodeURIComponent;

export const memosApi = {
  list: (project: string, filter: { target?: MemoTarget; on?: string; q?: string } = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v) q.set(k, v);
    const query = q.toString();
    return request<MemoItem[]>('GET', `${p(project)}/memos${query ? `?${query}` : ''}`);
  },
  write: (project: string, memo: { target: MemoTarget; on?: string; title: string; body: string }) =>
    request<MemoWritten>('POST', `${p(project)}/memos`, memo),
  edit: (project: string, memo: string, patch: { title: string; body: string }) =>
    request<MemoWritten>('PUT', `${p(project)}/memos/${enc(memo)}`, patch),
  remove: (project: string, memo: string) => request<unknown>('DELETE', `${p(project)}/memos/${enc(memo)}`),

  concepts: async (project: string) => (await request<{ concepts: Concept[] }>('GET', `${p(project)}/theory`)).concepts,
  addConcept: (project: string, concept: { name: string; definition: string; reference: string }) =>
    request<ConceptAdded>('POST', `${p(project)}/theory`, concept),
  editConcept: (project: string, concept: string, patch: { name?: string; definition?: string; reference?: string }) =>
    request<unknown>('PATCH', `${p(project)}/theory/${enc(concept)}`, patch),
  deleteConcept: (project: string, concept: string) => request<unknown>('DELETE', `${p(project)}/theory/${enc(concept)}`),
  link: (project: string, concept: string, target: LinkTarget, on: string) =>
    request<unknown>('PUT', `${p(project)}/theory/${enc(concept)}/links/${target}/${enc(on)}`),
  unlink: (project: string, concept: string, target: LinkTarget, on: string) =>
    request<unknown>('DELETE', `${p(project)}/theory/${enc(concept)}/links/${target}/${enc(on)}`),
};

/**
 * Source sets and case sets over the HTTP API (src/server/routes/sets.ts), and the analysis
 * filter as the query views send it (src/server/routes/filterQuery.ts).
 */
import type { AnalysisFilter, SetList, SetSummary } from '../../src/server/apiTypes.js';
import { projectPath, request } from './api.js';

export type { AnalysisFilter, SetSummary };

export type SetKind = SetSummary['kind'];

export interface NewSet {
  kind: SetKind;
  name: string;
  description?: string;
  members?: string[];
  fromAttribute?: { attribute: string; value: string };
}

const enc = encodeURIComponent;

export const setsApi = {
  list: (project: string) => request<SetList>('GET', `${projectPath(project)}/sets`),
  add: (project: string, set: NewSet) => request<{ id: string }>('POST', `${projectPath(project)}/sets`, set),
  edit: (project: string, id: string, change: { name?: string; add?: string[]; remove?: string[]; freeze?: boolean }) =>
    request<{ id: string }>('PUT', `${projectPath(project)}/sets/${enc(id)}`, change),
  remove: (project: string, id: string) => request<{ id: string }>('DELETE', `${projectPath(project)}/sets/${enc(id)}`),
};

/**
 * The filter as query parameters, each list item its own parameter (names may hold commas), with
 * a leading `&`; empty when nothing is filtered. Append it to a query view's URL.
 */
export function filterParams(filter: AnalysisFilter | undefined): string {
  if (!filter) return '';
  const parts: string[] = [];
  for (const s of filter.sourceSets ?? []) parts.push(`sourceSet=${enc(s)}`);
  for (const s of filter.caseSets ?? []) parts.push(`caseSet=${enc(s)}`);
  // An attribute chosen without its value yet filters nothing.
  for (const a of filter.attributes ?? []) if (a.value) parts.push(`where=${enc(`${a.attribute}=${a.value}`)}`);
  if (filter.speaker) parts.push(`speaker=${filter.speaker}`);
  return parts.map((p) => `&${p}`).join('');
}

/**
 * The filter as a POST body or a download's JSON takes it: an attribute chosen without its value
 * yet dropped (as filterParams drops it), so a half-made choice lets every segment through rather than none.
 */
export function settledFilter(filter: AnalysisFilter | undefined): AnalysisFilter {
  if (!filter) return {};
  const { attributes, ...rest } = filter;
  const chosen = (attributes ?? []).filter((a) => a.value);
  return chosen.length > 0 ? { ...rest, attributes: chosen } : rest;
}

/**
 * Coding queries, smart codes and the sets that filter them, over the HTTP API
 * (src/server/routes: coding-query, smart-codes, sets). A hit's start and end are code points of
 * its source's text, half-open, as everywhere.
 */

import type { CodingQueryHit, CodingQueryResult, SetSummary, SmartCode } from '../../src/server/apiTypes.js';
import { projectPath as p, request } from './api.js';
import type { AnalysisFilter } from './setsApi.js';

const enc = encodeURIComponent;

export type { AnalysisFilter, CodingQueryHit, CodingQueryResult, SmartCode };

export interface SmartCodeFields {
  name: string;
  expression: string;
  filter?: AnalysisFilter;
  color?: string;
  description?: string;
}

export interface Page {
  limit: number;
  offset: number;
}

/** A filter without its empty parts: nothing chosen means no narrowing. */
export function compactFilter(filter: AnalysisFilter): AnalysisFilter | undefined {
  const out: AnalysisFilter = {};
  for (const [key, value] of Object.entries(filter) as [keyof AnalysisFilter, unknown][]) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    (out as Record<string, unknown>)[key] = value;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export const codingQueryApi = {
  run: (project: string, expression: string, filter: AnalysisFilter, page: Page) =>
    request<CodingQueryResult>('POST', `${p(project)}/coding-query`, {
      expression,
      filter: compactFilter(filter),
      ...page,
    }),
  smartCodes: (project: string) => request<{ smartCodes: SmartCode[] }>('GET', `${p(project)}/smart-codes`),
  saveSmartCode: (project: string, fields: SmartCodeFields) =>
    request<{ id: string }>('POST', `${p(project)}/smart-codes`, { ...fields, filter: compactFilter(fields.filter ?? {}) }),
  editSmartCode: (project: string, smartCode: string, fields: Partial<SmartCodeFields>) =>
    request<unknown>('PUT', `${p(project)}/smart-codes/${enc(smartCode)}`, fields),
  deleteSmartCode: (project: string, smartCode: string) =>
    request<unknown>('DELETE', `${p(project)}/smart-codes/${enc(smartCode)}`),
  smartCodeHits: (project: string, smartCode: string, page: Page) =>
    request<CodingQueryResult>(
      'GET',
      `${p(project)}/smart-codes/${enc(smartCode)}/hits?${new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) })}`,
    ),
  sets: (project: string) => request<{ sets: SetSummary[] }>('GET', `${p(project)}/sets`),
};

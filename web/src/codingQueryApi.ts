/**
 * Coding queries, smart codes and the sets that filter them, over the HTTP API
 * (src/server/routes: coding-query, smart-codes, sets). A hit's start and end are code points of
 * its source's text, half-open, as everywhere.
 */

import { projectPath as p, request } from './api.js';

const enc = encodeURIComponent;

/** What narrows a query: all fields optional; sets, sources, cases and coders by name or id. */
export interface AnalysisFilter {
  sourceSets?: string[];
  caseSets?: string[];
  sources?: string[];
  cases?: string[];
  /** Several attributes must all hold. */
  attributes?: { attribute: string; value: string }[];
  coders?: string[];
  speaker?: 'interviewer' | 'participant';
}

export interface CodingQueryHit {
  sourceId: string;
  sourceName: string;
  caseId: string | null;
  caseName: string | null;
  start: number;
  end: number;
  text: string;
  speaker: string | null;
  /** Names of the codes whose segments made the hit. */
  codes: string[];
}

export interface CodingQueryResult {
  /** The expression as the server normalised it. */
  expression: string;
  total: number;
  hits: CodingQueryHit[];
}

export interface SmartCode {
  id: string;
  name: string;
  expression: string;
  filter: AnalysisFilter;
  color: string;
  description: string;
  /** Passages it finds now; null when it cannot run (see `problem`). */
  hits: number | null;
  /** The error code of what keeps it from running (a code, source or case it names was deleted). */
  problem?: string | null;
}

export interface SmartCodeFields {
  name: string;
  expression: string;
  filter?: AnalysisFilter;
  color?: string;
  description?: string;
}

export interface AnalysisSet {
  id: string;
  name: string;
  kind: 'source' | 'case';
  members: unknown;
  rule: unknown;
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
  sets: (project: string) => request<{ sets: AnalysisSet[] }>('GET', `${p(project)}/sets`),
};

/**
 * "Find more like this" over the HTTP API (src/server/routes/suggestions.ts): the suggestions
 * for a code, ranked on the server (this machine), and a decision on one. Offsets are code points.
 */
import type { CodeSuggestions, SuggestionDecided } from '../../src/server/apiTypes.js';
import { projectPath, request } from './api.js';

export type { CodeSuggestions, SuggestionDecided } from '../../src/server/apiTypes.js';
export type Suggestion = CodeSuggestions['suggestions'][number];

const path = (project: string, code: string) => `${projectPath(project)}/codes/${encodeURIComponent(code)}/suggestions`;

export const suggestApi = {
  list: (project: string, code: string, limit = 20) => request<CodeSuggestions>('GET', `${path(project, code)}?limit=${limit}`),
  decide: (project: string, code: string, of: CodeSuggestions, s: Suggestion, decision: 'accept' | 'reject') =>
    request<SuggestionDecided>('POST', `${path(project, code)}/decisions`, {
      source: s.sourceId,
      start: s.start,
      end: s.end,
      decision,
      method: of.method,
      parameters: of.parameters,
      words: s.words,
      score: s.score,
    }),
};

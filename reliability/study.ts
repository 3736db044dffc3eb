import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { type Api, projectPath } from './http.js';
import { PROJECT } from './seed.js';

interface CodeNode {
  name: string;
  children?: CodeNode[];
}

export interface SourceRow {
  id: string;
  name: string;
  length: number;
  case: { name: string } | null;
}

/** The codebook's leaves (codes without children), by name. */
export async function leafCodes(api: Api): Promise<string[]> {
  const answer = await api.get(projectPath(PROJECT, '/codebook'));
  const leaves = (nodes: CodeNode[]): string[] => nodes.flatMap((n) => (n.children?.length ? leaves(n.children) : [n.name]));
  const tree = answer.json as CodeNode[] | { codes?: CodeNode[] } | undefined;
  return leaves(Array.isArray(tree) ? tree : (tree?.codes ?? []));
}

export async function listSources(api: Api): Promise<SourceRow[]> {
  const answer = await api.get(projectPath(PROJECT, '/sources'));
  return Array.isArray(answer.json) ? (answer.json as SourceRow[]) : [];
}

export async function caseNames(api: Api): Promise<string[]> {
  const answer = await api.get(projectPath(PROJECT, '/cases'));
  const cases = (answer.json as { cases?: { name: string }[] } | undefined)?.cases;
  return Array.isArray(cases) ? cases.map((c) => c.name) : [];
}

/** Codes `count` short spans of a source (in the acting coder's layer); returns the new segment ids. */
export async function codeSpans(api: Api, source: SourceRow, code: string, count: number, from = 0): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) {
    const start = (i * 7) % Math.max(1, source.length - 10);
    const answer = await api.send('POST', projectPath(PROJECT, '/segments'), { source: source.id, code, start, end: start + 5 });
    const id = (answer.json as { id?: string } | undefined)?.id;
    if (answer.status === 201 && id) ids.push(id);
  }
  return ids;
}

/** How long a heavy request (a big import, the first search, a report) may take before it counts as unanswered. */
export const SLOW_MS = 300_000;

/** Uploads a file from disk as a new source, streamed as the browser sends it. */
export function uploadFile(api: Api, file: string, size: number) {
  const path = projectPath(PROJECT, `/sources?fileName=${encodeURIComponent(basename(file))}`);
  return api.upload(path, createReadStream(file), size, SLOW_MS);
}

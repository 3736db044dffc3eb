/**
 * The HTTP API, typed as the UI uses it. Who acts is the signed-in person (the session cookie,
 * which the browser sends itself); every request carries the language for error messages
 * (`x-koda-lang`); an error answer becomes an `ApiError` whose message is the API's own
 * plain-words message.
 */

import { unpackSegments } from '../../src/core/segmentPage.js';
import { unpackCoding } from '../../src/core/sourceCoding.js';
import type {
  Attribute,
  Case,
  CaseAdded,
  CaseList,
  CodeAdded,
  CodeDeleted,
  CodeNode,
  CodesMerged,
  CodingApplied,
  DocSegment,
  Project,
  ProjectCreated,
  Redone,
  Segment,
  SegmentPage,
  SessionState,
  SignedInAccount,
  Source,
  SourceCoding,
  SourceImported,
  SourcePreview,
  SourceRenamed,
  SourceSummary,
  Undone,
} from '../../src/server/apiTypes.js';
import { apiPaths, takeEarly } from './early.js';

export type { Turn } from '../../src/server/apiTypes.js';
export type {
  Attribute,
  Case,
  CodeNode,
  DocSegment,
  Project,
  Segment,
  SegmentPage,
  SessionState,
  Source,
  SourcePreview,
  SourceSummary,
};

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface Identity {
  /** The signed-in person's name: their coding layer. */
  coder: string;
  lang: string;
}

let identity: Identity = { coder: '', lang: 'en' };
export function setIdentity(next: Identity): void {
  identity = next;
}

/** The signed-in person's name. */
export function currentCoder(): string {
  return identity.coder.trim();
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  // x-koda-csrf: the server refuses a change without it, which no other website can send.
  return { 'x-koda-lang': identity.lang, 'x-koda-csrf': '1', ...extra };
}

const enc = encodeURIComponent;

/** The network failure, in the UI's language (the server could not say it). */
function unreachable(message: { sv: string; en: string }): ApiError {
  return new ApiError(identity.lang === 'sv' ? message.sv : message.en, 'network', 0);
}

const NO_SERVER = { sv: 'Kan inte nå Koda-servern. Körs den?', en: 'Cannot reach the Koda server. Is it running?' };

/** The JSON of an answer's body; none when empty or not JSON. */
function jsonOf(body: string): unknown {
  try {
    return body ? JSON.parse(body) : undefined;
  } catch {
    return undefined;
  }
}

/** An error answer as an ApiError with the API's own message; a body that is not JSON (a proxy's page) leaves the status. */
function answerError(status: number, statusText: string, body: string): ApiError {
  const error = (jsonOf(body) as { error?: { code?: string; message?: string } } | null | undefined)?.error;
  return new ApiError(error?.message ?? `${status} ${statusText}`.trim(), error?.code ?? 'http', status);
}

/** Every call to the API goes through here: the identity headers on the way out, ApiError for an error answer. */
async function send(method: string, path: string, body: BodyInit | null, extra: Record<string, string>): Promise<Response> {
  let res: Response;
  try {
    res = (method === 'GET' ? await takeEarly(path) : null) ?? (await fetch(path, { method, headers: headers(extra), body }));
  } catch {
    throw unreachable(NO_SERVER);
  }
  if (res.status === 401) sessionEnded();
  if (!res.ok) throw answerError(res.status, res.statusText, await res.text());
  return res;
}

let sessionEnded = () => {};

/** What to do when the server no longer knows the session (expired, unused too long, signed out elsewhere). */
export function onSessionEnded(then: () => void): void {
  sessionEnded = then;
}

/** One API call; `extra` adds headers (e.g. the pseudonym key's secret). Exported for the area clients (refiApi, …). */
export async function request<T>(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<T> {
  const json = body === undefined ? null : JSON.stringify(body);
  const res = await send(method, path, json, json === null ? extra : { 'content-type': 'application/json', ...extra });
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A file from the API (GET), in `lang`; the caller reads the name, body and headers it needs. */
export function fetchFile(path: string, lang: string): Promise<Response> {
  return send('GET', path, null, { 'x-koda-lang': lang });
}

const p = apiPaths.project;
export const projectPath = p;

/** A consent or import warning as the API gives it (`{ code: 'consent.missing', params: { case } }`). */
export interface ApiWarning {
  code?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * Uploads a file as the raw request body, reporting progress (0–1) from the XMLHttpRequest
 * upload events (fetch has none).
 */
export function upload<T>(url: string, file: File, onProgress: (fraction: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [k, v] of Object.entries(headers({ 'content-type': 'application/octet-stream' }))) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve((jsonOf(xhr.responseText) ?? {}) as T);
      else reject(answerError(xhr.status, xhr.statusText, xhr.responseText));
    };
    xhr.onerror = () => reject(unreachable({ sv: 'Uppladdningen avbröts.', en: 'The upload failed.' }));
    xhr.send(file);
  });
}

export const api = {
  session: () => request<SessionState>('GET', apiPaths.session),
  /** Local mode: the person names themself once; the server sets the session cookie. */
  signInLocal: (name: string) => request<{ account: SignedInAccount }>('POST', '/api/session/local', { name }),
  /** Accounts mode: a name and password; the server sets the session cookie. */
  signIn: (name: string, password: string) => request<{ account: SignedInAccount }>('POST', apiPaths.session, { name, password }),
  projects: () => request<Project[]>('GET', apiPaths.projects),
  createProject: (name: string, language: string) => request<ProjectCreated>('POST', apiPaths.projects, { name, language }),
  sources: (project: string) => request<SourceSummary[]>('GET', apiPaths.sources(project)),
  source: (project: string, source: string) => request<Source>('GET', apiPaths.source(project, source)),
  /** A source's segments, unpacked from the columns they come in. */
  sourceSegments: async (project: string, source: string): Promise<DocSegment[]> =>
    unpackCoding(await request<SourceCoding>('GET', apiPaths.sourceCoding(project, source))),
  deleteSource: (project: string, source: string) => request<unknown>('DELETE', apiPaths.source(project, source)),
  renameSource: (project: string, source: string, name: string) =>
    request<SourceRenamed>('PUT', `${apiPaths.source(project, source)}/name`, { name }),
  linkSource: (project: string, source: string, caseRef: string | null) =>
    request<unknown>('PUT', `${apiPaths.source(project, source)}/case`, { case: caseRef }),
  cases: (project: string) => request<CaseList>('GET', apiPaths.cases(project)),
  addCase: (project: string, name: string) => request<CaseAdded>('POST', apiPaths.cases(project), { name }),
  setAttributes: (project: string, caseRef: string, attributes: Record<string, string>) =>
    request<unknown>('PATCH', `${p(project)}/cases/${enc(caseRef)}/attributes`, { attributes }),
  defineAttribute: (project: string, name: string, type: string, choices: string[]) =>
    request<unknown>('POST', `${p(project)}/attributes`, { name, type, choices }),
  codebook: (project: string) => request<CodeNode[]>('GET', apiPaths.codebook(project)),
  addCode: (project: string, name: string, parent: string | null, color?: string) =>
    request<CodeAdded>('POST', `${p(project)}/codes`, {
      name,
      parent,
      ...(color ? { color } : {}),
    }),
  editCode: (project: string, code: string, patch: { name?: string; color?: string; description?: string }) =>
    request<unknown>('PATCH', `${p(project)}/codes/${enc(code)}`, patch),
  moveCode: (project: string, code: string, parent: string | null, position?: number) =>
    request<unknown>('POST', `${p(project)}/codes/${enc(code)}/move`, {
      parent,
      ...(position === undefined ? {} : { position }),
    }),
  mergeCodes: (project: string, from: string, into: string) =>
    request<CodesMerged>('POST', `${p(project)}/codes/${enc(from)}/merge`, { into }),
  deleteCode: (project: string, code: string, dryRun: boolean) =>
    request<CodeDeleted>('DELETE', `${p(project)}/codes/${enc(code)}?withSegments=true${dryRun ? '&dryRun=true' : ''}`),
  applyTemplate: (project: string, template: string) =>
    request<unknown>('POST', `${p(project)}/codebook/templates/${enc(template)}`),
  segments: (project: string, filter: { code?: string; source?: string; only?: boolean }) => {
    const q = new URLSearchParams();
    if (filter.code) q.set('code', filter.code);
    if (filter.source) q.set('source', filter.source);
    if (filter.only) q.set('only', 'true');
    // Without a limit, the whole list on one page.
    return request<SegmentPage>('GET', `${p(project)}/segments?${q}`).then(unpackSegments);
  },
  applyCoding: (project: string, body: { source: string; code: string; start: number; end: number }) =>
    request<CodingApplied>('POST', `${p(project)}/segments`, body),
  removeSegment: (project: string, segment: string) => request<unknown>('DELETE', `${p(project)}/segments/${enc(segment)}`),
  setMemo: (project: string, segment: string, memo: string) =>
    request<unknown>('PUT', `${p(project)}/segments/${enc(segment)}/memo`, { memo }),
  undo: (project: string) => request<Undone>('POST', `${p(project)}/undo`),
  redo: (project: string) => request<Redone>('POST', `${p(project)}/redo`),
  eventsUrl: (project: string) => `${p(project)}/events`,

  /**
   * Uploads a transcript as the raw body, reporting progress (0–1), linked to an existing case or
   * to a new one created with it. Text the project already has is refused (`import.duplicate-found`)
   * unless `ifDuplicate` is `copy`.
   */
  importSource(
    project: string,
    file: File,
    target: {
      case?: string;
      newCase?: string;
      ifDuplicate: 'ask' | 'copy';
      /** Speaker label → the case that speaks it: an existing case's id or a new case's name. */
      speakers?: { speaker: string; case: string }[];
    },
    onProgress: (fraction: number) => void,
  ) {
    const q = new URLSearchParams({ fileName: file.name, ifDuplicate: target.ifDuplicate });
    if (target.case) q.set('case', target.case);
    if (target.newCase) q.set('newCase', target.newCase);
    for (const s of target.speakers ?? []) q.append('speaker', `${s.speaker}=${s.case}`);
    return upload<SourceImported>(`${p(project)}/sources?${q}`, file, onProgress);
  },
  /** What a file would import as (its kind and speakers), writing nothing. */
  previewSource: (project: string, file: File) =>
    upload<SourcePreview>(`${p(project)}/sources/preview?${new URLSearchParams({ fileName: file.name })}`, file, () => {}),
};

/** Flattens the codebook into nodes with their path and depth, in tree order. */
export interface FlatCode {
  node: CodeNode;
  path: string[];
  parentId: string | null;
  depth: number;
}

export function flattenCodebook(tree: CodeNode[]): FlatCode[] {
  const out: FlatCode[] = [];
  const walk = (nodes: CodeNode[], path: string[], parentId: string | null) => {
    for (const node of nodes) {
      out.push({ node, path: [...path, node.name], parentId, depth: path.length });
      walk(node.children, [...path, node.name], node.id);
    }
  };
  walk(tree, [], null);
  return out;
}

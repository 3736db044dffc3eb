/**
 * The answers a page needs first, asked for while the workbench's script still loads. Opening a
 * document used to wait for the script to run, then for the session, then for the project list,
 * and only then ask for the text and its codings (issue 17: 700 ms of the 1.3 s to the first
 * highlight). main.tsx, the page's first script (a few kB), sends these GETs the moment it runs;
 * the first request of the workbench for one of these paths takes its answer, once.
 *
 * An answer is handed over only when it is a 200, and only for EARLY_FOR_MS after it was asked
 * for: anything else (signed out, gone, the network) is asked again by the request itself, so
 * errors come in the person's language and take their usual way; a later request never gets an
 * answer older than the page.
 */
import { parseRoute } from './router.js';

const EARLY_FOR_MS = 10_000;
const enc = encodeURIComponent;

/** The API's paths asked for early, spelled once for this file and api.ts. */
export const apiPaths = {
  session: '/api/session',
  projects: '/api/projects',
  project: (project: string) => `/api/projects/${enc(project)}`,
  codebook: (project: string) => `${apiPaths.project(project)}/codebook`,
  sources: (project: string) => `${apiPaths.project(project)}/sources`,
  cases: (project: string) => `${apiPaths.project(project)}/cases`,
  source: (project: string, source: string) => `${apiPaths.sources(project)}/${enc(source)}`,
  sourceCoding: (project: string, source: string) => `${apiPaths.source(project, source)}/segments`,
};

/**
 * What the page at `hash` asks for before anything else: the session and the projects (which
 * the top bar names the project from); in a project, the lists its views share; on a document,
 * its text and codings, the heaviest, first.
 */
export function earlyPaths(hash: string): string[] {
  const route = parseRoute(hash);
  const paths = [apiPaths.session, apiPaths.projects];
  if (route.view === 'document')
    paths.push(apiPaths.source(route.project, route.source), apiPaths.sourceCoding(route.project, route.source));
  if ('project' in route)
    paths.push(apiPaths.codebook(route.project), apiPaths.sources(route.project), apiPaths.cases(route.project));
  return paths;
}

const asked = new Map<string, Promise<Response | null>>();

/** Sends a GET for each path now; their answers wait for `takeEarly`, or are dropped after EARLY_FOR_MS. */
export function askEarly(paths: string[]): void {
  for (const path of paths)
    asked.set(
      path,
      fetch(path).catch(() => null),
    );
  setTimeout(() => asked.clear(), EARLY_FOR_MS);
}

/** The early answer for `path` when one came and was a 200; it is handed over once. */
export async function takeEarly(path: string): Promise<Response | null> {
  const answer = asked.get(path);
  if (!answer) return null;
  asked.delete(path);
  const res = await answer;
  return res?.ok ? res : null;
}

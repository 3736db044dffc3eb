import { useEffect, useState } from 'react';

/** Where the user is, kept in the URL hash so a reload or a shared link lands in the same place. */
export type Route =
  | { view: 'projects' }
  | { view: 'overview'; project: string }
  | { view: 'document'; project: string; source: string; segment: string | null }
  | { view: 'retrieval'; project: string; code: string }
  | { view: ProjectSection; project: string }
  | { view: 'compare'; project: string; source: string | null };

/** Pages of a project that take nothing but the project (#/p/:project/<section>). */
export const PROJECT_SECTIONS = ['privacy', 'pseudonyms', 'audit', 'coders', 'agreement'] as const;
export type ProjectSection = (typeof PROJECT_SECTIONS)[number];
const isSection = (s: string | undefined): s is ProjectSection => PROJECT_SECTIONS.includes(s as ProjectSection);

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'p' && parts[1]) {
    const project = parts[1];
    if (parts[2] === 's' && parts[3]) return { view: 'document', project, source: parts[3], segment: params.get('segment') };
    if (parts[2] === 'code' && parts[3]) return { view: 'retrieval', project, code: parts[3] };
    if (parts[2] === 'compare') return { view: 'compare', project, source: parts[3] ?? null };
    if (isSection(parts[2])) return { view: parts[2], project };
    return { view: 'overview', project };
  }
  return { view: 'projects' };
}

export function href(route: Route): string {
  const e = encodeURIComponent;
  switch (route.view) {
    case 'projects':
      return '#/';
    case 'overview':
      return `#/p/${e(route.project)}`;
    case 'document':
      return `#/p/${e(route.project)}/s/${e(route.source)}${route.segment ? `?segment=${e(route.segment)}` : ''}`;
    case 'retrieval':
      return `#/p/${e(route.project)}/code/${e(route.code)}`;
    case 'compare':
      return `#/p/${e(route.project)}/compare${route.source ? `/${e(route.source)}` : ''}`;
    default:
      return `#/p/${e(route.project)}/${route.view}`;
  }
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const on = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

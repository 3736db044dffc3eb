/** Where the user is, kept in the URL hash so a reload or a shared link lands in the same place. */
export type Route =
  | { view: 'projects' }
  | { view: 'overview'; project: string }
  | {
      view: 'document';
      project: string;
      source: string;
      segment: string | null;
      /** A place to select and mark (code points), e.g. a search hit. */
      at?: { start: number; end: number };
      /** Transcription mode: the text as a field beside the recording (#/p/:project/s/:source/transcribe). */
      transcribe?: boolean;
    }
  | { view: 'retrieval'; project: string; code: string }
  | { view: ProjectSection; project: string }
  | { view: 'compare'; project: string; source: string | null }
  | { view: 'queries'; project: string; tab: QueryTab }
  /** The pictures of the coding (#/p/:project/pictures/<tab>[/<source>]); a portrait shows one source. */
  | { view: 'pictures'; project: string; tab: PictureTab; source?: string | null }
  /** The coding query builder (#/p/:project/coding-query). */
  | { view: 'codingQuery'; project: string }
  /** A smart code's passages (#/p/:project/smart/:smartCode). */
  | { view: 'smartCode'; project: string; smartCode: string };

/** Pages of a project that take nothing but the project (#/p/:project/<section>). */
export const PROJECT_SECTIONS = [
  'privacy',
  'pseudonyms',
  'audit',
  'coders',
  'agreement',
  'report',
  'interviews',
  'transcription',
  'memos',
  'theory',
] as const;
export type ProjectSection = (typeof PROJECT_SECTIONS)[number];
const isSection = (s: string | undefined): s is ProjectSection => PROJECT_SECTIONS.includes(s as ProjectSection);

/** The views of the queries page (#/p/:project/queries/<tab>). */
export const QUERY_TABS = ['matrix', 'frequencies', 'cooccurrence', 'shares', 'search', 'autocode'] as const;
export type QueryTab = (typeof QUERY_TABS)[number];
const isTab = (s: string | undefined): s is QueryTab => QUERY_TABS.includes(s as QueryTab);

/** The pictures of the coding (#/p/:project/pictures/<tab>). */
export const PICTURE_TABS = ['codemap', 'portrait', 'comparison'] as const;
export type PictureTab = (typeof PICTURE_TABS)[number];
const isPictureTab = (s: string | undefined): s is PictureTab => PICTURE_TABS.includes(s as PictureTab);

/** `120-135` → a place in code points; anything else → undefined. */
function parsePlace(value: string | null): { start: number; end: number } | undefined {
  const m = /^(\d+)-(\d+)$/.exec(value ?? '');
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  return end >= start ? { start, end } : undefined;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === 'p' && parts[1]) {
    const project = parts[1];
    if (parts[2] === 's' && parts[3]) {
      const at = parsePlace(params.get('at'));
      const transcribe = parts[4] === 'transcribe' ? { transcribe: true } : {};
      return {
        view: 'document',
        project,
        source: parts[3],
        segment: params.get('segment'),
        ...(at ? { at } : {}),
        ...transcribe,
      };
    }
    if (parts[2] === 'queries') return { view: 'queries', project, tab: isTab(parts[3]) ? parts[3] : 'matrix' };
    if (parts[2] === 'pictures') {
      return { view: 'pictures', project, tab: isPictureTab(parts[3]) ? parts[3] : 'codemap', source: parts[4] ?? null };
    }
    if (parts[2] === 'code' && parts[3]) return { view: 'retrieval', project, code: parts[3] };
    if (parts[2] === 'coding-query') return { view: 'codingQuery', project };
    if (parts[2] === 'smart' && parts[3]) return { view: 'smartCode', project, smartCode: parts[3] };
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
    case 'document': {
      const q = new URLSearchParams();
      if (route.segment) q.set('segment', route.segment);
      if (route.at) q.set('at', `${route.at.start}-${route.at.end}`);
      const query = q.toString();
      return `#/p/${e(route.project)}/s/${e(route.source)}${route.transcribe ? '/transcribe' : ''}${query ? `?${query}` : ''}`;
    }
    case 'queries':
      return `#/p/${e(route.project)}/queries/${route.tab}`;
    case 'pictures':
      return `#/p/${e(route.project)}/pictures/${route.tab}${route.source ? `/${e(route.source)}` : ''}`;
    case 'retrieval':
      return `#/p/${e(route.project)}/code/${e(route.code)}`;
    case 'compare':
      return `#/p/${e(route.project)}/compare${route.source ? `/${e(route.source)}` : ''}`;
    case 'codingQuery':
      return `#/p/${e(route.project)}/coding-query`;
    case 'smartCode':
      return `#/p/${e(route.project)}/smart/${e(route.smartCode)}`;
    default:
      return `#/p/${e(route.project)}/${route.view}`;
  }
}

/** Which page a route shows, leaving out the place within it (a segment, a marked span). */
export function pageOf(route: Route): string {
  return route.view === 'document' ? href({ ...route, segment: null, at: undefined }) : href(route);
}

export function navigate(route: Route): void {
  window.location.hash = href(route);
}

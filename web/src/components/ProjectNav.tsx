import { useTranslation } from 'react-i18next';
import { useMay } from '../project.js';
import { href, type Route } from '../router.js';

/** The pages of a project, under the top bar. The current one is marked for screen readers too. */
const PAGES = [
  'overview',
  'interviews',
  'transcription',
  'queries',
  'codingQuery',
  'pictures',
  'memos',
  'theory',
  'report',
  'privacy',
  'pseudonyms',
  'coders',
  'agreement',
  'compare',
  'audit',
] as const;

/** The pages only a project's owner may read (the server refuses the others): not offered to them. */
export const OWNER_PAGES: ReadonlySet<string> = new Set(['pseudonyms', 'audit']);

export function ProjectNav({ route, project }: { route: Route; project: string }) {
  const { t } = useTranslation();
  const isOwner = useMay('owner');
  const current = route.view === 'document' || route.view === 'retrieval' ? null : route.view;
  return (
    <nav className="subnav" aria-label={t('nav.label')}>
      <ul>
        {PAGES.filter((page) => isOwner || !OWNER_PAGES.has(page)).map((page) => {
          const target: Route =
            page === 'compare'
              ? { view: 'compare', project, source: null }
              : page === 'queries'
                ? { view: 'queries', project, tab: 'matrix' }
                : page === 'codingQuery'
                  ? { view: 'codingQuery', project }
                  : page === 'pictures'
                    ? { view: 'pictures', project, tab: 'codemap' }
                    : { view: page, project };
          return (
            <li key={page}>
              <a href={href(target)} aria-current={current === page ? 'page' : undefined}>
                {t(`nav.${page}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

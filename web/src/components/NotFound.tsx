import { useTranslation } from 'react-i18next';
import { href } from '../router.js';

/**
 * A project, source or code named in the URL that does not exist (a stale link, a deleted
 * source): said plainly, with the way back, rather than an empty page.
 */
export function NotFound({ kind, name, project }: { kind: 'project' | 'source' | 'code'; name: string; project?: string }) {
  const { t } = useTranslation();
  return (
    <section className="card" data-testid="not-found">
      <h1>{t('notFound.heading')}</h1>
      <p>{t(`notFound.${kind}`, { name })}</p>
      <p>
        {project ? (
          <a href={href({ view: 'overview', project })}>{t('notFound.toOverview')}</a>
        ) : (
          <a href={href({ view: 'projects' })}>{t('notFound.toProjects')}</a>
        )}
      </p>
    </section>
  );
}

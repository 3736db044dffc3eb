import { useTranslation } from 'react-i18next';
import { useProject } from '../project.js';
import { href } from '../router.js';
import { useRoute } from '../useRoute.js';
import './codingQuery.css';
import { useSmartCodes } from './useSmartCodes.js';

/**
 * The smart codes under the codebook, in a group of their own: each with its colour, the sign
 * that it is a saved query (ƒ, named for screen readers) and how many passages it finds now; a
 * link shows them. The sign and the count stand beside the link, not in it, so the link's visible
 * text (the name) begins its accessible name (WCAG 2.5.3, label in name). Nothing is drawn while
 * the project has none.
 */
export function SmartCodeList() {
  const { t } = useTranslation();
  const data = useProject();
  const [list] = useSmartCodes();
  const route = useRoute();
  if (!list || list.length === 0) return null;
  const current = route.view === 'smartCode' ? route.smartCode : null;
  return (
    <section className="smart-codes" aria-labelledby="smart-codes-heading">
      <h3 id="smart-codes-heading">{t('codingQuery.smart.heading')}</h3>
      <ul>
        {list.map((s) => (
          <li key={s.id}>
            <span className="swatch" style={{ background: s.color || undefined }} aria-hidden="true" />
            <span className="smart-icon" aria-hidden="true" title={t('codingQuery.smart.icon')}>
              ƒ
            </span>
            <a
              href={href({ view: 'smartCode', project: data.project, smartCode: s.id })}
              aria-current={current === s.id ? 'page' : undefined}
              aria-label={
                s.hits === null
                  ? t('codingQuery.smart.itemBroken', { name: s.name })
                  : t('codingQuery.smart.itemLabel', { name: s.name, count: s.hits })
              }
              data-smart-code={s.name}
            >
              {s.name}
            </a>
            <span className="count" aria-hidden="true" title={s.hits === null ? t('codingQuery.smart.broken') : undefined}>
              {s.hits ?? '!'}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

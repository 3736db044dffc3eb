import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../project.js';
import { useRemembered } from '../queries/remember.js';
import { href, PICTURE_TABS, type PictureTab } from '../router.js';
import type { AnalysisFilter } from '../setsApi.js';
import { useCoders } from './CodersView.js';
import { FilterBar } from './FilterBar.js';
import { CodeMapView } from './pictures/CodeMapView.js';
import { ComparisonView } from './pictures/ComparisonView.js';
import { PortraitView } from './pictures/PortraitView.js';

/**
 * The pictures page: the code map, a transcript's code line and the case comparison, one per tab
 * (in the address). The coding layer chosen here is the one the queries page uses too.
 */
export function PicturesView({ tab, source }: { tab: PictureTab; source: string | null }) {
  const { t } = useTranslation();
  const data = useProject();
  const [info] = useCoders();
  const [coder, setCoder] = useRemembered(`${data.project}:queries:coder`, '');
  const coderId = useId();
  const [filter, setFilter] = useRemembered<AnalysisFilter>(`${data.project}:pictures:filter`, {});
  const layers = info?.coders ?? [];
  return (
    <div className="queries pictures">
      <div className="queries-head">
        <h1>{t('pictures.heading')}</h1>
        {layers.length > 1 && (
          <label htmlFor={coderId} className="inline">
            {t('queries.layer')}
            <select id={coderId} value={coder} onChange={(e) => setCoder(e.target.value)}>
              <option value="">{t('queries.allLayers')}</option>
              {layers.map((l) => (
                <option key={l.id} value={l.name}>
                  {l.name}
                  {l.kind === 'consensus' ? ` (${t('coders.kinds.consensus')})` : ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <nav className="tabs" aria-label={t('pictures.views')}>
        <ul>
          {PICTURE_TABS.map((p) => (
            <li key={p}>
              <a
                href={href({ view: 'pictures', project: data.project, tab: p, source: p === 'portrait' ? source : null })}
                aria-current={p === tab ? 'page' : undefined}
              >
                {t(`pictures.tabs.${p}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tab !== 'portrait' && <FilterBar value={filter} onChange={setFilter} />}
      {tab === 'codemap' && <CodeMapView coder={coder} filter={filter} />}
      {tab === 'portrait' && <PortraitView coder={coder} source={source} />}
      {tab === 'comparison' && <ComparisonView coder={coder} filter={filter} />}
    </div>
  );
}

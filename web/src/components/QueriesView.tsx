import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanCode, useProject } from '../project.js';
import { useRemembered } from '../queries/remember.js';
import { href, QUERY_TABS, type QueryTab } from '../router.js';
import { AutocodeView } from './AutocodeView.js';
import { useCoders } from './CodersView.js';
import { CooccurrenceView } from './CooccurrenceView.js';
import { FrequenciesView } from './FrequenciesView.js';
import { MatrixView } from './MatrixView.js';
import { SearchView } from './SearchView.js';
import { SharesView } from './SharesView.js';

/**
 * The queries page: matrices, code frequencies, co-occurrence, "who shares this code", text
 * search and auto-coding, one view per tab (in the address, so Back returns to it). The coding
 * layer chosen here applies to the counting views. Auto-coding codes, even its preview: not for a viewer.
 */
export function QueriesView({ tab }: { tab: QueryTab }) {
  const { t } = useTranslation();
  const data = useProject();
  const [info] = useCoders();
  const canCode = useCanCode();
  const [coder, setCoder] = useRemembered(`${data.project}:queries:coder`, '');
  const coderId = useId();
  const layers = info?.coders ?? [];
  const counting = tab !== 'search' && tab !== 'autocode';
  return (
    <div className="queries">
      <div className="queries-head">
        <h1>{t('queries.heading')}</h1>
        {counting && layers.length > 1 && (
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
      <nav className="tabs" aria-label={t('queries.views')}>
        <ul>
          {QUERY_TABS.filter((q) => canCode || q !== 'autocode').map((q) => (
            <li key={q}>
              <a href={href({ view: 'queries', project: data.project, tab: q })} aria-current={q === tab ? 'page' : undefined}>
                {t(`queries.tabs.${q}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'matrix' && <MatrixView coder={coder} />}
      {tab === 'frequencies' && <FrequenciesView coder={coder} />}
      {tab === 'cooccurrence' && <CooccurrenceView coder={coder} />}
      {tab === 'shares' && <SharesView coder={coder} />}
      {tab === 'search' && <SearchView />}
      {tab === 'autocode' && canCode && <AutocodeView />}
    </div>
  );
}

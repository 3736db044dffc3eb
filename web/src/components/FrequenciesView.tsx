import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { useProject } from '../project.js';
import { frequencySpec } from '../queries/charts.js';
import { useRemembered } from '../queries/remember.js';
import { type CodeFrequency, queriesApi } from '../queriesApi.js';
import { href } from '../router.js';
import type { AnalysisFilter } from '../setsApi.js';
import { formatCount } from '../study/figures.js';
import { useUi } from '../ui.js';
import { Chart } from './Chart.js';
import { FilterBar } from './FilterBar.js';
import { RECOUNT } from './MatrixView.js';

/** How often each code is used (in what the analysis filter lets through): bars of the codes, and the whole codebook as a table. */
export function FrequenciesView({ coder }: { coder: string }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [list, setList] = useState<CodeFrequency[] | null>(null);
  const [filter, setFilter] = useRemembered<AnalysisFilter>(`${data.project}:frequencies:filter`, {});
  const lang = i18n.language;

  const load = useCallback(async () => {
    const r = await run(() => queriesApi.frequencies(data.project, coder, filter));
    if (r) setList(r);
  }, [run, data.project, coder, filter]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, ...RECOUNT) && void load()), [data, load]);

  const spec = useMemo(
    () =>
      list?.some((f) => f.branchSegments > 0)
        ? frequencySpec(list, t('queries.frequencies.chartTitle'), t('queries.measures.count'))
        : null,
    [list, t],
  );

  if (list === null) return <p>{t('app.loading')}</p>;
  return (
    <section aria-labelledby="frequencies-heading">
      <h2 id="frequencies-heading" className="sr-only">
        {t('queries.tabs.frequencies')}
      </h2>
      <FilterBar value={filter} onChange={setFilter} />
      {spec ? (
        <div className="card">
          <Chart spec={spec} label={t('queries.frequencies.chartLabel')} />
        </div>
      ) : (
        <p className="card muted">{t('queries.frequencies.none')}</p>
      )}
      <div className="card table-scroll">
        <table className="table frequencies">
          <caption className="sr-only">{t('queries.frequencies.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queries.levels.codes')}</th>
              <th scope="col" className="num">
                {t('queries.frequencies.own')}
              </th>
              <th scope="col" className="num">
                {t('queries.frequencies.branch')}
              </th>
              <th scope="col" className="num">
                {t('queries.frequencies.chars')}
              </th>
              <th scope="col" className="num">
                {t('queries.frequencies.cases')}
              </th>
              <th scope="col" className="num">
                {t('queries.frequencies.sources')}
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((f) => (
              <tr key={f.id} className={f.children > 0 ? 'branch' : undefined} data-code={f.name}>
                <th scope="row" style={{ paddingLeft: `${0.6 + f.depth * 1.2}rem` }} title={f.path.join(' / ')}>
                  <span className="swatch" style={{ background: f.color }} aria-hidden="true" />{' '}
                  <a href={href({ view: 'retrieval', project: data.project, code: f.id })}>{f.name}</a>
                </th>
                <td className="num">{formatCount(f.segments, lang)}</td>
                <td className="num">{formatCount(f.branchSegments, lang)}</td>
                <td className="num">{formatCount(f.chars, lang)}</td>
                <td className="num">{formatCount(f.cases, lang)}</td>
                <td className="num">{formatCount(f.sources, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

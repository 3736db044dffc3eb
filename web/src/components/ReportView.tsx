import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiWarning } from '../api.js';
import { useProject } from '../project.js';
import { useRemembered } from '../queries/remember.js';
import { queriesApi, REPORT_FORMATS, type ReportOptions } from '../queriesApi.js';
import { saveDownload } from '../refiApi.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';
import { warningText } from '../warnings.js';
import { useCoders } from './CodersView.js';
import { FilterBar } from './FilterBar.js';

/**
 * The results draft: the codebook as the chapter's structure with each code's quotes (each
 * ending with the case's name), a table of the cases with the chosen attributes, figures and
 * memos if wanted, from all coders or one layer; downloaded as docx, Markdown or HTML. What the
 * server warns of (quotes from cases without recorded consent) is said in plain words. The analysis
 * filter (sets, an attribute value, the speaker's role) narrows the quotes and counts it draws on.
 */
export function ReportView() {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [info] = useCoders();
  const [options, setOptions] = useRemembered<Omit<ReportOptions, 'attributes'> & { attributes: string[] | null }>(
    `${data.project}:report`,
    { format: 'docx', attributes: null, casesTable: true, memos: false, charts: true, coder: '' },
  );
  const [working, setWorking] = useState(false);
  const [done, setDone] = useState<{ fileName: string; warnings: ApiWarning[] } | null>(null);
  const ids = { layer: useId(), formats: useId() };
  const names = data.attributes.map((a) => a.name);
  // Until chosen: every attribute, in the project's order.
  const attributes = options.attributes ?? names;
  const set = (patch: Partial<typeof options>) => setOptions((o) => ({ ...o, ...patch }));

  const build = async (e: FormEvent) => {
    e.preventDefault();
    setWorking(true);
    setDone(null);
    const chosen = names.filter((n) => attributes.includes(n));
    const file = await run(() => queriesApi.report(data.project, { ...options, attributes: chosen }, i18n.language));
    setWorking(false);
    if (!file) return;
    saveDownload({ fileName: file.fileName, blob: file.blob, summary: [] });
    setDone({ fileName: file.fileName, warnings: file.warnings });
  };

  const layers = info?.coders ?? [];
  return (
    <div className="report">
      <h1>{t('report.heading')}</h1>
      <p className="muted">{t('report.intro')}</p>
      <form className="card" onSubmit={(e) => void build(e)}>
        <fieldset className="checks inline-checks">
          <legend>{t('report.format')}</legend>
          {REPORT_FORMATS.map((f) => (
            <label key={f} className="check">
              <input
                type="radio"
                name={ids.formats}
                value={f}
                checked={options.format === f}
                onChange={() => set({ format: f })}
              />
              {t(`report.formats.${f}`)}
            </label>
          ))}
        </fieldset>
        {options.format === 'md' && options.charts && <p className="muted small">{t('report.zipNote')}</p>}
        <div className="row top">
          <fieldset className="checks">
            <legend>{t('report.contents')}</legend>
            <label className="check">
              <input type="checkbox" checked={options.charts} onChange={(e) => set({ charts: e.target.checked })} />
              {t('report.charts')}
            </label>
            <label className="check">
              <input type="checkbox" checked={options.memos} onChange={(e) => set({ memos: e.target.checked })} />
              {t('report.memos')}
            </label>
            <label className="check">
              <input type="checkbox" checked={options.casesTable} onChange={(e) => set({ casesTable: e.target.checked })} />
              {t('report.casesTable')}
            </label>
            <label className="check">
              <input type="checkbox" checked={options.methods !== false} onChange={(e) => set({ methods: e.target.checked })} />
              {t('report.methods')}
            </label>
          </fieldset>
          {names.length > 0 && (
            <fieldset className="checks" disabled={!options.casesTable}>
              <legend>{t('report.attributes')}</legend>
              {names.map((n) => (
                <label key={n} className="check">
                  <input
                    type="checkbox"
                    checked={attributes.includes(n)}
                    onChange={(e) =>
                      set({ attributes: e.target.checked ? [...attributes, n] : attributes.filter((a) => a !== n) })
                    }
                  />
                  {n}
                </label>
              ))}
            </fieldset>
          )}
          <label htmlFor={ids.layer}>
            {t('report.layer')}
            <select id={ids.layer} value={options.coder} onChange={(e) => set({ coder: e.target.value })}>
              <option value="">{t('queries.allLayers')}</option>
              {layers.map((l) => (
                <option key={l.id} value={l.name}>
                  {l.name}
                  {l.kind === 'consensus' ? ` (${t('coders.kinds.consensus')})` : ''}
                </option>
              ))}
            </select>
          </label>
        </div>
        <FilterBar value={options.filter ?? {}} onChange={(filter) => set({ filter })} />
        <div className="row tight">
          <button type="submit" className="primary" disabled={working}>
            {t('report.download', { format: t(`report.formats.${options.format}`) })}
          </button>
          <span role="status" className="muted small">
            {working ? t('report.building') : ''}
          </span>
        </div>
      </form>
      {done && (
        <section className="summary-box" aria-labelledby="report-done" data-testid="report-done">
          <h2 id="report-done">{t('report.saved', { file: done.fileName })}</h2>
          {done.warnings.length === 0 ? (
            <p className="small">{t('report.noWarnings')}</p>
          ) : (
            <>
              <p>{t('report.warningsIntro', { count: done.warnings.length })}</p>
              <ul className="plain-list" data-testid="report-warnings">
                {done.warnings.map((w) => (
                  <li key={`${w.code}:${JSON.stringify(w.params)}`} className="flag-text">
                    {w.code === 'consent.missing'
                      ? t('report.consentMissing', { case: String(w.params?.case ?? '') })
                      : warningText(t, w)}
                  </li>
                ))}
              </ul>
              <p className="small">
                <a href={href({ view: 'privacy', project: data.project })}>{t('report.toConsent')}</a>
              </p>
            </>
          )}
        </section>
      )}
    </div>
  );
}

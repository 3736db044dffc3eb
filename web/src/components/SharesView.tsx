import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { codeColor } from '../codeColors.js';
import { useProject } from '../project.js';
import { useRemembered } from '../queries/remember.js';
import { type Quote, queriesApi, type Shares } from '../queriesApi.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';
import { RECOUNT } from './MatrixView.js';

/** "Who shares this code": the cases that have it, side by side with their quotes, and those that do not. */
export function SharesView({ coder }: { coder: string }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const key = `${data.project}:shares`;
  const [code, setCode] = useRemembered<string>(`${key}:code`, '');
  const [below, setBelow] = useRemembered(`${key}:below`, true);
  const [shares, setShares] = useState<Shares | null>(null);
  const codeId = useId();
  // Until one is chosen: the first code in the codebook that has segments.
  const chosen = code || (data.flat.find((f) => f.node.children.length === 0 && f.node.segments > 0)?.node.id ?? '');

  const load = useCallback(async () => {
    if (!chosen) return;
    const r = await run(() => queriesApi.shares(data.project, chosen, !below, coder));
    if (r) setShares(r);
  }, [run, data.project, chosen, below, coder]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, ...RECOUNT) && void load()), [data, load]);

  const total = data.cases.length;
  return (
    <section aria-labelledby="shares-heading">
      <h2 id="shares-heading" className="sr-only">
        {t('queries.tabs.shares')}
      </h2>
      <div className="card">
        <div className="row">
          <label htmlFor={codeId}>
            {t('queries.shares.code')}
            <select id={codeId} value={chosen} onChange={(e) => setCode(e.target.value)}>
              {data.flat.map((f) => (
                <option key={f.node.id} value={f.node.id}>
                  {`${'\u00a0\u00a0'.repeat(f.depth)}${f.node.name}`}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={below} onChange={(e) => setBelow(e.target.checked)} />
            {t('retrieval.descendants')}
          </label>
        </div>
      </div>
      {!chosen ? (
        <p className="card muted">{t('queries.shares.noCodes')}</p>
      ) : shares === null || shares.code.id !== chosen ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          <div className="card">
            <h2>
              <span className="swatch big" style={{ background: codeColor(data.flat, shares.code.id) }} aria-hidden="true" />
              {t('queries.shares.heading', { code: shares.code.name, count: shares.cases.length, total })}
            </h2>
            {shares.code.description && <p className="muted">{shares.code.description}</p>}
            {shares.without.length > 0 && (
              <p className="small">{t('queries.shares.without', { names: shares.without.map((c) => c.name).join(', ') })}</p>
            )}
          </div>
          {shares.cases.length > 0 && (
            <ul className="case-columns" aria-label={t('queries.shares.casesLabel', { code: shares.code.name })}>
              {shares.cases.map((c) => (
                <li key={c.id} className="case-column" data-case={c.name}>
                  <h3>{c.name}</h3>
                  {Object.keys(c.attributes).length > 0 && (
                    <p className="muted small">
                      {Object.entries(c.attributes)
                        .map(([k, v]) => `${k}: ${v}`)
                        .join(' · ')}
                    </p>
                  )}
                  <p className="small">{t('queries.shares.quotes', { count: c.segments.length })}</p>
                  <QuoteItems quotes={c.segments} />
                </li>
              ))}
            </ul>
          )}
          {shares.noCase.length > 0 && (
            <section className="card">
              <h3>{t('queries.shares.noCase')}</h3>
              <QuoteItems quotes={shares.noCase} />
            </section>
          )}
        </>
      )}
    </section>
  );
}

function QuoteItems({ quotes }: { quotes: Quote[] }) {
  const { t } = useTranslation();
  const data = useProject();
  return (
    <ol className="quotes">
      {quotes.map((q) => (
        <li key={q.id}>
          <blockquote className="quote small">{q.text}</blockquote>
          <div className="small muted">
            {data.codeById.get(q.code.id)?.node.name ?? q.code.name}
            {' · '}
            <a
              href={href({ view: 'document', project: data.project, source: q.source.id, segment: q.id })}
              aria-label={t('retrieval.jumpLabel', { source: q.source.name, start: q.start, end: q.end })}
            >
              {t('retrieval.jump')}
            </a>
          </div>
        </li>
      ))}
    </ol>
  );
}

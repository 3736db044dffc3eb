import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { actionLabelKey } from '../actions.js';
import { type AuditEvent, privacyApi } from '../privacyApi.js';
import { useProject } from '../project.js';
import { detailPairs } from '../study/forms.js';
import { useUi } from '../ui.js';

const LIMIT = 500;

/**
 * The project's audit log: who did what, when, to which ids (each named as it is now when it
 * still exists), with counts; newest first.
 */
export function AuditView() {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [action, setAction] = useState('');
  const [events, setEvents] = useState<AuditEvent[] | null>(null);
  const [actions, setActions] = useState<string[]>([]);
  const filterId = useId();

  const load = useCallback(async () => {
    const list = await run(() => privacyApi.audit(data.project, action || undefined, LIMIT));
    if (!list) return;
    setEvents(list);
    // The filter offers every action seen so far (an unfiltered load shows them all).
    setActions((known) => [...new Set([...known, ...list.map((e) => e.action)])].sort());
  }, [run, data.project, action]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe(() => void load()), [data, load]);

  // An action no longer declared (an older Koda's) is shown by its name.
  const label = (a: string) => t(actionLabelKey(a), { defaultValue: a });
  const when = (iso: string) =>
    new Date(iso).toLocaleString(i18n.language === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'medium' });

  return (
    <section className="card audit" aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t('audit.heading')}</h1>
      <p className="muted small">{t('audit.intro')}</p>
      <div className="row">
        <label htmlFor={filterId}>
          {t('audit.filter')}
          <select id={filterId} value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('audit.all')}</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {label(a)} ({a})
              </option>
            ))}
          </select>
        </label>
        {events && (
          <span className="muted" aria-live="polite">
            {t('audit.count', { count: events.length })}
            {events.length >= LIMIT ? ` ${t('audit.limited', { count: LIMIT })}` : ''}
          </span>
        )}
      </div>
      {events === null ? (
        <p>{t('app.loading')}</p>
      ) : events.length === 0 ? (
        <p className="muted">{t('audit.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table audit-table">
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.ids')}</th>
                <th scope="col">{t('audit.counts')}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: events carry no id; the list is replaced whole on each load
                <tr key={`${e.at}-${i}`} data-action={e.action}>
                  <td className="nowrap">
                    <time dateTime={e.at}>{when(e.at)}</time>
                  </td>
                  <td>
                    {e.actor}
                    {e.account && (
                      <div className="muted small mono" title={t('audit.account')}>
                        {e.account.id}
                      </div>
                    )}
                  </td>
                  <td>
                    {label(e.action)}
                    <div className="muted small mono">{e.action}</div>
                  </td>
                  <td className="small">
                    {e.objects.map((o) => (
                      <div key={o.id} className="audit-object" data-kind={o.kind ?? 'deleted'}>
                        {o.kind === null ? (
                          <span className="muted">{t('audit.deleted')}</span>
                        ) : (
                          <>
                            <span className="muted">{t(`audit.kinds.${o.kind}`)}</span>
                            {o.name && <strong> {o.name}</strong>}
                          </>
                        )}{' '}
                        <span className="mono muted">{o.id}</span>
                      </div>
                    ))}
                  </td>
                  <td className="small">
                    {detailPairs(e.details).map(([k, v]) => (
                      <div key={k}>
                        {k}: <strong>{v}</strong>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

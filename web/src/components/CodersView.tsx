import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { type CodersInfo, codersApi } from '../codersApi.js';
import { useProject } from '../project.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';
import { MembersPanel } from './MembersPanel.js';

/** Refreshes the coders list on changes that touch layers or blind mode. */
export function useCoders(): [CodersInfo | null, () => Promise<void>] {
  const data = useProject();
  const { run } = useUi();
  const [info, setInfo] = useState<CodersInfo | null>(null);
  const { coder } = data;
  const load = useCallback(async () => {
    void coder; // what a coder may see depends on who asks
    const r = await run(() => codersApi.coders(data.project));
    if (r) setInfo(r);
  }, [run, data.project, coder]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      data.subscribe((events) => {
        if (anyTouches(events, 'project', 'coders', 'segments')) void load();
      }),
    [data, load],
  );
  return [info, load];
}

/** The project's coding layers, who owns the project, blind mode and revealing; for its owner, its members. */
export function CodersView() {
  const { t } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const [info, load] = useCoders();

  const notOwner = info !== null && !info.mayManage;

  const setBlind = async (blind: boolean) => {
    const r = await run(() => codersApi.setBlind(data.project, blind));
    if (!r) return;
    notify(t(r.blind ? 'coders.blindSet' : 'coders.blindUnset'));
    await load();
  };
  const reveal = async () => {
    const r = await run(() => codersApi.reveal(data.project));
    if (!r) return;
    notify(t('coders.revealed', { layers: r.layers.map((l) => `${l.coder} (${l.segments})`).join(', ') }));
    await load();
  };

  return (
    <div className="coders">
      <h1>{t('coders.heading')}</h1>
      <section className="card" aria-labelledby="layers-heading">
        <h2 id="layers-heading">{t('coders.layers')}</h2>
        <p className="muted small">{t('coders.intro')}</p>
        <p>
          {info &&
            (info.owner ? t('coders.owner', { owner: info.owner }) : t(notOwner ? 'coders.ownerHidden' : 'coders.noOwner'))}
          <br />
          <span className="muted">{data.coder ? t('coders.you', { coder: data.coder }) : t('coders.youServer')}</span>
        </p>
        {info === null ? (
          <p>{t('app.loading')}</p>
        ) : info.coders.length === 0 ? (
          <p className="muted">{t('coders.none')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('coders.name')}</th>
                <th scope="col">{t('coders.kind')}</th>
                <th scope="col" className="num">
                  {t('coders.segments')}
                </th>
              </tr>
            </thead>
            <tbody>
              {info.coders.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name}
                    {c.name === data.coder && <span className="muted small"> ({t('doc.you')})</span>}
                  </th>
                  <td>{t(`coders.kinds.${c.kind}`, { defaultValue: c.kind })}</td>
                  <td className="num">{c.segments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <div className="row links">
          <a href={href({ view: 'agreement', project: data.project })}>{t('coders.agreementLink')}</a>
          <a href={href({ view: 'compare', project: data.project, source: null })}>{t('coders.compareLink')}</a>
        </div>
      </section>
      {info && (
        <section className="card" aria-labelledby="blind-heading">
          <h2 id="blind-heading">{t('coders.blind')}</h2>
          <p data-testid="blind-state">
            <span className={`badge ${info.blind ? 'on' : 'off'}`}>
              {info.blind ? t('coders.blindOn') : t('coders.blindOff')}
            </span>
          </p>
          {notOwner && <p className="muted">{t('coders.ownerOnly')}</p>}
          <div className="row tight">
            <button type="button" disabled={notOwner} onClick={() => void setBlind(!info.blind)}>
              {info.blind ? t('coders.turnOff') : t('coders.turnOn')}
            </button>
            {info.blind && (
              <button
                type="button"
                className="primary"
                disabled={notOwner}
                onClick={() => void reveal()}
                title={t('coders.revealHelp')}
              >
                {t('coders.reveal')}
              </button>
            )}
          </div>
          {info.blind && <p className="muted small">{t('coders.revealHelp')}</p>}
        </section>
      )}
      {info?.mayManage && <MembersPanel />}
    </div>
  );
}

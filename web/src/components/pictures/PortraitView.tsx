import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../../actions.js';
import { type PortraitPicture, picturesApi } from '../../picturesApi.js';
import { useProject } from '../../project.js';
import { href, navigate } from '../../router.js';
import { useUi } from '../../ui.js';
import { RECOUNT } from '../MatrixView.js';
import { PictureCard } from './PictureCard.js';

/**
 * A transcript's code line (document portrait): where each code falls along the interview. A bar
 * clicked opens the document at that place; a code's name opens its segments. The table lists the
 * same segments in reading order, each with a link to its place. The transcript is in the address
 * (#/p/:project/pictures/portrait/:source), so the document view can link here.
 */
export function PortraitView({ coder, source }: { coder: string; source: string | null }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const lang = i18n.language;
  const sourceId = useId();
  const shown = source ?? data.sources[0]?.id ?? null;
  const [portrait, setPortrait] = useState<PortraitPicture | null>(null);

  const load = useCallback(async () => {
    if (!shown) return;
    const r = await run(() => picturesApi.portrait(data.project, { coder, source: shown }, lang));
    if (r) setPortrait(r);
  }, [run, data.project, coder, shown, lang]);
  useEffect(() => {
    setPortrait(null);
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, ...RECOUNT) && void load()), [data, load]);

  if (data.loaded && data.sources.length === 0) return <p className="card muted">{t('pictures.portrait.noSources')}</p>;
  const codeName = (id: string) => portrait?.codes.find((c) => c.id === id)?.name ?? '';
  const codeColor = (id: string) => portrait?.codes.find((c) => c.id === id)?.color ?? '';
  const at = (offset: number) => `${Math.round((offset / Math.max(1, portrait?.source.length ?? 1)) * 100)} %`;

  const table = portrait && (
    <table className="table">
      <caption>{t('pictures.portrait.caption', { source: portrait.source.name })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('pictures.portrait.code')}</th>
          <th scope="col" className="num">
            {t('pictures.portrait.share')}
          </th>
          <th scope="col" className="num">
            {t('pictures.portrait.place')}
          </th>
          <th scope="col">{t('pictures.portrait.text')}</th>
        </tr>
      </thead>
      <tbody>
        {[...portrait.segments]
          .sort((a, b) => a.start - b.start || a.end - b.end)
          .map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <span className="swatch" style={{ background: codeColor(s.code) }} aria-hidden="true" /> {codeName(s.code)}
              </th>
              <td className="num">{at(s.start)}</td>
              <td className="num">
                <a
                  href={href({
                    view: 'document',
                    project: data.project,
                    source: portrait.source.id,
                    segment: s.id,
                  })}
                  aria-label={t('pictures.portrait.open', { source: portrait.source.name, start: s.start, end: s.end })}
                >
                  {s.start}–{s.end}
                </a>
              </td>
              <td className="small">{s.text}</td>
            </tr>
          ))}
      </tbody>
    </table>
  );

  return (
    <section aria-labelledby="portrait-heading">
      <h2 id="portrait-heading" className="sr-only">
        {t('pictures.tabs.portrait')}
      </h2>
      <div className="card">
        <div className="row">
          <label htmlFor={sourceId}>
            {t('pictures.portrait.source')}
            <select
              id={sourceId}
              value={shown ?? ''}
              onChange={(e) => navigate({ view: 'pictures', project: data.project, tab: 'portrait', source: e.target.value })}
            >
              {data.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted small">{t('pictures.portrait.explain')}</p>
      </div>
      {portrait === null ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          {portrait.codes.length === 0 && <p className="card muted">{t('pictures.portrait.none')}</p>}
          <PictureCard
            kind="portrait"
            scene={portrait.scene}
            query={{ coder, source: portrait.source.id }}
            table={table}
            onPick={(target) => {
              if (target.kind === 'place') {
                navigate({
                  view: 'document',
                  project: data.project,
                  source: target.source,
                  segment: null,
                  at: { start: target.start, end: target.end },
                });
              }
              if (target.kind === 'code') navigate({ view: 'retrieval', project: data.project, code: target.code });
            }}
          />
        </>
      )}
    </section>
  );
}

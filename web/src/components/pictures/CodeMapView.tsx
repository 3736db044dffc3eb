import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../../actions.js';
import { type CodeMapPicture, picturesApi, TOGETHER_MODES, type TogetherMode } from '../../picturesApi.js';
import { useProject } from '../../project.js';
import { useRemembered } from '../../queries/remember.js';
import type { AnalysisFilter } from '../../setsApi.js';
import { formatCount } from '../../study/figures.js';
import { useUi } from '../../ui.js';
import { RECOUNT } from '../MatrixView.js';
import { type MapPick, Passages } from './Passages.js';
import { PictureCard } from './PictureCard.js';
import { targetKey } from './SceneSvg.js';

/**
 * The code map: codes sized by use, lines by how often two codes occur together (the
 * co-occurrence view's numbers), coloured by category. A circle or line clicked, or its button
 * in the table, lists the segments behind it.
 */
export function CodeMapView({ coder, filter }: { coder: string; filter: AnalysisFilter }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const lang = i18n.language;
  const [mode, setMode] = useRemembered<TogetherMode>(`${data.project}:pictures:mode`, 'overlap');
  const [pick, setPick] = useState<MapPick | null>(null);
  const [map, setMap] = useState<CodeMapPicture | null>(null);
  const modeId = useId();

  const load = useCallback(async () => {
    const r = await run(() => picturesApi.codeMap(data.project, { coder, mode, filter }, lang));
    if (r) setMap(r);
  }, [run, data.project, coder, mode, filter, lang]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, ...RECOUNT) && void load()), [data, load]);

  const name = (id: string) => map?.codes.find((c) => c.id === id)?.name ?? data.codeById.get(id)?.node.name ?? '';
  const selected = pick
    ? targetKey(pick.kind === 'code' ? { kind: 'code', code: pick.code } : { kind: 'pair', a: pick.a, b: pick.b })
    : null;

  const table = map && (
    <>
      <table className="table">
        <caption>{t('pictures.codemap.codesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pictures.codemap.code')}</th>
            <th scope="col">{t('pictures.codemap.category')}</th>
            <th scope="col" className="num">
              {t('pictures.codemap.segments')}
            </th>
          </tr>
        </thead>
        <tbody>
          {map.codes.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <span className="swatch" style={{ background: c.color }} aria-hidden="true" /> {c.name}
              </th>
              <td>{c.category?.name ?? ''}</td>
              <td className="num">
                <button
                  type="button"
                  className="cell-button num"
                  aria-label={t('pictures.codemap.showCode', { code: c.name, value: formatCount(c.segments, lang) })}
                  onClick={() => setPick({ kind: 'code', code: c.id })}
                >
                  {formatCount(c.segments, lang)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="table">
        <caption>{t('pictures.codemap.pairsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pictures.codemap.pair')}</th>
            <th scope="col" className="num">
              {t('pictures.codemap.times')}
            </th>
          </tr>
        </thead>
        <tbody>
          {map.pairs.length === 0 && (
            <tr>
              <td colSpan={2} className="muted">
                {t('pictures.codemap.noPairs')}
              </td>
            </tr>
          )}
          {map.pairs.map((p) => (
            <tr key={`${p.a}:${p.b}`}>
              <th scope="row">
                {name(p.a)} — {name(p.b)}
              </th>
              <td className="num">
                <button
                  type="button"
                  className="cell-button num"
                  aria-label={t('pictures.codemap.showPair', { a: name(p.a), b: name(p.b), value: formatCount(p.weight, lang) })}
                  onClick={() => setPick({ kind: 'pair', a: p.a, b: p.b })}
                >
                  {formatCount(p.weight, lang)}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );

  return (
    <section aria-labelledby="codemap-heading">
      <h2 id="codemap-heading" className="sr-only">
        {t('pictures.tabs.codemap')}
      </h2>
      <div className="card">
        <div className="row">
          <label htmlFor={modeId}>
            {t('pictures.codemap.together')}
            <select
              id={modeId}
              value={mode}
              onChange={(e) => {
                setPick(null);
                setMode(e.target.value as TogetherMode);
              }}
            >
              {TOGETHER_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`queries.cooccurrence.modes.${m}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted small">{t('pictures.codemap.explain')}</p>
      </div>
      {map === null ? (
        <p>{t('app.loading')}</p>
      ) : map.codes.length === 0 ? (
        <p className="card muted">{t('pictures.codemap.none')}</p>
      ) : (
        <PictureCard
          kind="codemap"
          scene={map.scene}
          query={{ coder, mode, filter }}
          table={table}
          selected={selected}
          onPick={(target) => {
            if (target.kind === 'code') setPick({ kind: 'code', code: target.code });
            if (target.kind === 'pair') setPick({ kind: 'pair', a: target.a, b: target.b });
          }}
        />
      )}
      {pick && map && (
        <Passages pick={pick} mode={map.mode} coder={coder} filter={filter} name={name} onClose={() => setPick(null)} />
      )}
    </section>
  );
}

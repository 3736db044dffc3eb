import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { paragraphs } from '../../../src/core/queries/paragraphs.js';
import { anyTouches } from '../actions.js';
import { api, type Segment } from '../api.js';
import { codeColor } from '../codeColors.js';
import { useProject } from '../project.js';
import { cooccurrenceSpec, heatmapCell, usedCodes } from '../queries/charts.js';
import { overlapPlaces, type Place, sharedSources, unitPlaces } from '../queries/cooccurring.js';
import { useRemembered } from '../queries/remember.js';
import { COOCCURRENCE_MODES, type CodeCooccurrence, type CooccurrenceMode, queriesApi } from '../queriesApi.js';
import { href } from '../router.js';
import type { AnalysisFilter } from '../setsApi.js';
import { formatCount } from '../study/figures.js';
import { useUi } from '../ui.js';
import { Chart } from './Chart.js';
import { FilterBar } from './FilterBar.js';
import { RECOUNT } from './MatrixView.js';

type Pair = { a: string; b: string };

/**
 * Which codes occur together: overlapping segments, or codes in the same speaker turn or
 * paragraph; a heatmap and a table of the codes that occur. A pair's cell lists the places it
 * counts (worked out here from the two codes' segments, in the sense the counts use). The
 * analysis filter narrows both the counts and the places.
 */
export function CooccurrenceView({ coder }: { coder: string }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const key = `${data.project}:cooccurrence`;
  const [mode, setMode] = useRemembered<CooccurrenceMode>(`${key}:mode`, 'overlap');
  const [pair, setPair] = useRemembered<Pair | null>(`${key}:pair`, null);
  const [filter, setFilter] = useRemembered<AnalysisFilter>(`${key}:filter`, {});
  const [result, setResult] = useState<CodeCooccurrence | null>(null);
  const [places, setPlaces] = useState<Place<Segment>[] | null>(null);
  const modeId = useId();
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const focusPanel = useRef(false);
  const lang = i18n.language;

  const load = useCallback(async () => {
    const r = await run(() => queriesApi.cooccurrence(data.project, mode, coder, filter));
    if (r) setResult(usedCodes(r));
  }, [run, data.project, mode, coder, filter]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, ...RECOUNT) && void load()), [data, load]);

  const spec = useMemo(
    () =>
      result && result.codes.length > 0
        ? cooccurrenceSpec(result, t(`queries.cooccurrence.chartTitle.${result.mode}`), t('queries.measures.count'))
        : null,
    [result, t],
  );

  useEffect(() => {
    if (!pair || !result) {
      setPlaces(null);
      return;
    }
    let stale = false;
    setPlaces(null);
    void (async () => {
      const found = await run(async () => {
        const [a, b] = await Promise.all([
          queriesApi.segments(data.project, { code: pair.a, only: true, coder, analysis: filter }),
          queriesApi.segments(data.project, { code: pair.b, only: true, coder, analysis: filter }),
        ]);
        if (result.mode === 'overlap') return overlapPlaces(a, b);
        const units = new Map<string, { start: number; end: number }[]>();
        for (const id of sharedSources(a, b)) {
          const source = await api.source(data.project, id);
          units.set(id, result.mode === 'turn' ? source.turns : paragraphs(source.text));
        }
        return unitPlaces(units, a, b);
      });
      if (!stale && found) setPlaces(found);
    })();
    return () => {
      stale = true;
    };
  }, [pair, result, coder, filter, run, data.project]);
  useEffect(() => {
    if (places && focusPanel.current) {
      focusPanel.current = false;
      panelHeading.current?.focus();
      panelHeading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  }, [places]);

  const choose = (r: number, c: number) => {
    const a = result?.codes[r];
    const b = result?.codes[c];
    if (!a || !b || a.id === b.id) return;
    focusPanel.current = true;
    setPair({ a: a.id, b: b.id });
  };
  const name = (id: string) => result?.codes.find((c) => c.id === id)?.name ?? data.codeById.get(id)?.node.name ?? '';
  const color = (id: string) => codeColor(data.flat, id);
  const pairValue = (() => {
    if (!pair || !result) return null;
    const r = result.codes.findIndex((c) => c.id === pair.a);
    const c = result.codes.findIndex((x) => x.id === pair.b);
    return r < 0 || c < 0 ? null : (result.cells[r]?.[c] ?? 0);
  })();

  return (
    <section aria-labelledby="cooccurrence-heading">
      <h2 id="cooccurrence-heading" className="sr-only">
        {t('queries.tabs.cooccurrence')}
      </h2>
      <div className="card">
        <div className="row">
          <label htmlFor={modeId}>
            {t('queries.cooccurrence.mode')}
            <select
              id={modeId}
              value={mode}
              onChange={(e) => {
                setPair(null);
                setMode(e.target.value as CooccurrenceMode);
              }}
            >
              {COOCCURRENCE_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`queries.cooccurrence.modes.${m}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted small">{t(`queries.cooccurrence.explain.${mode}`)}</p>
        <FilterBar
          value={filter}
          onChange={(f) => {
            setPair(null);
            setFilter(f);
          }}
        />
      </div>
      {result === null ? (
        <p>{t('app.loading')}</p>
      ) : result.codes.length === 0 ? (
        <p className="card muted">{t('queries.cooccurrence.none')}</p>
      ) : (
        <>
          <div className="card table-scroll">
            <table className="table matrix cooccurrence">
              <caption className="sr-only">{t(`queries.cooccurrence.chartTitle.${result.mode}`)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('queries.levels.codes')}</th>
                  {result.codes.map((c) => (
                    <th key={c.id} scope="col" className="num">
                      {c.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {result.codes.map((row, r) => (
                  <tr key={row.id}>
                    <th scope="row" title={row.path.join(' / ')}>
                      <span className="swatch" style={{ background: row.color }} aria-hidden="true" /> {row.name}
                    </th>
                    {result.codes.map((col, c) => {
                      const value = result.cells[r]?.[c] ?? 0;
                      const selected = pair !== null && pair.a === row.id && pair.b === col.id;
                      return (
                        <td
                          key={col.id}
                          className={`num${r === c ? ' diagonal' : ''}`}
                          data-row={row.name}
                          data-column={col.name}
                        >
                          {r !== c && value > 0 ? (
                            <button
                              type="button"
                              className={`cell-button num${selected ? ' selected' : ''}`}
                              aria-pressed={selected}
                              aria-label={t('queries.cooccurrence.cellLabel', {
                                a: row.name,
                                b: col.name,
                                value: formatCount(value, lang),
                              })}
                              onClick={() => choose(r, c)}
                            >
                              {formatCount(value, lang)}
                            </button>
                          ) : (
                            <span className={value === 0 ? 'zero' : undefined}>{formatCount(value, lang)}</span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{t('queries.cooccurrence.diagonal')}</p>
          </div>
          {spec && (
            <div className="card">
              <Chart
                spec={spec}
                label={t('queries.matrix.chartLabel', { title: spec.title })}
                onClick={(item) => {
                  const at = heatmapCell(item.data, result.codes.length);
                  if (at) choose(at.row, at.column);
                }}
              />
            </div>
          )}
          {pair && (
            <section className="card" aria-labelledby="pair-heading" data-testid="pair-places">
              <div className="panel-head">
                <h2 id="pair-heading" ref={panelHeading} tabIndex={-1}>
                  {t('queries.cooccurrence.pairHeading', { a: name(pair.a), b: name(pair.b) })}
                </h2>
                <button type="button" className="small-button" onClick={() => setPair(null)}>
                  {t('common.close')}
                </button>
              </div>
              {places === null ? (
                <p>{t('app.loading')}</p>
              ) : (
                <>
                  <p className="muted small">
                    {t(`queries.cooccurrence.places.${result.mode}`, { count: places.length })}
                    {pairValue !== null && pairValue !== places.length ? ` ${t('queries.cooccurrence.changed')}` : ''}
                  </p>
                  <ol className="segments">
                    {places.map((place) => {
                      const first = place.a[0] ?? place.b[0];
                      return (
                        <li key={`${place.source.id}:${place.start}:${place.a[0]?.id}:${place.b[0]?.id}`}>
                          <div className="seg-meta small">
                            <strong>{place.source.name}</strong>
                            {first?.case && <span className="muted">{first.case.name}</span>}
                          </div>
                          <div className="sides two">
                            {(['a', 'b'] as const).map((side) => (
                              <div key={side} className="side">
                                <p className="side-title">
                                  <span className="swatch" style={{ background: color(pair[side]) }} aria-hidden="true" />{' '}
                                  {name(pair[side])}
                                </p>
                                {place[side].map((s) => (
                                  <blockquote key={s.id} className="quote small">
                                    {s.text}
                                  </blockquote>
                                ))}
                              </div>
                            ))}
                          </div>
                          <a
                            href={href({
                              view: 'document',
                              project: data.project,
                              source: place.source.id,
                              segment: null,
                              at: { start: place.start, end: place.end },
                            })}
                            aria-label={t('queries.jumpLabel', { source: place.source.name, start: place.start, end: place.end })}
                          >
                            {t('retrieval.jump')}
                          </a>
                        </li>
                      );
                    })}
                  </ol>
                </>
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
}

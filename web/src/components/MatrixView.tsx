import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches, type StaleKey } from '../actions.js';
import type { Segment } from '../api.js';
import { SmartCellHits } from '../codingQuery/SmartCellHits.js';
import { useSmartCodes } from '../codingQuery/useSmartCodes.js';
import { useProject } from '../project.js';
import { columnCase, inColumn, rowIncludesBelow } from '../queries/cells.js';
import { columnLabel, heatmapCell, matrixSpec } from '../queries/charts.js';
import { useRemembered } from '../queries/remember.js';
import { type CodeMatrix, type MatrixQuery, MEASURES, queriesApi, ROW_LEVELS } from '../queriesApi.js';
import { saveDownload } from '../refiApi.js';
import { settledFilter } from '../setsApi.js';
import { formatCount } from '../study/figures.js';
import { useUi } from '../ui.js';
import { Chart } from './Chart.js';
import { ChecklistPicker } from './ChecklistPicker.js';
import { FilterBar } from './FilterBar.js';
import { QuoteDownloads } from './QuoteDownloads.js';
import { SegmentList } from './SegmentList.js';

/** The kinds of data the counting views count from: when one is stale, they load again. */
export const RECOUNT: StaleKey[] = ['segments', 'codebook', 'coders', 'cases', 'attributes', 'sources', 'texts', 'sets'];

/**
 * A code × case or code × attribute matrix: a table whose cells list their segments when
 * clicked (with a link to each in its document), the same figures as a heatmap, and downloads
 * as xlsx or csv.
 */
export function MatrixView({ coder }: { coder: string }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const key = `${data.project}:matrix`;
  const [options, setOptions] = useRemembered<Omit<MatrixQuery, 'coder'>>(`${key}:options`, {
    rows: 'codes',
    columns: 'cases',
    measure: 'count',
  });
  const [cell, setCell] = useRemembered<{ row: string; column: string } | null>(`${key}:cell`, null);
  const [matrix, setMatrix] = useState<CodeMatrix | null>(null);
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const [busy, setBusy] = useState(false);
  const panelHeading = useRef<HTMLHeadingElement>(null);
  const focusPanel = useRef(false);
  const ids = { rows: useId(), columns: useId(), measure: useId() };
  const query = useMemo<MatrixQuery>(() => ({ ...options, coder }), [options, coder]);
  const lang = i18n.language;
  const [smartCodes] = useSmartCodes();
  const smartIds = useMemo(() => new Set((smartCodes ?? []).map((s) => s.id)), [smartCodes]);

  const load = useCallback(async () => {
    setBusy(true);
    const m = await run(() => queriesApi.matrix(data.project, query));
    setBusy(false);
    if (m) setMatrix(m);
  }, [run, data.project, query]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, ...RECOUNT) && void load()), [data, load]);

  // The chosen cell's segments: the row's code (with the codes below it for a category), the column's cases.
  const chosen = useMemo(() => {
    if (!matrix || !cell) return null;
    const r = matrix.rows.findIndex((x) => x.id === cell.row);
    const c = matrix.columns.findIndex((x) => x.key === cell.column);
    if (r < 0 || c < 0) return null;
    return {
      r,
      c,
      row: matrix.rows[r] as CodeMatrix['rows'][number],
      column: matrix.columns[c] as CodeMatrix['columns'][number],
    };
  }, [matrix, cell]);
  const { cases } = data;
  // A smart code's row lists its passages (SmartCellHits), not a code's segments.
  const smartCell = chosen && smartIds.has(chosen.row.id) ? chosen : null;
  const keepSmart = useMemo(
    () => (matrix && smartCell ? inColumn(matrix, smartCell.column, cases) : null),
    [matrix, smartCell, cases],
  );
  useEffect(() => {
    if (!matrix || !chosen || smartIds.has(chosen.row.id)) {
      setSegments(null);
      return;
    }
    let stale = false;
    void (async () => {
      const caseId = columnCase(matrix, chosen.column);
      const list = await run(() =>
        queriesApi.segments(data.project, {
          code: chosen.row.id,
          only: !rowIncludesBelow(matrix),
          ...(caseId ? { case: caseId } : {}),
          coder,
          // The cell's list must hold what its count counts.
          analysis: options.filter,
        }),
      );
      if (stale || !list) return;
      const keep = inColumn(matrix, chosen.column, cases);
      setSegments(list.filter((s) => keep(s.case?.id ?? null)));
    })();
    return () => {
      stale = true;
    };
  }, [matrix, chosen, cases, coder, options.filter, run, data.project, smartIds]);
  useEffect(() => {
    if (segments && focusPanel.current) {
      focusPanel.current = false;
      panelHeading.current?.focus();
      panelHeading.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    }
  }, [segments]);

  const choose = (row: number, column: number) => {
    const r = matrix?.rows[row];
    const c = matrix?.columns[column];
    if (!r || !c) return;
    focusPanel.current = true;
    setCell({ row: r.id, column: c.key });
  };

  const labels = { noCase: t('queries.noCase'), noValue: t('queries.noValue') };
  const spec = useMemo(() => {
    if (!matrix || matrix.rows.length === 0 || matrix.columns.length === 0) return null;
    return matrixSpec(
      matrix,
      t('queries.matrix.chartTitle', {
        rows: t(`queries.levelsPlural.${matrix.rowLevel}`),
        columns: matrix.attribute ?? t('queries.matrix.cases'),
      }),
      t(`queries.measures.${matrix.measure}`),
      { noCase: t('queries.noCase'), noValue: t('queries.noValue') },
    );
  }, [matrix, t]);

  const download = async (format: 'xlsx' | 'csv') => {
    const file = await run(() => queriesApi.exportMatrix(data.project, query, format, lang));
    if (!file) return;
    saveDownload(file);
    notify(t('queries.saved', { file: file.fileName }));
  };

  const set = <K extends keyof typeof options>(k: K, v: (typeof options)[K]) => {
    setCell(null);
    setOptions((o) => ({ ...o, [k]: v }));
  };

  return (
    <section aria-labelledby="matrix-heading">
      <h2 id="matrix-heading" className="sr-only">
        {t('queries.tabs.matrix')}
      </h2>
      <div className="card">
        <div className="row">
          <label htmlFor={ids.rows}>
            {t('queries.matrix.rows')}
            <select id={ids.rows} value={options.rows} onChange={(e) => set('rows', e.target.value as MatrixQuery['rows'])}>
              {ROW_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`queries.levelsPlural.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={ids.columns}>
            {t('queries.matrix.columns')}
            <select id={ids.columns} value={options.columns} onChange={(e) => set('columns', e.target.value)}>
              <option value="cases">{t('queries.matrix.casesOption')}</option>
              {data.attributes.map((a) => (
                <option key={a.id} value={`attr:${a.name}`}>
                  {t('queries.matrix.attribute', { attribute: a.name })}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={ids.measure}>
            {t('queries.matrix.measure')}
            <select
              id={ids.measure}
              value={options.measure}
              onChange={(e) => set('measure', e.target.value as MatrixQuery['measure'])}
            >
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {t(`queries.measuresLong.${m}`)}
                </option>
              ))}
            </select>
          </label>
          {(smartCodes?.length ?? 0) > 0 && (
            <ChecklistPicker
              legend={t('codingQuery.smart.matrixRows')}
              all={t('codingQuery.smart.matrixNone')}
              chosen={(count) => t('queries.chosenSources', { count })}
              items={(smartCodes ?? []).map((s) => ({ id: s.id, label: s.name, color: s.color || undefined }))}
              selected={(options.smartCodes ?? []).filter((id) => smartIds.has(id))}
              onToggle={(id, on) =>
                set('smartCodes', on ? [...(options.smartCodes ?? []), id] : (options.smartCodes ?? []).filter((x) => x !== id))
              }
            />
          )}
          <div className="row tight push">
            <button type="button" onClick={() => void download('xlsx')}>
              {t('queries.matrix.xlsx')}
            </button>
            <button type="button" onClick={() => void download('csv')}>
              {t('queries.matrix.csv')}
            </button>
          </div>
        </div>
        <FilterBar value={options.filter ?? {}} onChange={(f) => set('filter', f)} />
        <p className="muted small">{t('queries.matrix.hint')}</p>
      </div>
      {matrix === null ? (
        <p aria-busy={busy}>{t('app.loading')}</p>
      ) : matrix.rows.length === 0 ? (
        <p className="card muted">{t('queries.matrix.empty')}</p>
      ) : (
        <>
          <div className="card" aria-busy={busy}>
            <div className="table-scroll">
              <table className="table matrix" data-testid="matrix">
                <caption className="sr-only">
                  {t('queries.matrix.caption', {
                    rows: t(`queries.levelsPlural.${matrix.rowLevel}`),
                    columns: matrix.attribute ?? t('queries.matrix.cases'),
                    measure: t(`queries.measuresLong.${matrix.measure}`),
                  })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`queries.levels.${matrix.rowLevel}`)}</th>
                    {matrix.columns.map((c) => (
                      <th key={c.key} scope="col" className="num">
                        {columnLabel(c, labels)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t('queries.total')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {matrix.rows.map((row, r) => (
                    <tr key={row.id}>
                      <th scope="row" title={row.path.join(' / ')}>
                        <span className="swatch" style={{ background: row.color }} aria-hidden="true" /> {row.name}
                      </th>
                      {matrix.columns.map((c, ci) => {
                        const value = matrix.cells[r]?.[ci] ?? 0;
                        const label = columnLabel(c, labels);
                        const selected = chosen?.r === r && chosen.c === ci;
                        return (
                          <td key={c.key} className="num" data-row={row.name} data-column={label}>
                            {value > 0 ? (
                              <button
                                type="button"
                                className={`cell-button num${selected ? ' selected' : ''}`}
                                aria-pressed={selected}
                                aria-label={t('queries.matrix.cellLabel', {
                                  row: row.name,
                                  column: label,
                                  value: formatCount(value, lang),
                                })}
                                onClick={() => choose(r, ci)}
                              >
                                {formatCount(value, lang)}
                              </button>
                            ) : (
                              <span className="zero">0</span>
                            )}
                          </td>
                        );
                      })}
                      <td className="num total">{formatCount(matrix.totals[r] ?? 0, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
          {spec && (
            <div className="card">
              <Chart
                spec={spec}
                label={t('queries.matrix.chartLabel', { title: spec.title })}
                onClick={(item) => {
                  const at = heatmapCell(item.data, matrix.rows.length);
                  if (at) choose(at.row, at.column);
                }}
              />
            </div>
          )}
          {chosen && (
            <section className="card" aria-labelledby="cell-heading" data-testid="cell-segments">
              <div className="panel-head">
                <h2 id="cell-heading" ref={panelHeading} tabIndex={-1}>
                  {t('queries.matrix.cellHeading', {
                    row: chosen.row.name,
                    column: columnLabel(chosen.column, labels),
                  })}
                </h2>
                <button type="button" className="small-button" onClick={() => setCell(null)}>
                  {t('common.close')}
                </button>
              </div>
              {smartCell && keepSmart ? (
                <SmartCellHits smartCode={smartCell.row.name} coder={coder} filter={options.filter} inColumn={keepSmart} />
              ) : segments === null ? (
                <p>{t('app.loading')}</p>
              ) : (
                <>
                  <p className="muted small">{t('retrieval.count', { count: segments.length })}</p>
                  {segments.length > 0 && (
                    <QuoteDownloads
                      project={data.project}
                      of={{
                        row: chosen.row.id,
                        column: chosen.column.key,
                        rows: query.rows,
                        columns: query.columns,
                        coder: query.coder,
                        filter: settledFilter(options.filter),
                      }}
                    />
                  )}
                  <SegmentList segments={segments} />
                </>
              )}
            </section>
          )}
        </>
      )}
    </section>
  );
}

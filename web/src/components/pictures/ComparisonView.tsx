import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { percent } from '../../../../src/core/pictures/comparison.js';
import { anyTouches } from '../../actions.js';
import type { Segment } from '../../api.js';
import { type ComparisonPicture, type ComparisonRows, picturesApi } from '../../picturesApi.js';
import { useProject } from '../../project.js';
import { useRemembered } from '../../queries/remember.js';
import { queriesApi } from '../../queriesApi.js';
import type { AnalysisFilter } from '../../setsApi.js';
import { formatCount } from '../../study/figures.js';
import { useUi } from '../../ui.js';
import { RECOUNT } from '../MatrixView.js';
import { SegmentList } from '../SegmentList.js';
import { PictureCard } from './PictureCard.js';
import { targetKey } from './SceneSvg.js';

type Cell = { row: string; column: string };

/**
 * Themes (or categories) by case: in each case's column, a circle by the row's share of the
 * case's coded text, the figure beside it. A circle clicked lists that theme's segments in that case.
 */
export function ComparisonView({ coder, filter }: { coder: string; filter: AnalysisFilter }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const lang = i18n.language;
  const rowsId = useId();
  const [rows, setRows] = useRemembered<ComparisonRows>(`${data.project}:pictures:rows`, 'themes');
  const [result, setResult] = useState<ComparisonPicture | null>(null);
  const [cell, setCell] = useState<Cell | null>(null);
  const [segments, setSegments] = useState<Segment[] | null>(null);

  const load = useCallback(async () => {
    const r = await run(() => picturesApi.comparison(data.project, { coder, rows, filter }, lang));
    if (r) setResult(r);
  }, [run, data.project, coder, rows, filter, lang]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, ...RECOUNT) && void load()), [data, load]);
  useEffect(() => {
    setSegments(null);
    if (!cell) return;
    let stale = false;
    void run(() =>
      queriesApi.segments(data.project, { code: cell.row, only: false, case: cell.column, coder, analysis: filter }),
    ).then((found) => !stale && found && setSegments(found));
    return () => {
      stale = true;
    };
  }, [cell, coder, filter, run, data.project]);

  const table = result && (
    <table className="table matrix">
      <caption>{t('pictures.comparison.caption', { rows: t(`pictures.comparison.levels.${result.rowLevel}`) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t(`pictures.comparison.levels.${result.rowLevel}`)}</th>
          {result.columns.map((c) => (
            <th key={c.key} scope="col" className="num">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {result.rows.map((r, i) => (
          <tr key={r.id}>
            <th scope="row">
              <span className="swatch" style={{ background: r.color }} aria-hidden="true" /> {r.name}
            </th>
            {result.columns.map((c, j) => (
              <td key={c.key} className="num">
                {percent(result.shares[i]?.[j] ?? 0)}{' '}
                <span className="muted small">({formatCount(result.chars[i]?.[j] ?? 0, lang)})</span>
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  const rowName = (id: string) => result?.rows.find((r) => r.id === id)?.name ?? '';
  const columnName = (key: string) => result?.columns.find((c) => c.key === key)?.label ?? '';

  return (
    <section aria-labelledby="comparison-heading">
      <h2 id="comparison-heading" className="sr-only">
        {t('pictures.tabs.comparison')}
      </h2>
      <div className="card">
        <div className="row">
          <label htmlFor={rowsId}>
            {t('pictures.comparison.rows')}
            <select
              id={rowsId}
              value={rows}
              onChange={(e) => {
                setCell(null);
                setRows(e.target.value as ComparisonRows);
              }}
            >
              {(['themes', 'categories'] as const).map((level) => (
                <option key={level} value={level}>
                  {t(`pictures.comparison.levels.${level}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="muted small">{t('pictures.comparison.explain')}</p>
      </div>
      {result === null ? (
        <p>{t('app.loading')}</p>
      ) : result.rows.length === 0 ? (
        <p className="card muted">{t('pictures.comparison.none')}</p>
      ) : (
        <PictureCard
          kind="comparison"
          scene={result.scene}
          query={{ coder, rows, filter }}
          table={table}
          selected={cell ? targetKey({ kind: 'cell', ...cell }) : null}
          onPick={(target) => {
            // Segments of no case have no case to ask for: that column is figures only.
            if (target.kind === 'cell' && target.column) setCell({ row: target.row, column: target.column });
          }}
        />
      )}
      {cell && (
        <section className="card" aria-labelledby="comparison-cell-heading">
          <div className="panel-head">
            <h2 id="comparison-cell-heading">
              {rowName(cell.row)} · {columnName(cell.column)}
            </h2>
            <button type="button" className="small-button" onClick={() => setCell(null)}>
              {t('pictures.close')}
            </button>
          </div>
          {segments === null ? <p>{t('app.loading')}</p> : <SegmentList segments={segments} />}
        </section>
      )}
    </section>
  );
}

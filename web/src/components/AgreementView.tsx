import { type FormEvent, Fragment, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { codeColor } from '../codeColors.js';
import { type AgreementReport, codersApi, type Figure, type Figures, UNITS, type Unit } from '../codersApi.js';
import { useProject } from '../project.js';
import { href } from '../router.js';
import { formatCount, formatFigure, readPattern } from '../study/figures.js';
import { useUi } from '../ui.js';
import { ChecklistPicker } from './ChecklistPicker.js';
import { useCoders } from './CodersView.js';

/** Agreement figures between chosen layers: per code and overall, each with what it was computed from. */
export function AgreementView() {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [info] = useCoders();
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [unit, setUnit] = useState<Unit>('char');
  const [codes, setCodes] = useState<Set<string>>(new Set());
  const [report, setReport] = useState<AgreementReport | null>(null);
  const unitId = useId();

  const layers = info?.coders.filter((c) => c.segments > 0) ?? [];
  // Until the user chooses, the first two coders (not consensus layers) are compared.
  const selected =
    chosen ??
    layers
      .filter((l) => l.kind === 'coder')
      .slice(0, 2)
      .map((l) => l.name);

  const compute = async (e?: FormEvent) => {
    e?.preventDefault();
    if (selected.length < 2) return;
    const r = await run(() => codersApi.agreement(data.project, { coders: selected, unit, codes: [...codes] }));
    if (r) setReport(r);
  };

  // Live: new coding changes the figures; recompute what is on screen.
  const shown = report !== null;
  const latest = useRef(compute);
  latest.current = compute;
  useEffect(
    () =>
      data.subscribe((events) => {
        if (shown && anyTouches(events, 'segments', 'codebook', 'coders', 'sources', 'texts')) void latest.current();
      }),
    [data, shown],
  );

  const toggle = (name: string, on: boolean) =>
    setChosen((list) => {
      const base = list ?? selected;
      return on ? [...base, name] : base.filter((n) => n !== name);
    });

  return (
    <div className="agreement">
      <h1>{t('agreement.heading')}</h1>
      <form className="card" onSubmit={compute}>
        <div className="row top">
          <fieldset className="checks">
            <legend>{t('agreement.coders')}</legend>
            {layers.map((l) => (
              <label key={l.id} className="check">
                <input type="checkbox" checked={selected.includes(l.name)} onChange={(e) => toggle(l.name, e.target.checked)} />
                {l.name}
                {l.kind === 'consensus' && <span className="muted small"> ({t('coders.kinds.consensus')})</span>}
              </label>
            ))}
          </fieldset>
          <label htmlFor={unitId}>
            {t('agreement.unit')}
            <select id={unitId} value={unit} onChange={(e) => setUnit(e.target.value as Unit)}>
              {UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`agreement.units.${u}`)}
                </option>
              ))}
            </select>
          </label>
          <ChecklistPicker
            legend={t('agreement.codes')}
            all={t('agreement.allCodes')}
            chosen={(count) => t('agreement.chosenCodes', { count })}
            items={data.flat.map((f) => ({
              id: f.node.id,
              label: f.node.name,
              depth: f.depth,
              color: codeColor(data.flat, f.node.id),
            }))}
            selected={codes}
            onToggle={(id, checked) =>
              setCodes((set) => {
                const next = new Set(set);
                if (checked) next.add(id);
                else next.delete(id);
                return next;
              })
            }
          />
        </div>
        <div className="row tight">
          <button type="submit" className="primary" disabled={selected.length < 2}>
            {t('agreement.compute')}
          </button>
          {selected.length < 2 && <span className="muted small">{t('agreement.chooseTwo')}</span>}
        </div>
      </form>
      {report && <Results report={report} />}
    </div>
  );
}

function Results({ report }: { report: AgreementReport }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const [open, setOpen] = useState<string | null>(null);
  const rows: { key: string; label: string; figures: Figures; used: boolean; overall?: boolean }[] = [
    {
      key: 'overall',
      label: t('agreement.overall', { count: report.overall.codes }),
      figures: report.overall,
      used: true,
      overall: true,
    },
    ...report.codes.map((c) => ({ key: c.code.id, label: c.code.path, figures: c as Figures, used: c.used })),
  ];
  const missing = report.sources.filter((s) => s.codedBy.length < report.coders.length);
  return (
    <section className="card" aria-labelledby="results-heading" data-testid="agreement-results">
      <h2 id="results-heading">
        {report.coders.join(' · ')} — {t(`agreement.units.${report.unit}`)}
      </h2>
      <p className="muted small">{t('agreement.sources', { count: report.sources.length })}</p>
      {missing.map((s) => (
        <p key={s.id} className="muted small">
          {t('agreement.missingSource', {
            source: s.name,
            coders: report.coders.filter((c) => !s.codedBy.includes(c)).join(', '),
          })}
        </p>
      ))}
      <div className="table-scroll">
        <table className="table figures">
          <thead>
            <tr>
              <th scope="col">{t('agreement.code')}</th>
              <th scope="col" className="num">
                {t('agreement.unitsColumn')}
              </th>
              <th scope="col" className="num">
                {t('agreement.percent')}
              </th>
              <th scope="col" className="num">
                {t('agreement.kappa')}
              </th>
              <th scope="col" className="num">
                {t('agreement.alpha')}
              </th>
              <th scope="col" className="num">
                {t('agreement.ualpha')}
              </th>
              <th scope="col">
                <span className="sr-only">{t('agreement.how')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const detailId = `how-${row.key}`;
              return (
                <Fragment key={row.key}>
                  <tr className={`${row.overall ? 'overall' : ''}${row.used ? '' : ' unused'}`} data-code={row.label}>
                    <th scope="row">{row.label}</th>
                    <td className="num">{formatCount(row.figures.units, i18n.language)}</td>
                    {row.used ? (
                      <>
                        <FigureCell figure={row.figures.percent} as="percent" name="percent" />
                        <FigureCell figure={row.figures.kappa} name="kappa" />
                        <FigureCell figure={row.figures.alpha} name="alpha" />
                        <FigureCell figure={row.figures.unitizedAlpha} name="ualpha" />
                      </>
                    ) : (
                      <td colSpan={4} className="unused-note">
                        {t('agreement.unusedRow')}
                      </td>
                    )}
                    <td>
                      <button
                        type="button"
                        className="link small nowrap"
                        aria-expanded={open === row.key}
                        aria-controls={detailId}
                        aria-label={t(open === row.key ? 'agreement.hideLabel' : 'agreement.howLabel', { code: row.label })}
                        onClick={() => setOpen(open === row.key ? null : row.key)}
                      >
                        {open === row.key ? t('agreement.hide') : t('agreement.how')}
                      </button>
                    </td>
                  </tr>
                  {open === row.key && (
                    <tr className="how-row">
                      <td colSpan={7} id={detailId}>
                        <HowComputed figures={row.figures} coders={report.coders} label={row.label} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
      {report.unusedCodes.length > 0 && (
        <p className="muted small">{t('agreement.unused', { codes: report.unusedCodes.join(', ') })}</p>
      )}
      {report.sources[0] && (
        <p>
          <a href={href({ view: 'compare', project: data.project, source: report.sources[0].id })}>
            {t('agreement.compareLink')}
          </a>
        </p>
      )}
    </section>
  );
}

function FigureCell({ figure, as = 'coefficient', name }: { figure: Figure; as?: 'coefficient' | 'percent'; name: string }) {
  const { t, i18n } = useTranslation();
  if (figure.value === null) {
    return (
      <td className="num undefined-figure" data-figure={name}>
        <span>{t('agreement.undefined')}</span>
        <div className="small muted reason">{t(`agreement.reasons.${figure.reason}`)}</div>
      </td>
    );
  }
  return (
    <td className="num" data-figure={name}>
      {formatFigure(figure, i18n.language, as)}
    </td>
  );
}

/** Every input of the figures, so a reviewer can recompute them. */
function HowComputed({ figures, coders, label }: { figures: Figures; coders: string[]; label: string }) {
  const { t, i18n } = useTranslation();
  const n = (v: number | null | undefined) => formatCount(v, i18n.language);
  const describe = (pattern: string) => {
    const p = readPattern(pattern, coders);
    const parts: string[] = [];
    if (p.coded.length === 0 && p.missing.length === 0) parts.push(t('agreement.nobody'));
    else {
      if (p.coded.length > 0) parts.push(t('agreement.codedBy', { coders: p.coded.join(', ') }));
      if (p.notCoded.length > 0 && p.coded.length > 0) parts.push(t('agreement.notCodedBy', { coders: p.notCoded.join(', ') }));
      if (p.coded.length === 0 && p.notCoded.length > 0) parts.push(t('agreement.nobody'));
    }
    if (p.missing.length > 0) parts.push(t('agreement.missingBy', { coders: p.missing.join(', ') }));
    return parts.join('; ');
  };
  const k = figures.kappa;
  const a = figures.alpha;
  const u = figures.unitizedAlpha;
  // Kappa's table needs two coders; the pooled unitized alpha has no continuum of its own.
  const table = 'table' in k ? k : undefined;
  const continuum = 'continuum' in u ? u : undefined;
  const group = (title: string, rows: [string, string][]) => (
    <tbody>
      <tr>
        <th colSpan={2} scope="colgroup" className="group">
          {title}
        </th>
      </tr>
      {rows.map(([name, value]) => (
        <tr key={name}>
          <th scope="row">{name}</th>
          <td className="num">{value}</td>
        </tr>
      ))}
    </tbody>
  );
  return (
    <table className="table how">
      <caption>{t('agreement.howFor', { code: label })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('agreement.figure')}</th>
          <th scope="col" className="num">
            {t('agreement.value')}
          </th>
        </tr>
      </thead>
      {group(
        t('agreement.patterns'),
        Object.entries(figures.cells).map(([pattern, count]) => [`${pattern} — ${describe(pattern)}`, n(count)]),
      )}
      {group(t('agreement.percent'), [
        [t('agreement.unitsColumn'), n(figures.percent.units)],
        [t('agreement.agreeingPairs'), n(figures.percent.agreeingPairs)],
        [t('agreement.pairs'), n(figures.percent.pairs)],
        [t('agreement.percent'), formatFigure(figures.percent, i18n.language, 'percent')],
      ])}
      {group(t('agreement.kappa'), [
        ...(table?.table
          ? ([
              [
                t('agreement.kappaTable', { first: coders[0] ?? '', second: coders[1] ?? '' }),
                table.table
                  .flat()
                  .map((x) => n(x))
                  .join(' · '),
              ],
              [t('agreement.kappaN'), n(table.n)],
              [t('agreement.po'), n(table.observedAgreement)],
              [t('agreement.pe'), n(table.expectedAgreement)],
            ] as [string, string][])
          : []),
        [
          t('agreement.kappa'),
          k.value === null
            ? `${t('agreement.undefined')}: ${t(`agreement.reasons.${k.reason}`)}`
            : formatFigure(k, i18n.language),
        ],
      ])}
      {group(t('agreement.alpha'), [
        [t('agreement.alphaN'), n(a.coincidences.n)],
        [t('agreement.do'), n(a.observedDisagreement)],
        [t('agreement.de'), n(a.expectedDisagreement)],
        [
          t('agreement.alpha'),
          a.value === null
            ? `${t('agreement.undefined')}: ${t(`agreement.reasons.${a.reason}`)}`
            : formatFigure(a, i18n.language),
        ],
      ])}
      {group(t('agreement.ualpha'), [
        [t('agreement.continuum'), n(continuum?.continuum)],
        [t('agreement.pairable'), n(continuum?.n)],
        [t('agreement.stretches'), n(continuum?.units)],
        [t('agreement.codeLength'), n(continuum?.codeLength)],
        [t('agreement.gapLength'), n(continuum?.gapLength)],
        [t('agreement.do'), n(u.observedDisagreement)],
        [t('agreement.de'), n(u.expectedDisagreement)],
        [
          t('agreement.ualpha'),
          u.value === null
            ? `${t('agreement.undefined')}: ${t(`agreement.reasons.${u.reason}`)}`
            : formatFigure(u, i18n.language),
        ],
      ])}
    </table>
  );
}

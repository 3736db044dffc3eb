import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { api } from '../api.js';
import { type CompareRegion, type CompareView as Comparison, codersApi, type Span } from '../codersApi.js';
import { useCanCode, useProject } from '../project.js';
import { navigate } from '../router.js';
import { contextAround, differenceWords, markPieces, placeWords, selectionToSpan } from '../study/regions.js';
import { TextOffsets } from '../text/offsets.js';
import { useUi } from '../ui.js';
import { PlaySpan } from './media/PlaySpan.js';

/** Code colour as a light background behind marked words (the text stays dark and readable). */
function tint(hex: string, alpha: number): string {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return `rgba(136,136,136,${alpha})`;
  const n = Number.parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

/**
 * The disagreement view of a source: per code, each place where the coders differ, their
 * codings side by side with the consensus layer, and buttons that decide it into the consensus.
 */
export function CompareView({ source }: { source: string | null }) {
  const { t } = useTranslation();
  const data = useProject();
  const [view, setView] = useState<Comparison | null>(null);
  const [text, setText] = useState<TextOffsets | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const selectId = useId();
  const { coder } = data;

  const load = useCallback(async () => {
    if (!source) return;
    void coder; // blind mode: what may be compared depends on who asks
    try {
      const [v, doc] = await Promise.all([codersApi.compare(data.project, source, []), api.source(data.project, source)]);
      setText((old) => (old?.text === doc.text ? old : new TextOffsets(doc.text)));
      setView(v);
      setProblem(null);
    } catch (e) {
      setView(null);
      setProblem(e instanceof Error ? e.message : String(e));
    }
  }, [data.project, source, coder]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      data.subscribe((events) => {
        if (anyTouches(events, 'segments', 'codebook', 'project', 'coders', 'texts')) void load();
      }),
    [data, load],
  );

  const regions = view?.codes.reduce((n, c) => n + c.regions.length, 0) ?? 0;
  // The address may name the source by name or id; the list goes by id.
  const current = data.sources.find((s) => s.id === source || s.name === source)?.id ?? view?.source.id ?? '';
  return (
    <div className="compare">
      <h1>{t('compare.heading')}</h1>
      <div className="card">
        <label htmlFor={selectId}>
          {t('compare.source')}
          <select
            id={selectId}
            value={current}
            onChange={(e) => navigate({ view: 'compare', project: data.project, source: e.target.value || null })}
          >
            <option value="">{t('compare.chooseSource')}</option>
            {data.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        {view && (
          <p className="muted small" aria-live="polite">
            {view.coders.join(' · ')} — {t('compare.regions', { count: regions })}
          </p>
        )}
        {problem && <p className="flag-text">{problem}</p>}
      </div>
      {view && regions === 0 && <p className="card muted">{t('compare.nothing')}</p>}
      {view?.codes
        .filter((c) => c.regions.length > 0)
        .map((c) => (
          <section key={c.code.id} className="card" aria-labelledby={`code-${c.code.id}`}>
            <h2 id={`code-${c.code.id}`}>
              <span className="swatch big" style={{ background: c.code.color }} aria-hidden="true" />
              {c.code.name}
            </h2>
            {c.regions.map((r) => (
              <RegionView
                key={`${r.start}-${r.end}`}
                region={r}
                view={view}
                text={text}
                code={c.code}
                onChanged={() => void load()}
              />
            ))}
          </section>
        ))}
    </div>
  );
}

function RegionView({
  region,
  view,
  text,
  code,
  onChanged,
}: {
  region: CompareRegion;
  view: Comparison;
  /** The source's text, for a little context around the place. */
  text: TextOffsets | null;
  code: { id: string; name: string; color: string };
  onChanged(): void;
}) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const [spanOpen, setSpanOpen] = useState(false);
  // Deciding into the consensus layer is coding: a viewer reads the disagreements.
  const canCode = useCanCode();
  const textRef = useRef<HTMLTextAreaElement>(null);
  const label = t('compare.regionLabel', { code: code.name, words: placeWords(region.text) });
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' });
  const sides = view.coders.filter((name) => (region.coders[name] ?? []).length > 0);
  const around = text ? contextAround(text, region) : { before: '', after: '', start: region.start };
  // The text to pick a new span in: the place with its context, so a span can reach beyond it.
  const pickText = `${around.before}${region.text}${around.after}`;

  const accept = async (body: { from?: string[]; span?: { start: number; end: number } }) => {
    const r = await run(() =>
      codersApi.accept(data.project, { source: view.source.id, code: code.id, start: region.start, end: region.end, ...body }),
    );
    if (!r) return;
    notify(t('compare.accepted', { layer: r.layer }));
    setSpanOpen(false);
    onChanged();
  };
  const acceptSelection = () => {
    const el = textRef.current;
    const span = el ? selectionToSpan(pickText, around.start, el.selectionStart, el.selectionEnd) : null;
    if (!span) {
      notify(t('compare.noSelection'));
      el?.focus();
      return;
    }
    void accept({ span });
  };

  const column = (title: string, spans: Span[], key: string, empty: string) => {
    const pieces = markPieces(region.text, region.start, spans);
    const any = pieces.some((p) => p.marked);
    return (
      <div className="side" key={key} data-layer={key}>
        <h4 className="side-title">{title}</h4>
        <p className="side-text">
          {around.before && <span className="ctx">{around.before}</span>}
          {pieces.map((p, i) =>
            p.marked ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: pieces are positional and never reordered
              <mark key={i} className="coded" style={{ background: tint(code.color, 0.35), borderBottomColor: code.color }}>
                {p.text}
              </mark>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: as above
              <span key={i}>{p.text}</span>
            ),
          )}
          {around.after && <span className="ctx">{around.after}</span>}
        </p>
        {!any && <p className="muted small">{empty}</p>}
      </div>
    );
  };

  return (
    <article className="region" aria-label={label}>
      <h3 className="region-title small muted">
        {label} · {region.consensus.length > 0 ? t('compare.decided') : t('compare.notDecided')}
      </h3>
      <PlaySpan project={data.project} source={view.source.id} span={region.span} />
      <ul className="differences small" aria-label={t('compare.differences')}>
        {differenceWords(region, view.coders).map((d) => (
          <li key={d.start}>
            {t('compare.difference', { codedBy: list.format(d.codedBy), notBy: list.format(d.notBy), words: d.words })}
          </li>
        ))}
      </ul>
      <div className="sides" style={{ gridTemplateColumns: `repeat(${view.coders.length + 1}, minmax(0, 1fr))` }}>
        {view.coders.map((name) => column(name, region.coders[name] ?? [], name, t('compare.nothingCoded')))}
        {column(
          view.layer === 'consensus' ? t('compare.consensus') : `${t('compare.consensus')} (${view.layer})`,
          region.consensus,
          `consensus:${view.layer}`,
          t('compare.notDecided'),
        )}
      </div>
      {canCode && (
        <div className="row tight">
          {view.coders.map((name) => (
            <button
              key={name}
              type="button"
              className="small-button"
              aria-label={t('compare.acceptSideLabel', { coder: name, code: code.name })}
              onClick={() => void accept({ from: [name] })}
            >
              {t('compare.acceptSide', { coder: name })}
            </button>
          ))}
          {sides.length > 1 && (
            <button
              type="button"
              className="small-button"
              aria-label={t('compare.acceptBothLabel', { coders: sides.join(', '), code: code.name })}
              onClick={() => void accept({ from: sides })}
            >
              {t('compare.acceptBoth')}
            </button>
          )}
          <button type="button" className="small-button" aria-expanded={spanOpen} onClick={() => setSpanOpen((o) => !o)}>
            {t('compare.newSpan')}
          </button>
        </div>
      )}
      {canCode && spanOpen && (
        <div className="new-span">
          <label>
            {t('compare.spanText')}
            <textarea
              ref={textRef}
              readOnly
              value={pickText}
              rows={Math.min(6, Math.max(2, Math.ceil(pickText.length / 80)))}
              // biome-ignore lint/a11y/noAutofocus: the New span button opens this text to select in
              autoFocus
            />
          </label>
          <p className="muted small">{t('compare.newSpanHelp')}</p>
          <button type="button" className="primary small-button" onClick={acceptSelection}>
            {t('compare.acceptSelection')}
          </button>
        </div>
      )}
    </article>
  );
}

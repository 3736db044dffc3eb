import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, currentCoder, type DocSegment, type Source } from '../api.js';
import { codeColor } from '../codeColors.js';
import { layoutBlocks, type TurnMark } from '../layout/blocks.js';
import { layoutRuns, runIndexAt } from '../layout/runs.js';
import { assignLanes } from '../layout/virtual.js';
import { useProject } from '../project.js';
import { href, navigate } from '../router.js';
import { TextOffsets, trimSelection } from '../text/offsets.js';
import { useUi } from '../ui.js';
import { warningText } from '../warnings.js';
import { CodePopover, type PopoverChoice } from './CodePopover.js';
import { DocText, type DocTextHandle, type SpanInfo } from './DocText.js';

/** Segments in reading order (start, then longer first). */
function byPosition(a: DocSegment, b: DocSegment) {
  return a.start - b.start || b.end - a.end;
}

/**
 * A source with its coding: the text (drawn virtually), the code popover, and a side panel with
 * the selection, the coding at the focused place (codes, coder, memo) and the coder filter.
 */
export function DocumentView({
  source,
  segment,
  at = null,
}: {
  source: string;
  segment: string | null;
  /** A place to select and mark (code points): a search hit, an auto-coding preview line. */
  at?: { start: number; end: number } | null;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify, run } = useUi();
  const [doc, setDoc] = useState<Source | null>(null);
  const [missing, setMissing] = useState(false);
  const [segments, setSegments] = useState<DocSegment[]>([]);
  const [coder, setCoder] = useState('');
  const [selection, setSelectionState] = useState<{ start: number; end: number } | null>(null);
  // The selection as of now (state lags a render behind; keys act on what is selected now).
  const selectionNow = useRef<{ start: number; end: number } | null>(null);
  const setSelection = useCallback((range: { start: number; end: number } | null) => {
    selectionNow.current = range;
    setSelectionState(range);
  }, []);
  const [active, setActive] = useState<string | null>(null);
  const [hover, setHover] = useState<{ ids: string[]; rect: DOMRect } | null>(null);
  const [popover, setPopover] = useState<{ left: number; top: number } | null>(null);
  const [memoFor, setMemoFor] = useState<string | null>(null);
  const [jump, setJump] = useState<{ id?: string; range?: { start: number; end: number }; n: number } | null>(null);
  const jumpTo = useCallback((id: string) => setJump((j) => ({ id, n: (j?.n ?? 0) + 1 })), []);
  const textRef = useRef<DocTextHandle | null>(null);
  const handle = useCallback((h: DocTextHandle) => {
    textRef.current = h;
  }, []);

  const loadSegments = useCallback(async () => {
    const list = await run(() => api.sourceSegments(data.project, source));
    if (list) setSegments(list.sort(byPosition));
  }, [data.project, source, run]);

  // A text rewritten under the view (pseudonyms applied) is fetched again, with its segments.
  const [textVersion, setTextVersion] = useState(0);
  useEffect(() => {
    let stale = false;
    void textVersion;
    setDoc(null);
    void (async () => {
      try {
        const [d, list] = await Promise.all([api.source(data.project, source), api.sourceSegments(data.project, source)]);
        if (stale) return;
        performance.mark('koda:doc-data');
        setSegments(list.sort(byPosition));
        setDoc(d);
      } catch (e) {
        if (!stale) {
          setMissing(true);
          notify((e as Error).message, 'error');
        }
      }
    })();
    return () => {
      stale = true;
    };
  }, [data.project, source, notify, textVersion]);

  // Another coder named in the top bar (or blind mode switched): the layers this tab may see change.
  const { coder: actingCoder } = data;
  const firstCoder = useRef(actingCoder);
  useEffect(() => {
    if (firstCoder.current === actingCoder) return;
    firstCoder.current = actingCoder;
    const timer = setTimeout(() => void loadSegments(), 350);
    return () => clearTimeout(timer);
  }, [actingCoder, loadSegments]);

  // Live: another tab's coding in this source, merges, deletions, undo: fetch the segments again.
  useEffect(
    () =>
      data.subscribe((events) => {
        const id = doc?.id;
        if (
          id &&
          events.some((e) => (e.action === 'source.delete' || e.action === 'case.withdraw') && e.objectIds.includes(id))
        ) {
          setMissing(true);
          return;
        }
        if (id && events.some((e) => e.action === 'pseudonym.apply' && e.objectIds.includes(id))) {
          setTextVersion((v) => v + 1);
          return;
        }
        const relevant = events.some(
          (e) =>
            !e.own &&
            (e.action.startsWith('history.') ||
              e.action === 'code.merge' ||
              e.action === 'code.delete' ||
              e.action === 'project.blind' ||
              e.action === 'project.reveal' ||
              e.action === 'coders.merge' ||
              (e.action === 'consensus.accept' && id !== undefined && e.objectIds.includes(id)) ||
              (e.action.startsWith('segment.') && id !== undefined && e.objectIds.includes(id)) ||
              (e.action.startsWith('segment.') && e.objectIds.some((o) => segments.some((s) => s.id === o)))),
        );
        if (relevant) void loadSegments();
      }),
    [data, doc?.id, loadSegments, segments],
  );

  const offsets = useMemo(() => (doc ? new TextOffsets(doc.text) : null), [doc]);
  const turns = useMemo<TurnMark[]>(
    () =>
      doc && offsets
        ? doc.turns.map((tu) => ({
            start: offsets.toUtf16(tu.start),
            speaker: tu.speaker,
            startMs: tu.startMs,
            case: tu.case && tu.case !== doc.case?.name ? tu.case : null,
          }))
        : [],
    [doc, offsets],
  );
  const blocks = useMemo(() => (doc ? layoutBlocks(doc.text, turns) : []), [doc, turns]);
  const coders = useMemo(() => [...new Set(segments.map((s) => s.coder))].sort(), [segments]);
  const shownSegments = useMemo(() => (coder ? segments.filter((s) => s.coder === coder) : segments), [segments, coder]);

  // The active code's branch, for the stronger highlight.
  const activeBranch = useMemo(() => {
    const out = new Set<string>();
    const root = data.activeCode ? data.codeById.get(data.activeCode) : undefined;
    if (!root) return out;
    const walk = (n: typeof root.node) => {
      out.add(n.id);
      n.children.forEach(walk);
    };
    walk(root.node);
    return out;
  }, [data.activeCode, data.codeById]);

  // Geometry (runs, lanes) depends on the segments only; colours and the active code are
  // looked up per segment on top, so choosing a code in the codebook does not lay out again.
  const geometry = useMemo(() => {
    if (!offsets || !doc) return null;
    const list = shownSegments.map((s) => ({ id: s.id, ...offsets.rangeToUtf16(s) }));
    const runs = layoutRuns(doc.text.length, list);
    const { lanes, count } = assignLanes(list);
    performance.mark('koda:doc-layout');
    return { runs, lanes, laneCount: count, ordered: list };
  }, [offsets, doc, shownSegments]);

  const layout = useMemo(() => {
    if (!geometry) return null;
    const spans = new Map<string, SpanInfo>();
    shownSegments.forEach((s, i) => {
      const g = geometry.ordered[i] as { start: number; end: number };
      const code = data.codeById.get(s.code);
      spans.set(s.id, {
        id: s.id,
        start: g.start,
        end: g.end,
        color: codeColor(data.flat, s.code),
        active: activeBranch.has(s.code),
        label: t('doc.stripe', { code: code?.node.name ?? '', coder: s.coder }),
      });
    });
    return { ...geometry, spans };
  }, [geometry, shownSegments, data.codeById, data.flat, activeBranch, t]);

  const segById = useMemo(() => new Map(segments.map((s) => [s.id, s])), [segments]);

  // Jump to the segment named in the address (from the retrieval view).
  useEffect(() => {
    if (segment) jumpTo(segment);
  }, [segment, jumpTo]);

  // Or to the place named in it (a search hit), once the text is there to count in.
  const atStart = at?.start;
  const atEnd = at?.end;
  useEffect(() => {
    if (atStart === undefined || atEnd === undefined || !offsets) return;
    const range = offsets.rangeToUtf16({ start: Math.min(atStart, offsets.length), end: Math.min(atEnd, offsets.length) });
    setJump((j) => ({ range, n: (j?.n ?? 0) + 1 }));
  }, [atStart, atEnd, offsets]);

  const codeName = (id: string) => data.codeById.get(id)?.node.name ?? '';

  const apply = async (codeId: string) => {
    const selection = selectionNow.current;
    if (!selection || !offsets || !doc) return;
    const range = offsets.rangeToCodePoints(trimSelection(doc.text, selection.start, selection.end));
    if (range.end <= range.start) return;
    performance.mark('koda:apply:start');
    const r = await data.mutate(
      () => api.applyCoding(data.project, { source: doc.id, code: codeId, start: range.start, end: range.end }),
      (res) => [res.id],
    );
    if (!r) return;
    data.setLastCode(codeId);
    const code = data.codeById.get(codeId)?.node;
    const added: DocSegment = {
      id: r.id,
      start: r.start,
      end: r.end,
      code: codeId,
      coder: currentCoder() || t('doc.you'),
      memo: '',
    };
    setSegments((list) => [...list, added].sort(byPosition));
    setActive(r.id);
    const end = offsets.toUtf16(range.end);
    textRef.current?.select(end, end);
    setSelection(null);
    requestAnimationFrame(() => setTimeout(() => performance.mark('koda:apply:painted'), 0));
    notify(t('doc.coded', { code: code?.name ?? '' }));
    // Coding a participant without recorded consent is allowed, and said plainly.
    for (const w of r.warnings ?? []) notify(warningText(t, w), 'warning');
  };

  const choose = async (choice: PopoverChoice) => {
    closePopover(false);
    if (choice.kind === 'code') return apply(choice.id);
    const created = await data.mutate(() => api.addCode(data.project, choice.name, choice.parent));
    if (!created) return;
    await data.reload(['codebook']);
    await apply(created.id);
  };

  const openPopover = () => {
    if (!selectionNow.current) {
      notify(t('doc.noSelection'));
      return;
    }
    const sel = document.getSelection();
    const range = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).cloneRange() : null;
    const rect = range?.getBoundingClientRect();
    // The passage stays marked while the popover has the focus (the CSS Custom Highlight API).
    if (range && typeof Highlight !== 'undefined') CSS.highlights?.set('koda-pending', new Highlight(range));
    setPopover({ left: rect ? rect.left : 200, top: rect ? rect.bottom + 6 : 200 });
  };

  const closePopover = (restore: boolean) => {
    CSS.highlights?.delete('koda-pending');
    setPopover(null);
    textRef.current?.focus();
    const sel = selectionNow.current;
    if (restore && sel) textRef.current?.select(sel.start, sel.end);
  };

  const remove = async (id: string) => {
    if (
      !(await data.mutate(
        () => api.removeSegment(data.project, id),
        () => [id],
      ))
    )
      return;
    setSegments((list) => list.filter((s) => s.id !== id));
    if (active === id) setActive(null);
    notify(t('doc.removed'));
    textRef.current?.focus();
  };

  const step = (direction: 1 | -1) => {
    const ordered = layout?.ordered;
    if (!ordered || ordered.length === 0) return;
    const sorted = [...ordered].sort((a, b) => a.start - b.start || b.end - a.end);
    let i = active ? sorted.findIndex((s) => s.id === active) : -1;
    if (i < 0) {
      const from = selectionNow.current?.start ?? 0;
      i = direction === 1 ? sorted.findIndex((s) => s.start >= from) - 1 : sorted.findIndex((s) => s.start >= from);
      if (direction === -1 && i < 0) i = sorted.length;
    }
    const next = sorted[Math.max(0, Math.min(sorted.length - 1, i + direction))];
    if (next) jumpTo(next.id);
  };

  const onKey = (key: 'code' | 'repeat' | 'next' | 'prev' | 'remove' | 'memo' | 'escape') => {
    switch (key) {
      case 'code':
        openPopover();
        break;
      case 'repeat':
        if (!data.lastCode) notify(t('doc.noLastCode'));
        else if (!selectionNow.current) notify(t('doc.noSelection'));
        else void apply(data.lastCode);
        break;
      case 'next':
        step(1);
        break;
      case 'prev':
        step(-1);
        break;
      case 'remove':
        if (active) void remove(active);
        break;
      case 'memo':
        if (active) setMemoFor(active);
        break;
      case 'escape':
        setActive(null);
        document.getSelection()?.collapseToEnd();
        break;
    }
  };

  if (missing) return <p className="card">{t('doc.notFound')}</p>;
  if (!doc || !layout || !data.loaded) return <p className="card">{t('app.loading')}</p>;

  // The coding at the focused place: every segment in the run where the active segment starts.
  const here = (() => {
    if (!active) return [];
    const span = layout.spans.get(active);
    if (!span) return [];
    const runAt = layout.runs[runIndexAt(layout.runs, span.start)];
    const ids = runAt?.ids.includes(active) ? runAt.ids : [active];
    return ids.map((id) => segById.get(id)).filter((s): s is DocSegment => s !== undefined);
  })();
  const last = data.lastCode ? data.codeById.get(data.lastCode)?.node : undefined;

  return (
    <div className="document">
      <div className="doc-head">
        <h1>{doc.name}</h1>
        <span className="muted">
          {doc.case ? `${t('overview.case')}: ${doc.case.name} · ` : ''}
          {t('doc.segmentsCount', { count: segments.length })}
        </span>
        <label className="inline">
          {t('app.openDocument')}
          <select
            value={doc.id}
            onChange={(e) => navigate({ view: 'document', project: data.project, source: e.target.value, segment: null })}
          >
            {data.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="doc-body">
        <DocText
          label={t('doc.textLabel', { source: doc.name })}
          text={doc.text}
          blocks={blocks}
          runs={layout.runs}
          turns={turns}
          spans={layout.spans}
          lanes={layout.lanes}
          laneCount={layout.laneCount}
          activeSegment={active}
          jump={jump}
          onSelection={setSelection}
          onHover={(ids, rect) => setHover(ids && rect ? { ids, rect } : null)}
          onActivate={setActive}
          onKey={onKey}
          handle={handle}
        />
        <aside className="doc-side" aria-label={t('doc.details')}>
          <section className="side-section">
            <p className="muted small" aria-live="polite">
              {selection && offsets
                ? t('doc.selection', {
                    count: (() => {
                      const r = offsets.rangeToCodePoints(selection);
                      return r.end - r.start;
                    })(),
                  })
                : t('doc.noSelection')}
            </p>
            <div className="row tight">
              <button type="button" className="primary" disabled={!selection} onClick={openPopover} title={t('doc.codeShortcut')}>
                {t('doc.code')}
              </button>
              {last && (
                <button type="button" disabled={!selection} onClick={() => void apply(last.id)} title={t('doc.repeatShortcut')}>
                  <span className="swatch" style={{ background: codeColor(data.flat, last.id) }} aria-hidden="true" />{' '}
                  {t('doc.repeat', { code: last.name })}
                </button>
              )}
            </div>
            {coders.length > 1 && (
              <label className="inline">
                {t('doc.coderFilter')}
                <select value={coder} onChange={(e) => setCoder(e.target.value)}>
                  <option value="">{t('doc.allCoders')}</option>
                  {coders.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </section>
          <section className="side-section" aria-labelledby="here-heading">
            <h2 id="here-heading">{t('doc.details')}</h2>
            {here.length === 0 ? (
              <p className="muted small">{t('doc.nothingHere')}</p>
            ) : (
              <ul className="here">
                {here.map((s) => (
                  <li key={s.id} className={s.id === active ? 'current' : undefined}>
                    <div className="here-code">
                      <span className="swatch" style={{ background: codeColor(data.flat, s.code) }} aria-hidden="true" />
                      <a href={href({ view: 'retrieval', project: data.project, code: s.code })}>{codeName(s.code)}</a>
                    </div>
                    <div className="muted small">{t('doc.by', { coder: s.coder })}</div>
                    <blockquote className="quote small">{excerpt(offsets?.rangeToUtf16(s), doc.text)}</blockquote>
                    {memoFor === s.id ? (
                      <MemoEditor
                        segment={s}
                        label={t('doc.memoFor', { code: codeName(s.code) })}
                        onDone={(memo) => {
                          setMemoFor(null);
                          if (memo !== null) setSegments((list) => list.map((x) => (x.id === s.id ? { ...x, memo } : x)));
                          textRef.current?.focus();
                        }}
                      />
                    ) : (
                      s.memo && <p className="memo">{s.memo}</p>
                    )}
                    <div className="row tight">
                      <button type="button" className="small-button" onClick={() => setMemoFor(s.id)}>
                        {t('doc.memo')}
                      </button>
                      <button
                        type="button"
                        className="small-button danger"
                        aria-label={t('doc.removeLabel', { code: codeName(s.code) })}
                        onClick={() => void remove(s.id)}
                      >
                        {t('doc.remove')}
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
      {hover && !popover && <HoverCard ids={hover.ids} rect={hover.rect} segById={segById} codeName={codeName} />}
      {popover && (
        <CodePopover
          codes={data.flat}
          at={popover}
          initial={data.lastCode}
          onChoose={(c) => void choose(c)}
          onClose={() => closePopover(true)}
        />
      )}
    </div>
  );
}

/** The first 220 characters of a segment's text. */
function excerpt(range: { start: number; end: number } | undefined, text: string): string {
  if (!range) return '';
  const quote = text.slice(range.start, Math.min(range.end, range.start + 230));
  return range.end - range.start > 230 ? `${quote.slice(0, 220)}…` : quote;
}

function HoverCard({
  ids,
  rect,
  segById,
  codeName,
}: {
  ids: string[];
  rect: DOMRect;
  segById: Map<string, DocSegment>;
  codeName: (id: string) => string;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const items = ids.map((id) => segById.get(id)).filter((s): s is DocSegment => s !== undefined);
  if (items.length === 0) return null;
  const below = rect.bottom + 8 + 40 * items.length < window.innerHeight;
  const style = below
    ? { left: Math.min(rect.left, window.innerWidth - 320), top: rect.bottom + 6 }
    : { left: Math.min(rect.left, window.innerWidth - 320), bottom: window.innerHeight - rect.top + 6 };
  return (
    <div className="hovercard" role="tooltip" style={style}>
      {items.map((s) => (
        <div key={s.id} className="hover-item">
          <span className="swatch" style={{ background: codeColor(data.flat, s.code) }} aria-hidden="true" />
          <strong>{codeName(s.code)}</strong> <span className="muted">{t('doc.by', { coder: s.coder })}</span>
          {s.memo && <div className="memo small">{s.memo.length > 200 ? `${s.memo.slice(0, 200)}…` : s.memo}</div>}
        </div>
      ))}
    </div>
  );
}

function MemoEditor({ segment, label, onDone }: { segment: DocSegment; label: string; onDone(memo: string | null): void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [memo, setMemo] = useState(segment.memo);
  const save = async () => {
    if (
      await data.mutate(
        () => api.setMemo(data.project, segment.id, memo),
        () => [segment.id],
      )
    ) {
      notify(t('doc.memoSaved'));
      onDone(memo);
    }
  };
  return (
    <div className="memo-editor">
      <textarea
        aria-label={label}
        value={memo}
        rows={4}
        // biome-ignore lint/a11y/noAutofocus: the memo key opens this field to type in
        autoFocus
        onChange={(e) => setMemo(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone(null);
          }
        }}
      />
      <div className="row tight">
        <button type="button" className="primary small-button" onClick={() => void save()}>
          {t('doc.saveMemo')}
        </button>
        <button type="button" className="small-button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}

import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocSegment } from '../api.js';
import { codeColor } from '../codeColors.js';
import { runIndexAt } from '../layout/runs.js';
import { currentTurn, turnTimes } from '../media/currentTurn.js';
import { useCanCode, useProject } from '../project.js';
import { href, navigate } from '../router.js';
import { CodePopover } from './CodePopover.js';
import { DocText, type DocTextHandle } from './DocText.js';
import { HoverCard } from './document/HoverCard.js';
import { MemoEditor } from './document/MemoEditor.js';
import { SegmentMemos } from './document/SegmentMemos.js';
import { SourceMemos } from './document/SourceMemos.js';
import { TranscriptActions } from './document/TranscriptActions.js';
import { TranscriptPrint } from './document/TranscriptPrint.js';
import { useCodingActions, useSelection } from './document/useCodingActions.js';
import { useDocumentKeys } from './document/useDocumentKeys.js';
import { useDocumentLayout } from './document/useDocumentLayout.js';
import { useJump } from './document/useJump.js';
import { useSourceData } from './document/useSourceData.js';
import { GuidePanel } from './GuidePanel.js';
import { MediaPlayer, recordingUrl } from './media/MediaPlayer.js';
import { RecordingUpload } from './media/RecordingUpload.js';
import { usePlayer } from './media/usePlayer.js';
import { usePlayerKeys } from './media/usePlayerKeys.js';

/**
 * A source with its coding: the text (drawn virtually), the code popover, and a side panel with
 * the selection, the coding at the focused place (codes, coder, memo) and the coder filter.
 * Loading and live updates, coding actions, keys and jumps are hooks of their own in `document/`.
 * A viewer reads the text and its coding: the controls that code, write or upload are not shown.
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
  const canCode = useCanCode();
  const { doc, missing, segments, setSegments } = useSourceData(source);
  const [coder, setCoder] = useState('');
  const { selection, selectionNow, setSelection } = useSelection();
  const [active, setActive] = useState<string | null>(null);
  const [hover, setHover] = useState<{ ids: string[]; rect: DOMRect } | null>(null);
  const [memoFor, setMemoFor] = useState<string | null>(null);
  const textRef = useRef<DocTextHandle | null>(null);
  const handle = useCallback((h: DocTextHandle) => {
    textRef.current = h;
  }, []);

  const coders = useMemo(() => [...new Set(segments.map((s) => s.coder))].sort(), [segments]);
  const shownSegments = useMemo(() => (coder ? segments.filter((s) => s.coder === coder) : segments), [segments, coder]);
  const { offsets, turns, blocks, layout } = useDocumentLayout(doc, shownSegments);
  const segById = useMemo(() => new Map(segments.map((s) => [s.id, s])), [segments]);
  const { jump, jumpTo } = useJump(segment, at, offsets);
  const { apply, choose, remove, popover, openPopover, closePopover } = useCodingActions({
    doc,
    offsets,
    selectionNow,
    setSelection,
    setSegments,
    active,
    setActive,
    textRef,
  });
  const onKey = useDocumentKeys({
    ordered: layout?.ordered,
    active,
    setActive,
    setMemoFor,
    selectionNow,
    jumpTo,
    openPopover,
    apply,
    remove,
  });

  const recording = doc?.recording ?? null;
  const player = usePlayer();
  usePlayerKeys(recording ? player : null);
  const times = useMemo(() => turnTimes(turns), [turns]);
  const current = recording && player.started ? currentTurn(times, player.ms) : null;
  const playTurn = useCallback((i: number) => player.playFrom(turns[i]?.startMs ?? 0), [player.playFrom, turns]);

  const codeName = (id: string) => data.codeById.get(id)?.node.name ?? '';

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
        {recording && canCode && (
          <a
            href={href({ view: 'document', project: data.project, source: doc.id, segment: null, transcribe: true })}
            title={t('media.transcribeHint')}
          >
            {t('media.transcribe')}
          </a>
        )}
        <a href={href({ view: 'pictures', project: data.project, tab: 'portrait', source: doc.id })}>
          {t('pictures.fromDocument')}
        </a>
        <TranscriptActions project={data.project} source={doc.id} />
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
      {recording ? (
        <MediaPlayer player={player} recording={recording} src={recordingUrl(data.project, doc.id)} />
      ) : (
        canCode && <RecordingUpload source={doc.id} />
      )}
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
          currentTurn={current}
          onPlayTurn={recording ? playTurn : null}
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
            {canCode && (
              <div className="row tight">
                <button
                  type="button"
                  className="primary"
                  disabled={!selection}
                  onClick={openPopover}
                  title={t('doc.codeShortcut')}
                >
                  {t('doc.code')}
                </button>
                {last && (
                  <button type="button" disabled={!selection} onClick={() => void apply(last.id)} title={t('doc.repeatShortcut')}>
                    <span className="swatch" style={{ background: codeColor(data.flat, last.id) }} aria-hidden="true" />{' '}
                    {t('doc.repeat', { code: last.name })}
                  </button>
                )}
              </div>
            )}
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
                    <SegmentMemos segment={s.id} name={codeName(s.code)} />
                    {canCode && (
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
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <SourceMemos source={doc.id} name={doc.name} />
          <GuidePanel source={doc.id} text={doc.text} turns={doc.turns} />
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
      <TranscriptPrint name={doc.name} text={doc.text} segments={shownSegments} />
    </div>
  );
}

/** The first 220 characters of a segment's text. */
function excerpt(range: { start: number; end: number } | undefined, text: string): string {
  if (!range) return '';
  const quote = text.slice(range.start, Math.min(range.end, range.start + 230));
  return range.end - range.start > 230 ? `${quote.slice(0, 220)}…` : quote;
}

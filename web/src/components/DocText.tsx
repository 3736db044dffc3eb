import { memo, type ReactNode, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { speakerLabelEnd } from '../../../src/core/anchoring/speakerLabel.js';
import { HIGHLIGHT } from '../../../src/core/codebook/colors.js';
import { UNKNOWN_CODE_COLOR } from '../codeColors.js';
import { type Block, type TurnMark, turnAt } from '../layout/blocks.js';
import { type Run, runsIn } from '../layout/runs.js';
import { clockLabel } from '../media/clock.js';
import { useFollowTurn } from './document/useFollowTurn.js';
import { useTextJump } from './document/useTextJump.js';
import { useTextKeys } from './document/useTextKeys.js';
import { useTextSelection } from './document/useTextSelection.js';
import { useVirtualBlocks } from './document/useVirtualBlocks.js';

export interface SpanInfo {
  id: string;
  start: number;
  end: number;
  color: string;
  /** The segment's code is the active one (or below it): drawn more strongly. */
  active: boolean;
  /** Names the segment's stripe in the margin (its code and coder). */
  label: string;
}

export interface DocTextHandle {
  focus(): void;
  /** Restores a selection (UTF-16) after the text was redrawn. */
  select(anchor: number, focus: number): void;
}

export interface DocTextProps {
  label: string;
  text: string;
  blocks: Block[];
  runs: Run[];
  turns: TurnMark[];
  spans: Map<string, SpanInfo>;
  lanes: Map<string, number>;
  laneCount: number;
  activeSegment: string | null;
  /**
   * Scroll segment `id` into view and focus its first highlight, or select and mark `range`
   * (UTF-16; a search hit) with the focus in the text. A new `n` jumps again.
   */
  jump: { id?: string; range?: { start: number; end: number }; n: number } | null;
  /** The selection changed: UTF-16 `[start, end)` or null when collapsed or outside. */
  onSelection(range: { start: number; end: number } | null): void;
  onHover(ids: string[] | null, rect: DOMRect | null): void;
  onActivate(id: string | null): void;
  onKey(key: 'code' | 'repeat' | 'next' | 'prev' | 'remove' | 'memo' | 'escape'): void;
  handle(h: DocTextHandle): void;
  /** The turn the recording is at (index into `turns`): marked, and followed while the person reads along. */
  currentTurn?: number | null;
  /** With a recording: each timed turn's time is a button playing from there. */
  onPlayTurn?: ((turn: number) => void) | null;
}

const LANE_WIDTH = 5;

/** The segments a highlight (`data-segment-ids`) or a margin stripe (`data-segment`) stands for. */
function segmentsOf(el: HTMLElement): string[] {
  return el.dataset.segment ? [el.dataset.segment] : (el.dataset.segmentIds ?? '').split(' ');
}

function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

/**
 * The document's text, drawn virtually: blocks near the viewport (and those holding the
 * selection's ends) are rendered, absolutely placed by their measured or estimated heights.
 * Each run is an element with `data-o` (UTF-16 start); coded runs are <mark> elements with
 * `data-segment-ids`. The region is focusable and handles the coding keys.
 */
export function DocText(props: DocTextProps) {
  const { t } = useTranslation();
  const { text, blocks, runs, turns, spans, lanes, laneCount, activeSegment } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLDivElement>(null);
  const measure = useRef<HTMLSpanElement>(null);
  const painted = useRef(false);
  const propsRef = useRef(props);
  propsRef.current = props;
  const { heights, blockObserver, shown, onScroll, setViewport, setPinned } = useVirtualBlocks(scroller, measure, blocks, text);
  const { caret, setCaret, selectionRef, syncSelection, drawCaret } = useTextSelection(
    scroller,
    canvas,
    propsRef,
    runs,
    setPinned,
  );

  // First paint of the text with its highlights, for the benchmark.
  useEffect(() => {
    if (painted.current || shown.length === 0) return;
    painted.current = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark('koda:doc-painted'), 0));
  }, [shown]);

  useTextJump(scroller, propsRef, { heights, blocks, setPinned, setViewport, selectionRef });
  useFollowTurn(scroller, props.currentTurn ?? null, { turns, blocks, heights, setPinned, setViewport });
  const playable = Boolean(props.onPlayTurn);
  const onPlay = useCallback((turn: number) => propsRef.current.onPlayTurn?.(turn), []);
  const onKeyDown = useTextKeys(scroller, propsRef, syncSelection);

  // A highlight, or the stripes in the margin under the pointer: the hover card names their codes.
  const hoverFrom = (target: EventTarget | null, pointer?: { x: number; y: number }) => {
    const el = (target as HTMLElement | null)?.closest?.('mark[data-segment-ids], .stripe') as HTMLElement | null;
    if (!el) return props.onHover(null, null);
    props.onHover(pointer && el.dataset.segment ? stripesAt(pointer) : segmentsOf(el), el.getBoundingClientRect());
  };

  /** Segments whose stripes meet at a point: one lane holds segments side by side on a line. */
  const stripesAt = (pointer: { x: number; y: number }) => {
    const ids = document
      .elementsFromPoint(pointer.x, pointer.y)
      .flatMap((el) => ((el as HTMLElement).dataset.segment ? [(el as HTMLElement).dataset.segment as string] : []));
    const start = (id: string) => props.spans.get(id)?.start ?? 0;
    return ids.sort((a, b) => start(a) - start(b));
  };

  const total = heights?.total ?? 0;
  return (
    <div
      ref={scroller}
      className="doc-scroll"
      role="document"
      aria-label={props.label}
      aria-describedby="doc-hint"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: the text is a keyboard-driven coding surface (caret, selection, keys)
      tabIndex={0}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={drawCaret}
      onBlur={(e) => {
        setCaret(null);
        if (e.target.tagName === 'MARK') e.target.removeAttribute('tabindex');
      }}
      onMouseDown={(e) => {
        // A press on the focused highlight starts a selection too (see the jump above).
        for (const mark of e.currentTarget.querySelectorAll('mark[tabindex]')) mark.removeAttribute('tabindex');
      }}
      onMouseOver={(e) => hoverFrom(e.target, { x: e.clientX, y: e.clientY })}
      onMouseLeave={() => props.onHover(null, null)}
      onFocusCapture={(e) => {
        if ((e.target as HTMLElement).tagName === 'MARK') hoverFrom(e.target);
      }}
      onClick={(e) => {
        const mark = (e.target as HTMLElement).closest('mark[data-segment-ids], .stripe') as HTMLElement | null;
        const sel = document.getSelection();
        if (!sel?.isCollapsed) return;
        if (!mark) return props.onActivate(null);
        const ids = segmentsOf(mark);
        const at = activeSegment ? ids.indexOf(activeSegment) : -1;
        // A click on the active segment's highlight moves on to the next segment there.
        props.onActivate(ids[at >= 0 ? (at + 1) % ids.length : ids.length - 1] ?? null);
      }}
    >
      <div ref={canvas} className="doc-canvas" style={{ height: total }}>
        <div className="doc-column">
          <span ref={measure} className="measure" aria-hidden="true">
            Hon sa att det var svårt att få tid till samverkan med skolan och fritid
          </span>
        </div>
        {heights &&
          shown.map((i) => {
            const block = blocks[i] as Block;
            return (
              <BlockView
                key={block.start}
                block={block}
                top={heights.top(i)}
                text={text}
                runs={runsIn(runs, block.start, block.end)}
                turns={turns}
                spans={spans}
                lanes={lanes}
                laneCount={laneCount}
                activeSegment={activeSegment}
                observer={blockObserver}
                currentTurn={props.currentTurn ?? null}
                onPlay={playable ? onPlay : null}
              />
            );
          })}
        {caret && <div className="caret" style={{ top: caret.top, left: caret.left, height: caret.height }} aria-hidden="true" />}
      </div>
      <p className="sr-only" id="doc-hint">
        {t('doc.hint')}
      </p>
    </div>
  );
}

interface BlockProps {
  block: Block;
  top: number;
  text: string;
  runs: Run[];
  turns: TurnMark[];
  spans: Map<string, SpanInfo>;
  lanes: Map<string, number>;
  laneCount: number;
  activeSegment: string | null;
  observer: ResizeObserver | null;
  currentTurn: number | null;
  onPlay: ((turn: number) => void) | null;
}

/** The current turn when it starts in this block (a block redraws only for its own). */
function currentHere(p: BlockProps): number | null {
  return p.block.pieces.some((piece) => piece.turn !== null && piece.turn === p.currentTurn) ? p.currentTurn : null;
}

function blockSignature(p: BlockProps): string {
  let sig = `${p.top}|${p.laneCount}|${currentHere(p)}|${p.onPlay !== null}|`;
  for (const r of p.runs) {
    sig += `${r.start}-${r.end}`;
    for (const id of r.ids) {
      const s = p.spans.get(id);
      sig += `,${id}${s?.color}${s?.label}${s?.active ? '!' : ''}${id === p.activeSegment ? '*' : ''}`;
    }
    sig += ';';
  }
  return sig;
}

const BlockView = memo(
  function BlockView(p: BlockProps) {
    const ref = useRef<HTMLDivElement>(null);
    const [bars, setBars] = useState<{ id: string; lane: number; top: number; height: number; color: string; label: string }[]>(
      [],
    );
    const { block, text, runs, spans, lanes } = p;

    useLayoutEffect(() => {
      const el = ref.current;
      if (!el || !p.observer) return;
      p.observer.observe(el);
      return () => p.observer?.unobserve(el);
    }, [p.observer]);

    // Coding stripes: one bar per segment in its lane, from its first to its last line here.
    // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the runs change
    useLayoutEffect(() => {
      const el = ref.current;
      if (!el) return;
      const base = el.getBoundingClientRect().top;
      const extent = new Map<string, { top: number; bottom: number }>();
      for (const mark of el.querySelectorAll<HTMLElement>('mark[data-segment-ids]')) {
        const rect = mark.getBoundingClientRect();
        for (const id of (mark.dataset.segmentIds ?? '').split(' ')) {
          const e = extent.get(id);
          if (e) {
            e.top = Math.min(e.top, rect.top);
            e.bottom = Math.max(e.bottom, rect.bottom);
          } else extent.set(id, { top: rect.top, bottom: rect.bottom });
        }
      }
      setBars(
        [...extent].map(([id, e]) => ({
          id,
          lane: lanes.get(id) ?? 0,
          top: e.top - base,
          height: e.bottom - e.top,
          color: spans.get(id)?.color ?? UNKNOWN_CODE_COLOR,
          label: spans.get(id)?.label ?? '',
        })),
      );
    }, [runs, spans, lanes]);

    const children: ReactNode[] = [];
    for (const piece of block.pieces) {
      const turn = piece.turn !== null ? p.turns[piece.turn] : undefined;
      // The speaker label, set in bold, ends where the core's one rule says.
      const boldTo = turn?.speaker ? (speakerLabelEnd(text, piece.start, piece.end, turn.speaker) ?? piece.start) : piece.start;
      const inner: ReactNode[] = [];
      for (const run of runsIn(runs, piece.start, piece.end)) {
        // Split a run at the end of the speaker label, so the label can be bold.
        const cuts = run.start < boldTo && run.end > boldTo ? [run.start, boldTo, run.end] : [run.start, run.end];
        for (let c = 0; c + 1 < cuts.length; c++) {
          const start = cuts[c] as number;
          const end = cuts[c + 1] as number;
          const content = text.slice(start, end);
          const speaker = start < boldTo ? 'speaker' : undefined;
          if (run.ids.length === 0) {
            inner.push(
              <span key={start} data-o={start} className={speaker}>
                {content}
              </span>,
            );
            continue;
          }
          const infos = run.ids.map((id) => spans.get(id)).filter((s): s is SpanInfo => s !== undefined);
          const active = infos.find((s) => s.active);
          const top = active ?? infos[infos.length - 1];
          const second = infos.length > 1 ? infos.find((s) => s !== top) : undefined;
          const focused = p.activeSegment !== null && run.ids.includes(p.activeSegment);
          const cls = [
            'hl',
            speaker,
            active ? 'hl-active' : '',
            focused ? 'hl-focused' : '',
            infos.length > 1 ? 'hl-overlap' : '',
          ]
            .filter(Boolean)
            .join(' ');
          inner.push(
            <mark
              key={start}
              data-o={start}
              data-segment-ids={run.ids.join(' ')}
              className={cls}
              style={{
                backgroundColor: alpha(top?.color ?? UNKNOWN_CODE_COLOR, active ? HIGHLIGHT.activeAlpha : HIGHLIGHT.alpha),
                boxShadow: second ? `inset 0 -3px 0 ${alpha(second.color, 0.85)}` : undefined,
              }}
            >
              {content}
            </mark>,
          );
        }
      }
      const current = turn !== undefined && piece.turn === p.currentTurn;
      children.push(
        <div
          key={piece.start}
          className={turn ? `piece turn${current ? ' turn-current' : ''}` : 'piece'}
          data-turn={piece.turn ?? undefined}
          data-in-turn={piece.turn ?? turnAt(p.turns, piece.start) ?? undefined}
          aria-current={current ? 'true' : undefined}
        >
          {turn && (turn.startMs !== null || turn.case) && (
            <span className="gutter">
              {turn.startMs !== null && <TurnTime turn={piece.turn as number} ms={turn.startMs} onPlay={p.onPlay} />}
              {turn.case && <span className="turn-case">{turn.case}</span>}
            </span>
          )}
          {inner}
        </div>,
      );
    }
    const width = Math.max(1, p.laneCount) * LANE_WIDTH;
    return (
      <div ref={ref} className="block" data-block={block.index} style={{ top: p.top }}>
        <div className="stripes" style={{ width }}>
          {bars.map((b) => (
            <div
              key={b.id}
              role="img"
              aria-label={b.label}
              data-segment={b.id}
              className={`stripe${b.id === p.activeSegment ? ' stripe-focused' : ''}`}
              style={{ left: b.lane * LANE_WIDTH, top: b.top, height: b.height, background: b.color }}
            />
          ))}
        </div>
        <div className="block-text">{children}</div>
      </div>
    );
  },
  (a, b) =>
    a.observer === b.observer &&
    a.block === b.block &&
    a.text === b.text &&
    a.onPlay === b.onPlay &&
    blockSignature(a) === blockSignature(b),
);

/** A turn's time in the margin: with a recording, a button that plays from there. */
function TurnTime({ turn, ms, onPlay }: { turn: number; ms: number; onPlay: ((turn: number) => void) | null }) {
  const { t } = useTranslation();
  const label = clockLabel(ms);
  if (!onPlay) return <span className="time">{label}</span>;
  return (
    <button
      type="button"
      className="time play-turn"
      aria-label={t('media.playTurn', { time: label })}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => onPlay(turn)}
    >
      {label}
    </button>
  );
}

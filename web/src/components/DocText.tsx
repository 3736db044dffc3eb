import { memo, type ReactNode, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HIGHLIGHT } from '../../../src/core/codebook/colors.js';
import { UNKNOWN_CODE_COLOR } from '../codeColors.js';
import { holdFocusInText, selectionOffsets, selectOffsets } from '../dom/selection.js';
import { type Block, blockAt, estimateHeight, type Metrics, type TurnMark } from '../layout/blocks.js';
import { type Run, runsIn } from '../layout/runs.js';
import { HeightMap } from '../layout/virtual.js';

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
}

const LANE_WIDTH = 5;

/** The segments a highlight (`data-segment-ids`) or a margin stripe (`data-segment`) stands for. */
function segmentsOf(el: HTMLElement): string[] {
  return el.dataset.segment ? [el.dataset.segment] : (el.dataset.segmentIds ?? '').split(' ');
}
const OVERSCAN = 1.0;

function alpha(hex: string, a: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

function clock(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Where a turn's speaker label (`[00:01:02] Albin:`, `Albin (01:02):`) ends, to set it in bold. */
function labelEnd(text: string, start: number, speaker: string): number {
  const line = text.slice(start, start + 120);
  const at = line.indexOf(speaker);
  const colon = at < 0 ? -1 : line.indexOf(':', at + speaker.length);
  if (colon < 0 || colon - (at + speaker.length) > 16 || line.slice(0, colon).includes('\n')) return start;
  return start + colon + (line.charAt(colon + 1) === ' ' ? 2 : 1);
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
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const [version, setVersion] = useState(0);
  const [pinned, setPinned] = useState<number[]>([]);
  const [caret, setCaret] = useState<{ top: number; left: number; height: number } | null>(null);
  const selectionRef = useRef<{ anchor: number; focus: number } | null>(null);
  const painted = useRef(false);
  const propsRef = useRef(props);
  propsRef.current = props;

  // Text metrics for height estimates: the column's width in characters and the line height.
  useLayoutEffect(() => {
    const el = scroller.current;
    const probe = measure.current;
    if (!el || !probe) return;
    const compute = () => {
      const style = getComputedStyle(probe);
      const charWidth = probe.getBoundingClientRect().width / (probe.textContent?.length || 1);
      const lineHeight = Number.parseFloat(style.lineHeight) || 24;
      const column = (probe.parentElement?.clientWidth ?? el.clientWidth) - 16;
      const next: Metrics = {
        charsPerLine: Math.max(20, Math.floor(column / charWidth)),
        lineHeight,
        blockPadding: 0,
        turnGap: lineHeight * 0.6,
      };
      setMetrics((m) => (m && m.charsPerLine === next.charsPerLine && m.lineHeight === next.lineHeight ? m : next));
      setViewport({ top: el.scrollTop, height: el.clientHeight });
    };
    compute();
    const ro = new ResizeObserver(compute);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const heights = useMemo(() => {
    if (!metrics) return null;
    const map = new HeightMap(blocks.map((b) => estimateHeight(text, b, metrics)));
    performance.mark('koda:doc-heights');
    return map;
  }, [blocks, text, metrics]);

  // Measured heights replace estimates; a change above the viewport keeps the reading place.
  const blockObserver = useMemo(() => {
    if (!heights) return null;
    return new ResizeObserver((entries) => {
      const el = scroller.current;
      let changed = false;
      for (const entry of entries) {
        const target = entry.target as HTMLElement;
        const i = Number(target.dataset.block);
        const old = heights.height(i);
        const top = heights.top(i);
        const h = target.offsetHeight;
        if (heights.set(i, h)) {
          changed = true;
          if (el && top + old <= el.scrollTop) el.scrollTop += h - old;
        }
      }
      if (changed) setVersion((v) => v + 1);
    });
  }, [heights]);
  useEffect(() => () => blockObserver?.disconnect(), [blockObserver]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (el) setViewport({ top: el.scrollTop, height: el.clientHeight });
  }, []);

  const shown = useMemo(() => {
    if (!heights) return [];
    void version;
    const [first, last] = heights.visible(viewport.top, viewport.height, viewport.height * OVERSCAN);
    const set = new Set<number>();
    for (let i = first; i <= last; i++) set.add(i);
    for (const p of pinned) if (p >= 0 && p < blocks.length) set.add(p);
    return [...set].sort((a, b) => a - b);
  }, [heights, viewport, version, pinned, blocks.length]);

  // The selection: reported up, its ends' blocks kept drawn, restored when runs are redrawn.
  // Read at once after a key moved it too, as `selectionchange` only comes a moment later.
  const syncSelection = () => {
    const el = scroller.current;
    if (!el) return;
    holdFocusInText(el);
    const sel = selectionOffsets(el);
    if (!sel) {
      if (document.activeElement !== el) setCaret(null);
      return;
    }
    selectionRef.current = { anchor: sel.anchor, focus: sel.focus };
    propsRef.current.onSelection(sel.end > sel.start ? { start: sel.start, end: sel.end } : null);
    const a = blockAt(propsRef.current.blocks, sel.anchor);
    const f = blockAt(propsRef.current.blocks, sel.focus);
    setPinned((p) => (p[0] === a && p[1] === f ? p : [a, f, ...p.slice(2)]));
    drawCaret();
  };
  useEffect(() => {
    const onChange = () => syncSelection();
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  });

  const drawCaret = () => {
    const el = scroller.current;
    const box = canvas.current;
    const sel = document.getSelection();
    if (
      !el ||
      !box ||
      !sel ||
      sel.rangeCount === 0 ||
      !sel.isCollapsed ||
      document.activeElement !== el ||
      !el.contains(sel.focusNode)
    ) {
      setCaret(null);
      return;
    }
    const rect = sel.getRangeAt(0).getBoundingClientRect();
    const base = box.getBoundingClientRect();
    if (rect.height === 0) return setCaret(null);
    setCaret({ top: rect.top - base.top, left: rect.left - base.left, height: rect.height });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the runs are redrawn
  useLayoutEffect(() => {
    // Runs were redrawn (new coding): put the selection back where it was.
    const el = scroller.current;
    const s = selectionRef.current;
    const sel = document.getSelection();
    if (el && s && sel && sel.rangeCount > 0 && el.contains(sel.anchorNode)) selectOffsets(el, s.anchor, s.focus);
  }, [runs]);

  // First paint of the text with its highlights, for the benchmark.
  useEffect(() => {
    if (painted.current || shown.length === 0) return;
    painted.current = true;
    requestAnimationFrame(() => setTimeout(() => performance.mark('koda:doc-painted'), 0));
  }, [shown]);

  // The mark of a place jumped to goes with the text.
  useEffect(
    () => () => {
      CSS.highlights?.delete('koda-found');
    },
    [],
  );

  const jumped = useRef(0);
  useEffect(() => {
    const el = scroller.current;
    const jump = props.jump;
    if (!jump || jump.n === jumped.current || !el || !heights) return;
    const range = jump.range;
    const span = range ?? (jump.id ? propsRef.current.spans.get(jump.id) : undefined);
    if (!span) return;
    jumped.current = jump.n;
    const b = blockAt(blocks, span.start);
    setPinned((p) => [...p.slice(0, 2), b]);
    el.scrollTop = Math.max(0, heights.top(b) - el.clientHeight / 3);
    setViewport({ top: el.scrollTop, height: el.clientHeight });
    const find = (tries: number) => {
      if (range) {
        // A place, not a segment: select it (C codes it) and mark it, the focus in the text.
        el.focus({ preventScroll: true });
        if (selectOffsets(el, range.start, range.end)) {
          selectionRef.current = { anchor: range.start, focus: range.end };
          const sel = document.getSelection();
          const r = sel && sel.rangeCount > 0 ? sel.getRangeAt(0) : null;
          if (r) {
            if (typeof Highlight !== 'undefined') CSS.highlights?.set('koda-found', new Highlight(r.cloneRange()));
            const box = el.getBoundingClientRect();
            const at = r.getBoundingClientRect();
            el.scrollTop += at.top - box.top - el.clientHeight / 3;
          }
          // (The selectionchange that follows reports the selection up.)
        } else if (tries > 0) requestAnimationFrame(() => find(tries - 1));
        return;
      }
      const mark = el.querySelector<HTMLElement>(`[data-segment-ids~="${CSS.escape(jump.id ?? '')}"]`);
      if (mark) {
        mark.scrollIntoView({ block: 'center' });
        // Focusable only while it has the focus: a mouse press on a focusable mark moves the
        // focus into it and Chromium then starts no selection at its first letter.
        mark.tabIndex = -1;
        mark.focus({ preventScroll: true });
        propsRef.current.onActivate(jump.id ?? null);
      } else if (tries > 0) requestAnimationFrame(() => find(tries - 1));
    };
    requestAnimationFrame(() => find(20));
  }, [props.jump, heights, blocks]);

  useEffect(() => {
    props.handle({
      focus: () => scroller.current?.focus({ preventScroll: true }),
      select: (anchor, focus) => {
        const el = scroller.current;
        if (el) {
          selectionRef.current = { anchor, focus };
          selectOffsets(el, anchor, focus);
        }
      },
    });
  }, [props.handle]);

  /** A caret for keyboard users: placed at the first line on screen if there is none yet. */
  const ensureCaret = (): boolean => {
    const el = scroller.current;
    const sel = document.getSelection();
    if (!el || !sel) return false;
    if (sel.rangeCount > 0 && el.contains(sel.focusNode)) return true;
    const top = el.getBoundingClientRect().top;
    const first = [...el.querySelectorAll<HTMLElement>('[data-o]')].find((r) => r.getBoundingClientRect().bottom > top + 4);
    if (!first?.firstChild) return false;
    sel.collapse(first.firstChild, 0);
    return true;
  };

  const keepFocusVisible = () => {
    const el = scroller.current;
    const sel = document.getSelection();
    if (!el || !sel || sel.rangeCount === 0 || !sel.focusNode) return;
    const r = document.createRange();
    r.setStart(sel.focusNode, sel.focusOffset);
    const rect = r.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    if (rect.height === 0) return;
    if (rect.bottom > box.bottom - 24) el.scrollTop += rect.bottom - box.bottom + 48;
    else if (rect.top < box.top + 24) el.scrollTop -= box.top - rect.top + 48;
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.metaKey) return;
    const sel = document.getSelection();
    const arrows: Record<string, [string, string]> = {
      ArrowLeft: ['backward', e.ctrlKey ? 'word' : 'character'],
      ArrowRight: ['forward', e.ctrlKey ? 'word' : 'character'],
      ArrowUp: ['backward', e.ctrlKey ? 'paragraph' : 'line'],
      ArrowDown: ['forward', e.ctrlKey ? 'paragraph' : 'line'],
      Home: ['backward', 'lineboundary'],
      End: ['forward', 'lineboundary'],
    };
    const move = arrows[e.key];
    if (move && sel) {
      e.preventDefault();
      const el = scroller.current;
      if (el && document.activeElement !== el) el.focus({ preventScroll: true });
      if (!ensureCaret()) return;
      (sel as Selection & { modify(a: string, d: string, g: string): void }).modify(
        e.shiftKey ? 'extend' : 'move',
        move[0],
        move[1],
      );
      keepFocusVisible();
      syncSelection();
      return;
    }
    if (e.ctrlKey) return;
    const keys: Record<string, DocTextProps['onKey'] extends (k: infer K) => void ? K : never> = {
      c: 'code',
      C: 'code',
      Enter: 'code',
      r: 'repeat',
      R: 'repeat',
      ']': 'next',
      '[': 'prev',
      Delete: 'remove',
      Backspace: 'remove',
      m: 'memo',
      M: 'memo',
      Escape: 'escape',
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      syncSelection();
      props.onKey(action);
    }
  };

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
}

function blockSignature(p: BlockProps): string {
  let sig = `${p.top}|${p.laneCount}|`;
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
      const boldTo = turn?.speaker ? labelEnd(text, piece.start, turn.speaker) : piece.start;
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
      children.push(
        <div key={piece.start} className={turn ? 'piece turn' : 'piece'}>
          {turn && (turn.startMs !== null || turn.case) && (
            <span className="gutter">
              {turn.startMs !== null && <span className="time">{clock(turn.startMs)}</span>}
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
  (a, b) => a.observer === b.observer && a.block === b.block && a.text === b.text && blockSignature(a) === blockSignature(b),
);

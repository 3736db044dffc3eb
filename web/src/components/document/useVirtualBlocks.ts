import { type RefObject, useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { type Block, estimateHeight, type Metrics } from '../../layout/blocks.js';
import { HeightMap } from '../../layout/virtual.js';

const OVERSCAN = 1.0;

/**
 * Which blocks of the text are drawn: those near the viewport and the pinned ones (the
 * selection's ends, a place jumped to), at heights estimated from the text's metrics until measured.
 */
export function useVirtualBlocks(
  scroller: RefObject<HTMLDivElement | null>,
  measure: RefObject<HTMLSpanElement | null>,
  blocks: Block[],
  text: string,
) {
  const [metrics, setMetrics] = useState<Metrics | null>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 800 });
  const [version, setVersion] = useState(0);
  const [pinned, setPinned] = useState<number[]>([]);

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
  }, [scroller, measure]);

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
  }, [heights, scroller]);
  useEffect(() => () => blockObserver?.disconnect(), [blockObserver]);

  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (el) setViewport({ top: el.scrollTop, height: el.clientHeight });
  }, [scroller]);

  const shown = useMemo(() => {
    if (!heights) return [];
    void version;
    const [first, last] = heights.visible(viewport.top, viewport.height, viewport.height * OVERSCAN);
    const set = new Set<number>();
    for (let i = first; i <= last; i++) set.add(i);
    for (const p of pinned) if (p >= 0 && p < blocks.length) set.add(p);
    return [...set].sort((a, b) => a - b);
  }, [heights, viewport, version, pinned, blocks.length]);

  return { heights, blockObserver, shown, onScroll, setViewport, setPinned };
}

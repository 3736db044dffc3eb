import { useEffect, useRef, useState } from 'react';
import type { ChartSpec } from '../../../src/core/charts/options.js';

/** What was clicked in a chart: the series item's data (a heatmap's `[column, row, value]`) and index. */
export interface ChartClick {
  data: unknown;
  dataIndex: number;
  name: string;
}

/**
 * An ECharts chart drawn as SVG from the plain-data options of src/core/charts/options.ts (the
 * server draws the same options into reports). To assistive technology it is one image with a
 * description; the table beside it carries the same figures and is what the keyboard uses.
 */
export function Chart({ spec, label, onClick }: { spec: ChartSpec; label: string; onClick?: (item: ChartClick) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // A chart wider than the page scrolls; then the keyboard can reach it to scroll it.
  const [scrolls, setScrolls] = useState(false);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let disposed = false;
    let dispose = () => {};
    void import('../queries/echarts.js').then(({ init }) => {
      if (disposed) return;
      const chart = init(el, null, { renderer: 'svg', width: spec.width, height: spec.height });
      chart.setOption(spec.option);
      chart.on('click', (p) => clickRef.current?.({ data: p.data, dataIndex: p.dataIndex, name: p.name }));
      dispose = () => chart.dispose();
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [spec]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const ro = new ResizeObserver(check);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Focusable only when it scrolls: a chart wider than the page must be reachable to scroll it.
  return (
    <div ref={box} className="chart-scroll" role="img" aria-label={label} tabIndex={scrolls ? 0 : undefined}>
      <div
        ref={ref}
        className={`chart${onClick ? ' clickable' : ''}`}
        data-chart={spec.kind}
        style={{ width: spec.width, height: spec.height }}
      />
    </div>
  );
}

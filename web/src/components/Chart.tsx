import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type ChartSpec, fitWidth } from '../../../src/core/charts/options.js';

/** What was clicked in a chart: the series item's data (a heatmap's `[column, row, value]`) and index. */
export interface ChartClick {
  data: unknown;
  dataIndex: number;
  name: string;
}

/**
 * An ECharts chart drawn as SVG from the plain-data options of src/core/charts/options.ts (the
 * server draws the same options into reports), laid out again for its card's width whenever that
 * changes (core `fitWidth`), so it never runs past the card. To assistive technology it is one
 * image with a description; the table beside it carries the same figures and is what the keyboard uses.
 */
export function Chart({ spec, label, onClick }: { spec: ChartSpec; label: string; onClick?: (item: ChartClick) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLDivElement>(null);
  // The card's inner width; null until measured, so the chart is drawn once at its real size.
  const [available, setAvailable] = useState<number | null>(null);
  const fitted = useMemo(() => (available === null ? null : fitWidth(spec, available)), [spec, available]);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;
  useEffect(() => {
    const el = ref.current;
    if (!el || !fitted) return;
    let disposed = false;
    let dispose = () => {};
    void import('../queries/echarts.js').then(({ init }) => {
      if (disposed) return;
      const chart = init(el, null, { renderer: 'svg', width: fitted.width, height: fitted.height });
      chart.setOption(fitted.option);
      chart.on('click', (p) => clickRef.current?.({ data: p.data, dataIndex: p.dataIndex, name: p.name }));
      dispose = () => chart.dispose();
    });
    return () => {
      disposed = true;
      dispose();
    };
  }, [fitted]);
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setAvailable(el.clientWidth);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Only a card narrower than the narrowest layout scrolls the chart; then the keyboard must reach it.
  const scrolls = fitted !== null && available !== null && fitted.width > available;
  return (
    <div ref={box} className="chart-scroll" role="img" aria-label={label} tabIndex={scrolls ? 0 : undefined}>
      <div
        ref={ref}
        className={`chart${onClick ? ' clickable' : ''}`}
        data-chart={spec.kind}
        style={{ width: fitted?.width ?? '100%', height: spec.height }}
      />
    </div>
  );
}

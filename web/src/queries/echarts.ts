import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

/**
 * The parts of Apache ECharts the query views draw with (bars, heatmaps, SVG). Loaded on first
 * use, in its own chunk, so the workbench's first paint does not wait for it.
 */
use([BarChart, HeatmapChart, GridComponent, TitleComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

export { init };

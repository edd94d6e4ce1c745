/**
 * ECharts trimmed to what the dashboard draws (scatter, line, bar, graph; grid, tooltip, legend, mark lines; canvas).
 * Imported lazily by chart.tsx, so it is a chunk of its own and not part of the initial bundle.
 */
import { BarChart, GraphChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  GraphChart,
  LineChart,
  ScatterChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TooltipComponent,
  LabelLayout,
  CanvasRenderer,
]);

/**
 * zrender takes a label's line height from the width of '国' in its font. On a machine without a CJK font (a
 * headless CI browser) that glyph measures about a third of the font size, so overlapping labels are not detected
 * and hideOverlap does nothing. A CJK glyph is one em wide in any font that has it: measure it as at least that.
 */
const measure = document.createElement('canvas').getContext('2d')!;
echarts.setPlatformAPI({
  measureText(text: string, font?: string) {
    measure.font = font || '12px sans-serif';
    const metrics = measure.measureText(text);
    if (text !== '国') return metrics;
    const em = Number(/([\d.]+)px/.exec(measure.font)?.[1] ?? 12);
    return { width: Math.max(metrics.width, em) };
  },
});

export { echarts };

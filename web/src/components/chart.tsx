import type { ECharts, EChartsCoreOption } from 'echarts/core';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Result } from '../api';
import { useI18n } from '../i18n';
import { Panel, sourceText } from './panel';
import { downloadUrl, framedPng } from './png';

// biome-ignore lint/suspicious/noExplicitAny: ECharts event payloads are untyped
export type ChartEvents = Record<string, (params: any) => void>;

interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  /** Event handlers by ECharts event name ('click' …); pass a stable object (useMemo). */
  events?: ChartEvents;
  onInit?: (chart: ECharts) => void;
  label: string;
}

/** One ECharts canvas. ECharts itself loads on first use (components/echarts.ts), outside the initial bundle. */
export function Chart({ option, height = 380, events, onInit, label }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    import('./echarts').then(({ echarts }) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current, null, { renderer: 'canvas' });
      chart.current = c;
      c.on('finished', () => el.current?.setAttribute('data-rendered', 'true'));
      observer = new ResizeObserver(() => c.resize());
      observer.observe(el.current);
      onInit?.(c);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  useEffect(() => {
    const c = chart.current;
    if (!ready || !c || !events) return;
    for (const [name, handler] of Object.entries(events)) c.on(name, handler);
    return () => {
      for (const [name, handler] of Object.entries(events)) c.off(name, handler);
    };
  }, [ready, events]);

  return <div ref={el} class="chart" style={{ height: `${height}px` }} role="img" aria-label={label} />;
}

interface ChartPanelProps extends Omit<ChartProps, 'label' | 'onInit'> {
  title: string;
  result: Result;
  path?: string;
  name: string;
  intro?: ComponentChildren;
  children?: ComponentChildren;
  wide?: boolean;
}

/** A chart in its panel: title, CSV/XLSX/PNG downloads, data notes and source line. */
export function ChartPanel({ title, result, path, name, intro, children, wide, ...chart }: ChartPanelProps) {
  const { t } = useI18n();
  const instance = useRef<ECharts | null>(null);
  const png = async () => {
    const c = instance.current;
    if (!c) return;
    const image = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    const framed = await framedPng(image, { width: c.getWidth(), height: c.getHeight() }, title, sourceText(result, t));
    downloadUrl(framed, `radar-${name}.png`);
  };
  return (
    <Panel title={title} path={path} result={result} png={png} name={name} intro={intro} wide={wide}>
      <Chart
        {...chart}
        label={title}
        onInit={(c) => {
          instance.current = c;
        }}
      />
      {children}
    </Panel>
  );
}

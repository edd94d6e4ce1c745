import type { EChartsCoreOption } from 'echarts/core';
import { useMemo, useState } from 'preact/hooks';
import { type Result, type Row, useApi } from '../api';
import { ChartPanel } from '../components/chart';
import { ErrorBox, Loading } from '../components/status';
import { MapPanel, type MapValue } from '../components/world-map';
import { type I18n, useI18n } from '../i18n';
import { type AnalysisViewProps, analysisPage } from './analysis';

/**
 * The analysis pages: each is an API route with the form its OpenAPI parameters give, plus the picture that suits
 * its Result. They show in the navigation once their route is registered (catalogue.ts).
 */

export const DependenciesPage = analysisPage({
  id: 'dependencies',
  route: '/api/screen',
  lede: (t) => t.dependenciesLede,
  defaults: { preset: 'ec2021' },
  primary: ['preset', 'reporter', 'years', 'level', 'side', 'by', 'only'],
});

export const ScenariosPage = analysisPage({
  id: 'scenarios',
  route: '/api/io/shock',
  lede: (t) => t.scenariosLede,
  defaults: {},
  primary: ['table', 'imports_cut', 'exports_cut', 'region', 'variant'],
  view: ShockChart,
});

export const BenchmarksPage = analysisPage({
  id: 'benchmarks',
  route: '/api/benchmarks',
  lede: (t) => t.benchmarksLede,
  defaults: {},
  primary: ['material'],
  view: BenchmarkChart,
});

export const StockpilePage = analysisPage({
  id: 'stockpile',
  route: '/api/levers/stockpile',
  lede: (t) => t.stockpileLede,
  defaults: { material: 'gallium', days: '60' },
  primary: ['material', 'days', 'year', 'reporter', 'netImportsT', 'priceEurPerKg'],
  view: StockpileFigures,
});

export const ConcentrationPage = analysisPage({
  id: 'concentration',
  route: '/api/concentration/{material}',
  lede: (t) => t.concentrationLede,
  defaults: { material: 'gallium' },
  primary: ['material', 'stage', 'year', 'source'],
  view: ConcentrationMap,
});

const numeric = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Shares by country of one source × stage × scope × period of the concentration's suppliers, on the world map. */
export function ConcentrationMap({ result, path }: AnalysisViewProps) {
  const i18n = useI18n();
  const countries = useApi('/api/reference/countries');
  const suppliers = (result as Result & { suppliers?: Result }).suppliers;
  const groups = useMemo(() => {
    const keyed = new Map<string, Row[]>();
    for (const row of suppliers?.rows ?? []) {
      const key = ['source', 'stage', 'scope', 'period'].map((k) => row[k] ?? '').join(' · ');
      keyed.set(key, [...(keyed.get(key) ?? []), row]);
    }
    return [...keyed];
  }, [suppliers]);
  const [chosen, setChosen] = useState(0);
  if (!suppliers || groups.length === 0) return null;
  if (countries.error) return <ErrorBox error={countries.error} />;
  if (!countries.data) return <Loading />;
  const m49 = new Map(countries.data.rows.map((c) => [String(c.iso3), c]));
  const [label, rows] = groups[Math.min(chosen, groups.length - 1)];
  const values = new Map<string, MapValue>();
  for (const row of rows) {
    const country = m49.get(String(row.country));
    const share = numeric(row.share);
    if (country?.m49 && share !== null)
      values.set(String(country.m49), { value: share, label: i18n.country(country.iso2 as string, String(row.name)) });
  }
  return (
    <MapPanel
      title={`${i18n.t.concentrationMapTitle}: ${label}`}
      values={values}
      format={(v) => i18n.pct(v)}
      legend={i18n.t.columns.share}
      result={suppliers}
      path={path}
      name="concentration"
    >
      {groups.length > 1 && (
        <div class="segmented wrap">
          {groups.map(([key], i) => (
            <button type="button" key={key} class={i === chosen ? 'active' : undefined} onClick={() => setChosen(i)}>
              {key}
            </button>
          ))}
        </div>
      )}
    </MapPanel>
  );
}

/** One CRMA benchmark at a time: each material's value against the 2030 target, green where it is met. */
function BenchmarkChart({ result, path }: AnalysisViewProps) {
  const i18n = useI18n();
  const catalogue = useApi('/api/reference/materials');
  const kinds = [...new Set(result.rows.map(benchmarkKind))];
  const [kind, setKind] = useState(kinds[0]);
  const names = useMemo(
    () => new Map((catalogue.data?.rows ?? []).map((r) => [String(r.material), i18n.name(r)])),
    [catalogue.data, i18n],
  );
  const option = useMemo(() => benchmarkOption(result, kind, names, i18n), [result, kind, names, i18n]);
  if (kinds.length === 0) return null;
  return (
    <ChartPanel
      title={i18n.t.benchmarkOf(kind)}
      result={result}
      path={path}
      name={`benchmarks-${kind}`}
      option={option}
      height={Math.max(240, 28 * result.rows.filter((r) => benchmarkKind(r) === kind).length + 60)}
      intro={
        <div class="segmented wrap">
          {kinds.map((k) => (
            <button type="button" key={k} class={k === kind ? 'active' : undefined} onClick={() => setKind(k)}>
              {k}
            </button>
          ))}
        </div>
      }
    />
  );
}

/** A benchmark and the stage it is measured at, when that differs (single-third-country: extraction, processing). */
const benchmarkKind = (r: Row) =>
  r.stage && r.stage !== r.benchmark ? `${r.benchmark} · ${r.stage}` : String(r.benchmark);

function benchmarkOption(result: Result, kind: string, names: Map<string, string>, i18n: I18n): EChartsCoreOption {
  const rows = result.rows.filter((r) => benchmarkKind(r) === kind && numeric(r.value) !== null);
  const target = numeric(rows.find((r) => numeric(r.target) !== null)?.target);
  return {
    animation: false,
    grid: { left: 8, right: 48, top: 16, bottom: 24, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => i18n.pct(v) },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.pct(v, 0) } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((r) => names.get(String(r.material)) ?? String(r.material)),
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.meets ? '#2e7d4f' : '#c0392b' } })),
        label: { show: true, position: 'right', fontSize: 10, formatter: (p: { value: number }) => i18n.pct(p.value) },
        markLine:
          target === null
            ? undefined
            : {
                silent: true,
                symbol: 'none',
                lineStyle: { color: '#12355b', type: 'dashed' },
                label: { formatter: `${i18n.t.target} ${i18n.pct(target, 0)}`, position: 'end', color: '#12355b' },
                data: [{ xAxis: target }],
              },
      },
    ],
  };
}

/** The stock in tonnes, its value and the imports it covers, as key figures. */
function StockpileFigures({ result }: AnalysisViewProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const row = result.rows[0];
  if (!row) return null;
  const value = numeric(row.value_eur) ?? numeric(row.value);
  const currency = row.value_eur !== undefined ? 'EUR' : String(row.currency ?? '');
  const figures = [
    { label: t.stockTonnes, value: i18n.num(numeric(row.tonnes), 1) },
    { label: `${t.stockValue} (${currency})`, value: i18n.num(value, 0) },
    { label: t.dailyNetImports, value: i18n.num(numeric(row.daily_net_imports_t), 2) },
    { label: t.daysCovered, value: i18n.num(numeric(row.days), 0) },
  ];
  return (
    <section class="cards" aria-label={t.nav.stockpile}>
      {figures.map((f) => (
        <div class="card card-static" key={f.label}>
          <span class="card-value">{f.value}</span>
          <span class="card-label">{f.label}</span>
        </div>
      ))}
    </section>
  );
}

/** The industries that lose most value added in the shock. */
function ShockChart({ result, path }: AnalysisViewProps) {
  const i18n = useI18n();
  const option = useMemo(() => {
    const rows = result.rows
      .filter((r) => r.row === 'industry' && numeric(r.value_added_change) !== null)
      .sort((a, b) => Number(a.value_added_change) - Number(b.value_added_change))
      .slice(0, 15);
    if (rows.length === 0) return null;
    return {
      animation: false,
      grid: { left: 8, right: 56, top: 16, bottom: 24, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => i18n.num(v) },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => i18n.num(v, 0) } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => String(r.industry)) },
      series: [
        { type: 'bar', barMaxWidth: 16, itemStyle: { color: '#c0392b' }, data: rows.map((r) => r.value_added_change) },
      ],
    } satisfies EChartsCoreOption;
  }, [result, i18n]);
  if (!option) return null;
  return (
    <ChartPanel
      title={i18n.t.shockChartTitle}
      result={result}
      path={path}
      name="io-shock"
      option={option}
      height={480}
    />
  );
}

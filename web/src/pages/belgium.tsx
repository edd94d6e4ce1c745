import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'preact/hooks';
import { type Result, type Row, useApi, useApis, useOperations } from '../api';
import { ChartPanel } from '../components/chart';
import { Panel } from '../components/panel';
import { ResultTable } from '../components/result-table';
import { ErrorBox, Loading } from '../components/status';
import { MapPanel, type MapValue } from '../components/world-map';
import { type I18n, useI18n } from '../i18n';
import { hrefOf, Link } from '../router';
import type { PageProps } from './catalogue';

const paths = {
  imports: '/api/belgium/crm-imports',
  partners: '/api/belgium/crm-import-partners',
  facts: '/api/reference/facts',
  countries: '/api/reference/countries',
  eu: '/api/materials?list=eu-crm&edition=2023',
  vito: '/api/materials?list=be-crm',
  flanders: '/api/materials?list=flanders-base-metals',
};

/** Belgium and Flanders: Table 24 imports, their partners on a map, the VITO selection and the Flemish base metals. */
export function BelgiumPage(_: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const loaded = useApis<Result[]>(Object.values(paths));
  const option = useMemo(() => loaded.data && importsOption(loaded.data[0], i18n), [loaded.data, i18n]);
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!loaded.data || !option) return <Loading />;
  const [imports, partners, facts, countries, eu, vito, flanders] = loaded.data;
  const materialLink = (row: Row) => (
    <Link href={hrefOf(i18n.lang, ['material', String(row.material)])}>{i18n.name(row)}</Link>
  );

  return (
    <div class="page">
      <h1>{t.belgiumTitle}</h1>
      <p class="lede">{t.belgiumLede}</p>
      <Kpis facts={facts} />
      <div class="grid-2">
        <ChartPanel
          title={t.table24Title}
          result={imports}
          path={paths.imports}
          name="be-crm-imports-2023"
          option={option}
          height={560}
        >
          <details>
            <summary>{t.rowsShown(imports.rows.length, imports.rows.length)}</summary>
            <ResultTable
              result={imports}
              columns={['name', 'import_value', 'share_of_total', 'locator']}
              cells={{ name: materialLink }}
            />
          </details>
        </ChartPanel>
        <Partners partners={partners} countries={countries} />
      </div>
      <div class="grid-2">
        <VitoSelection eu={eu} vito={vito} />
        <div>
          <Panel title={t.flandersTitle} path={paths.flanders} result={flanders} name="flanders-base-metals">
            <ul class="chips">
              {flanders.rows.map((r) => (
                <li key={String(r.material)} title={String(r.locator ?? '')}>
                  <Link href={hrefOf(i18n.lang, ['material', String(r.material)])} class="chip chip-listed">
                    {i18n.name(r)}
                  </Link>
                </li>
              ))}
            </ul>
          </Panel>
          <ByProducts />
        </div>
      </div>
    </div>
  );
}

const byProductsPath = '/api/levers/by-products';
const relationStyle: Record<string, { width: number; type: 'solid' | 'dashed'; color: string }> = {
  'main-host': { width: 3, type: 'solid', color: '#12355b' },
  host: { width: 1.5, type: 'solid', color: '#1f5f99' },
  potential: { width: 1.5, type: 'dashed', color: '#8a9bb0' },
};

/**
 * Host metals and the companions refined from their ores (zinc → germanium, gallium, indium…): a shock to the host
 * is a shock to its by-products. Hosts on the left, companions on the right; the line says how strong the tie is.
 * Shown once the by-product route is registered (routes/levers.ts).
 */
function ByProducts() {
  const i18n = useI18n();
  const operations = useOperations();
  const registered = !!operations.data?.has(byProductsPath);
  const graph = useApi(registered ? byProductsPath : null);
  const catalogue = useApi(registered ? '/api/reference/materials' : null);
  const option = useMemo(
    () => graph.data && catalogue.data && byProductOption(graph.data, catalogue.data, i18n),
    [graph.data, catalogue.data, i18n],
  );
  if (!registered) return null;
  if (graph.error) return <ErrorBox error={graph.error} />;
  if (!graph.data || !option) return <Loading />;
  const relations = [...new Set(graph.data.rows.map((r) => String(r.relation)))];
  return (
    <ChartPanel
      title={i18n.t.byProductsTitle}
      result={graph.data}
      path={byProductsPath}
      name="by-products"
      option={option}
      height={Math.max(260, 30 * new Set(graph.data.rows.map((r) => r.companion_id)).size)}
    >
      <p class="legend">
        {relations.map((r) => (
          <span key={r} class="legend-item">
            <svg width="28" height="8" aria-hidden="true">
              <line
                x1="0"
                y1="4"
                x2="28"
                y2="4"
                stroke={relationStyle[r]?.color ?? '#888'}
                stroke-width={relationStyle[r]?.width ?? 1}
                stroke-dasharray={relationStyle[r]?.type === 'dashed' ? '4 3' : undefined}
              />
            </svg>{' '}
            {i18n.t.relations[r] ?? r}
          </span>
        ))}
      </p>
    </ChartPanel>
  );
}

function byProductOption(graph: Result, catalogue: Result, i18n: I18n): EChartsCoreOption {
  const names = new Map(catalogue.rows.map((r) => [String(r.material), i18n.name(r)]));
  const name = (id: string) => names.get(id) ?? id;
  const hosts = [...new Set(graph.rows.map((r) => String(r.host_id)))].sort((a, b) => name(a).localeCompare(name(b)));
  const companions = [...new Set(graph.rows.map((r) => String(r.companion_id)))].sort((a, b) =>
    name(a).localeCompare(name(b)),
  );
  const column = (ids: string[], x: number, side: 'left' | 'right', prefix: string) =>
    ids.map((id, i) => ({
      id: `${prefix}${id}`,
      name: name(id),
      x,
      y: ((i + 0.5) / ids.length) * 100,
      symbolSize: 10,
      itemStyle: { color: prefix === 'h:' ? '#12355b' : '#c0392b' },
      label: { show: true, position: side, fontSize: 11 },
    }));
  return {
    animation: false,
    tooltip: { formatter: (p: { dataType: string; data: { tip?: string }; name: string }) => p.data.tip ?? p.name },
    series: [
      {
        type: 'graph',
        layout: 'none',
        left: 130,
        right: 180,
        top: 16,
        bottom: 16,
        roam: false,
        data: [...column(hosts, 0, 'left', 'h:'), ...column(companions, 100, 'right', 'c:')],
        links: graph.rows.map((r) => ({
          source: `h:${r.host_id}`,
          target: `c:${r.companion_id}`,
          lineStyle: { ...(relationStyle[String(r.relation)] ?? { width: 1 }), opacity: 0.9, curveness: 0 },
          tip: `${name(String(r.host_id))} → ${name(String(r.companion_id))}: ${r.relation}${r.note ? ` — ${r.note}` : ''}`,
        })),
      },
    ],
  };
}

function Kpis({ facts }: { facts: Result }) {
  const i18n = useI18n();
  const { t } = i18n;
  const fact = (key: string) => facts.rows.find((r) => r.key === key);
  const items = [
    { key: 'be_crm_imports_2023_total_stated', label: t.kpiImports, show: (v: number) => t.millionEur(i18n.num(v)) },
    { key: 'be_crm_vito_count', label: t.kpiVito, show: (v: number) => i18n.num(v, 0) },
    { key: 'flanders_base_metal_companies_approx', label: t.kpiCompanies, show: (v: number) => `± ${i18n.num(v, 0)}` },
    {
      key: 'flanders_crm_processing_establishments_approx',
      label: t.kpiEstablishments,
      show: (v: number) => `± ${i18n.num(v, 0)}`,
    },
  ];
  return (
    <section class="cards" aria-label="key figures">
      {items.map((item) => {
        const f = fact(item.key);
        if (!f) return null;
        return (
          <div class="card card-static" key={item.key} title={`${f.source} — ${f.locator}`} data-fact={item.key}>
            <span class="card-value">{item.show(Number(f.value))}</span>
            <span class="card-label">{item.label}</span>
            <span class="card-source">{String(f.source).split(' – ')[0]}</span>
          </div>
        );
      })}
    </section>
  );
}

function importsOption(imports: Result, i18n: I18n): EChartsCoreOption {
  const rows = imports.rows;
  return {
    animation: false,
    grid: { left: 8, right: 72, top: 8, bottom: 24, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: number) => i18n.t.millionEur(i18n.num(v)),
    },
    xAxis: {
      type: 'value',
      name: i18n.t.columns.import_value,
      nameLocation: 'middle',
      nameGap: 26,
      axisLabel: { formatter: (v: number) => i18n.num(v, 0) },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => i18n.name(r)), axisLabel: { fontSize: 11 } },
    series: [
      {
        type: 'bar',
        data: rows.map((r) => r.import_value),
        itemStyle: { color: '#1f5f99' },
        barMaxWidth: 18,
        label: {
          show: true,
          position: 'right',
          fontSize: 10,
          formatter: (p: { value: number }) => i18n.num(p.value, 0),
        },
      },
    ],
  };
}

function Partners({ partners, countries }: { partners: Result; countries: Result }) {
  const i18n = useI18n();
  const { t } = i18n;
  const all = partners.rows.filter((r) => r.material === 'all-crm');
  const m49 = new Map(countries.rows.map((c) => [String(c.iso3), String(c.m49 ?? '')]));
  const values = new Map<string, MapValue>();
  for (const r of all) {
    const code = m49.get(String(r.partner));
    if (code) values.set(code, { value: Number(r.share), label: countryName(r, i18n) });
  }
  return (
    <MapPanel
      title={t.partnersTitle}
      values={values}
      format={(v) => i18n.pct(v)}
      legend={t.shareOfImports}
      result={partners}
      path={paths.partners}
      name="be-crm-import-partners-2023"
    >
      <ResultTable
        result={partners}
        columns={['rank', 'partner_name', 'share', 'value_stated']}
        cells={{ partner_name: (row) => countryName(row, i18n) }}
      />
    </MapPanel>
  );
}

/** Intl's name for the partner's ISO2 code, else the name the API sends in the reader's language. */
const countryName = (row: Row, i18n: I18n) =>
  i18n.country(row.partner_iso2 as string | null, i18n.name(row, 'partner_name'));

function VitoSelection({ eu, vito }: { eu: Result; vito: Result }) {
  const i18n = useI18n();
  const { t } = i18n;
  const kept = new Set(vito.rows.map((r) => r.material));
  const sorted = [...eu.rows].sort((a, b) => i18n.name(a).localeCompare(i18n.name(b), i18n.lang));
  const groups = [
    { label: t.leftOutForBelgium, rows: sorted.filter((r) => !kept.has(r.material)), cls: 'chip chip-out' },
    { label: t.keptForBelgium, rows: sorted.filter((r) => kept.has(r.material)), cls: 'chip chip-listed' },
  ];
  return (
    <Panel
      title={t.vitoTitle}
      path={paths.vito}
      result={vito}
      name="be-crm-vito"
      intro={<p class="muted">{t.vitoLede}</p>}
    >
      {groups.map((g) => (
        <div key={g.label} class="chip-group">
          <h3>
            {g.label} ({g.rows.length})
          </h3>
          <ul class="chips">
            {g.rows.map((r) => (
              <li key={String(r.material)}>
                <Link href={hrefOf(i18n.lang, ['material', String(r.material)])} class={g.cls}>
                  {i18n.name(r)}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </Panel>
  );
}

import type { EChartsCoreOption } from 'echarts/core';
import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { type Result, type Row, useApi, useApis, useOperations } from '../api';
import { ChartPanel } from '../components/chart';
import { Panel } from '../components/panel';
import { ResultTable } from '../components/result-table';
import { ErrorBox, Loading } from '../components/status';
import { type I18n, useI18n } from '../i18n';
import { hrefOf, Link, navigate } from '../router';
import { ConcentrationMap } from './analyses';
import type { PageProps } from './catalogue';

/** What /api/materials/{material} answers: the SR/EI history as rows, plus the material, listings, technologies. */
interface MaterialInfo extends Result {
  material: Row & { id: string; kind: string; symbol: string | null; group_id: string | null; members: string[] };
  listings: Result;
  technologies: Result;
}

const listOrder = ['eu-crm', 'crma-strategic', 'crma-critical', 'be-crm', 'flanders-base-metals'];

/** Material factsheet: lists by edition, SR/EI 2011–2023, technologies, sources. Without a material: the index. */
export function MaterialPage({ route }: PageProps) {
  const id = route.segments[1];
  return (
    <div class="page">
      <Picker current={id} />
      {id ? <Factsheet id={id} /> : <MaterialIndex />}
    </div>
  );
}

function Picker({ current }: { current?: string }) {
  const i18n = useI18n();
  const catalogue = useApi('/api/reference/materials');
  const [text, setText] = useState('');
  const options = catalogue.data?.rows ?? [];
  const submit = (event: Event) => {
    event.preventDefault();
    const typed = text.trim().toLowerCase();
    if (!typed) return;
    const hit = options.find((r) =>
      [r.material, r.name, r.name_nl, r.name_fr, r.symbol].some((v) => String(v ?? '').toLowerCase() === typed),
    );
    navigate(hrefOf(i18n.lang, ['material', String(hit?.material ?? text.trim())]));
  };
  return (
    <form class="picker" onSubmit={submit}>
      <label for="material-input">{i18n.t.chooseMaterial}</label>
      <input
        id="material-input"
        list="material-options"
        value={text}
        placeholder={current ?? 'gallium, kobalt, cuivre…'}
        onInput={(e) => setText((e.target as HTMLInputElement).value)}
      />
      <datalist id="material-options">
        {options.map((r) => (
          <option key={String(r.material)} value={i18n.name(r)} />
        ))}
      </datalist>
      <button type="submit" class="button">
        {i18n.t.go}
      </button>
    </form>
  );
}

function MaterialIndex() {
  const i18n = useI18n();
  const catalogue = useApi('/api/reference/materials');
  if (catalogue.error) return <ErrorBox error={catalogue.error} />;
  if (!catalogue.data) return <Loading />;
  const rows = [...catalogue.data.rows].sort((a, b) => i18n.name(a).localeCompare(i18n.name(b), i18n.lang));
  return (
    <Panel title={i18n.t.nav.material} path="/api/reference/materials" result={catalogue.data} name="materials" wide>
      <ul class="chips">
        {rows.map((r) => (
          <li key={String(r.material)}>
            <Link
              href={hrefOf(i18n.lang, ['material', String(r.material)])}
              class={Number(r.listings) > 0 ? 'chip chip-listed' : 'chip'}
            >
              {i18n.name(r)}
              {r.symbol ? <small> {String(r.symbol)}</small> : null}
            </Link>
          </li>
        ))}
      </ul>
    </Panel>
  );
}

function Factsheet({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const path = `/api/materials/${encodeURIComponent(id)}`;
  const info = useApi<MaterialInfo>(path);
  const context = useApis<[Result, Result, Result]>([
    '/api/lists',
    '/api/reference/technologies',
    '/api/reference/materials',
  ]);
  const option = useMemo(() => info.data && historyOption(info.data, i18n), [info.data, i18n]);
  if (info.error)
    return (
      <>
        <ErrorBox error={info.error} />
        {info.error.status === 404 && <MaterialIndex />}
      </>
    );
  if (context.error) return <ErrorBox error={context.error} />;
  if (!info.data || !context.data || !option) return <Loading />;
  const data = info.data;
  const [lists, technologies, catalogue] = context.data;
  const names = new Map(catalogue.rows.map((r) => [String(r.material), r]));
  const nameOf = (materialId: string) => i18n.name(names.get(materialId)) || materialId;
  const listed = (list: string, edition?: string) =>
    data.listings.rows.some((l) => l.list === list && (!edition || l.edition === edition));
  const m = data.material;

  return (
    <article class="factsheet">
      <header class="factsheet-head">
        <h1>
          {nameLocal(m, i18n)}
          {m.symbol && <span class="symbol">{m.symbol}</span>}
          {m.kind === 'group' && <span class="badge">{t.group}</span>}
        </h1>
        <p class="badges">
          {listed('eu-crm', '2023') && <span class="badge badge-critical">{t.badgeEu2023}</span>}
          {listed('crma-strategic') && <span class="badge badge-strategic">{t.badgeStrategic}</span>}
          {listed('be-crm') && <span class="badge badge-be">{t.badgeBelgium}</span>}
          {listed('flanders-base-metals') && <span class="badge badge-be">{t.badgeFlanders}</span>}
        </p>
        {m.members.length > 0 && (
          <p>
            {t.members}:{' '}
            {m.members.map((member, i) => (
              <span key={member}>
                {i > 0 && ', '}
                <Link href={hrefOf(i18n.lang, ['material', member])}>{nameOf(member)}</Link>
              </span>
            ))}
          </p>
        )}
        {m.group_id && (
          <p>
            {t.partOf}: <Link href={hrefOf(i18n.lang, ['material', m.group_id])}>{nameOf(m.group_id)}</Link>
          </p>
        )}
      </header>

      <div class="grid-2">
        {data.rows.length > 0 ? (
          <ChartPanel title={t.srEiTitle} result={data} path={path} name={`${m.id}-sr-ei`} option={option} height={320}>
            <ResultTable
              result={data}
              columns={['edition', 'assessed_as', 'sr', 'ei']}
              cells={{ assessed_as: (row) => nameOf(String(row.assessed_as)) }}
            />
          </ChartPanel>
        ) : (
          <Panel title={t.srEiTitle} result={data} name={`${m.id}-sr-ei`}>
            <p class="muted">{t.notAssessed}</p>
          </Panel>
        )}
        <ListsByEdition listings={data.listings} lists={lists} nameOf={nameOf} />
      </div>

      <Optional
        route="/api/concentration/{material}"
        path={`/api/concentration/${encodeURIComponent(m.id)}`}
        title={t.concentrationMapTitle}
      >
        {(result, p) => (
          <>
            <ConcentrationMap result={result} path={p} values={{}} />
            <Panel title={t.nav.concentration} path={p} result={result} name={`${m.id}-concentration`} wide>
              <ResultTable
                result={result}
                columns={['source', 'stage', 'scope', 'period', 'hhi', 'top1_name', 'top1_share', 'top3_share', 'spof']}
              />
            </Panel>
          </>
        )}
      </Optional>
      <Optional
        route="/api/trade/{material}"
        path={`/api/trade/${encodeURIComponent(m.id)}?by=partner&top=10`}
        title={t.tradePartnersTitle}
      >
        {(result, p) => (
          <Panel title={t.tradePartnersTitle} path={p} result={result} name={`${m.id}-trade-partners`} wide>
            <ResultTable result={result} filterable />
          </Panel>
        )}
      </Optional>
      <Technologies result={data.technologies} catalogue={technologies} />
      <Sources info={data} />
    </article>
  );
}

function nameLocal(m: Row, i18n: I18n): string {
  // The material record names its columns name_en / name_nl / name_fr.
  return String(m[`name_${i18n.lang}`] || m.name_en || m.id);
}

function historyOption(info: MaterialInfo, i18n: I18n): EChartsCoreOption {
  const { t } = i18n;
  const rows = info.rows;
  const editions = [...new Set(rows.map((r) => String(r.edition)))];
  const at = (key: 'sr' | 'ei') => editions.map((e) => rows.find((r) => String(r.edition) === e)?.[key] ?? null);
  const line = (name: string, short: string, color: string, data: unknown[], threshold: number) => ({
    name,
    type: 'line',
    data,
    symbolSize: 8,
    connectNulls: true,
    itemStyle: { color },
    lineStyle: { color, width: 2 },
    label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: number }) => i18n.num(p.value, 1) },
    markLine: {
      silent: true,
      symbol: 'none',
      lineStyle: { color, type: 'dashed', width: 1 },
      label: { formatter: `${short} ${i18n.num(threshold, 1)}`, fontSize: 10, color },
      data: [{ yAxis: threshold }],
    },
  });
  return {
    animation: false,
    grid: { left: 40, right: 56, top: 40, bottom: 30 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => i18n.num(v, 1) },
    xAxis: { type: 'category', data: editions },
    yAxis: { type: 'value', min: 0 },
    series: [
      line(t.supplyRisk, 'SR', '#c0392b', at('sr'), 1),
      line(t.economicImportance, 'EI', '#1f5f99', at('ei'), 2.8),
    ],
  };
}

function ListsByEdition({
  listings,
  lists,
  nameOf,
}: {
  listings: Result;
  lists: Result;
  nameOf: (id: string) => string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const ids = [...new Set(lists.rows.map((r) => String(r.list)))].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return (
    <Panel title={t.listsByEdition} result={listings} name="listings">
      <table class="matrix">
        <tbody>
          {ids.map((list) => (
            <tr key={list}>
              <th scope="row">{t.listLabels[list] ?? list}</th>
              <td>
                {lists.rows
                  .filter((r) => r.list === list)
                  .map((r) => {
                    const hit = listings.rows.find((l) => l.list === list && l.edition === r.edition);
                    return (
                      <span
                        key={String(r.edition)}
                        class={`edition ${hit ? 'edition-on' : 'edition-off'}`}
                        title={hit ? String(hit.source ?? '') : undefined}
                        data-listed={hit ? 'true' : 'false'}
                      >
                        {hit ? '✓ ' : ''}
                        {String(r.edition)}
                        {hit?.via_group ? <small> {t.viaGroup(nameOf(String(hit.via_group)))}</small> : null}
                        {hit?.grade ? <small> ({String(hit.grade)})</small> : null}
                      </span>
                    );
                  })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

const rank = (list: string) => {
  const i = listOrder.indexOf(list);
  return i === -1 ? listOrder.length : i;
};

function Technologies({ result, catalogue }: { result: Result; catalogue: Result }) {
  const i18n = useI18n();
  const { t } = i18n;
  const byId = new Map(catalogue.rows.map((r) => [String(r.technology), r]));
  return (
    <Panel title={t.technologiesTitle} result={result} name="technologies" wide>
      {result.rows.length === 0 ? (
        <p class="muted">{t.noTechnologies}</p>
      ) : (
        <ResultTable
          result={result}
          columns={['technology', 'sector']}
          cells={{
            technology: (row) => i18n.name(byId.get(String(row.technology_id))) || String(row.technology),
            sector: (row) => i18n.name(byId.get(String(row.technology_id)), 'sector_name') || String(row.sector),
          }}
        />
      )}
    </Panel>
  );
}

function Sources({ info }: { info: MaterialInfo }) {
  const { t } = useI18n();
  const cited = new Map<string, Set<string>>();
  for (const part of [info, info.listings, info.technologies])
    for (const row of part.rows) {
      const source = String(row.source ?? '');
      if (!source) continue;
      if (!cited.has(source)) cited.set(source, new Set());
      if (row.locator) cited.get(source)!.add(String(row.locator));
    }
  const datasets = [
    ...new Map(
      [info, info.listings, info.technologies].flatMap((p) => p.provenance).map((p) => [p.dataset, p]),
    ).values(),
  ];
  return (
    <Panel title={t.sourcesTitle} name="sources" wide>
      <ul class="sources">
        {[...cited].map(([source, locators]) => (
          <li key={source}>
            {source}
            {locators.size > 0 && <small> — {[...locators].join('; ')}</small>}
          </li>
        ))}
      </ul>
      <p class="source-line">
        {t.data}:{' '}
        {datasets.map((d) => (
          <span
            key={d.dataset}
            class="badge"
            title={`${d.source} · sha256 ${d.sha256?.slice(0, 12) ?? ''} · ${d.licence ?? ''}`}
          >
            {d.dataset}
          </span>
        ))}
      </p>
    </Panel>
  );
}

interface OptionalProps {
  /** The route template that must be registered for the section to show. */
  route: string;
  path: string;
  title: string;
  children: (result: Result, path: string) => ComponentChildren;
}

/**
 * A factsheet section fed by an analysis that needs imported data (production, trade): absent while its route is
 * not registered; while the store lacks its data, the API's own note on what to import, not an error.
 */
function Optional({ route, path, title, children }: OptionalProps) {
  const operations = useOperations();
  const registered = !!operations.data?.has(route);
  const answer = useApi(registered ? path : null);
  if (!registered) return null;
  if (answer.error)
    return (
      <Panel title={title} name="note" wide>
        <p class="muted" data-missing-data="true">
          {answer.error.message}
          {answer.error.hint ? ` — ${answer.error.hint}` : ''}
        </p>
      </Panel>
    );
  if (!answer.data) return <Loading />;
  return <>{children(answer.data, path)}</>;
}

import type { EChartsCoreOption } from 'echarts/core';
import { useMemo } from 'preact/hooks';
import { apiPath, type Result, type Row, useApi, useApis } from '../api';
import { type ChartEvents, ChartPanel } from '../components/chart';
import { Panel } from '../components/panel';
import { ResultTable } from '../components/result-table';
import { ErrorBox, Loading } from '../components/status';
import { type I18n, useI18n } from '../i18n';
import { hrefOf, Link, navigate } from '../router';
import type { PageProps } from './catalogue';

const colors = { critical: '#c0392b', other: '#8a9bb0', trail: '#e39b12', threshold: '#12355b' };

/** Overview: the lists (EU 2023 first), the SR/EI scatter of one assessment with a material's 2011–2023 trail. */
export function OverviewPage({ route }: PageProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const list = route.query.get('list') ?? 'eu-crm';
  const edition = route.query.get('edition') ?? '2023';
  const focus = route.query.get('focus') ?? undefined;
  const go = (query: Record<string, string | undefined>) =>
    navigate(hrefOf(route.lang, [], { list, edition, focus, ...query }), { replace: true });

  return (
    <div class="page">
      <h1>{t.overviewTitle}</h1>
      <p class="lede">{t.overviewLede}</p>
      <ListCards current={list} onPick={(l) => go({ list: l })} />
      <div class="grid-2">
        <Scatter
          edition={edition}
          focus={focus}
          onFocus={(m) => go({ focus: m })}
          onEdition={(e) => go({ edition: e })}
        />
        <ListTable list={list} i18n={i18n} />
      </div>
    </div>
  );
}

function latestEditions(lists: Result): Row[] {
  const latest = new Map<string, Row>();
  for (const row of lists.rows) latest.set(String(row.list), row); // rows come ordered by list, edition
  return [...latest.values()];
}

function ListCards({ current, onPick }: { current: string; onPick: (list: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const lists = useApi('/api/lists');
  if (lists.error) return <ErrorBox error={lists.error} />;
  if (!lists.data) return <Loading />;
  const order = ['eu-crm', 'crma-strategic', 'crma-critical', 'be-crm', 'flanders-base-metals'];
  const rank = (row: Row) => (order.indexOf(String(row.list)) + order.length + 1) % (order.length + 1);
  const cards = latestEditions(lists.data).sort((a, b) => rank(a) - rank(b));
  const euHistory = lists.data.rows.filter((r) => r.list === 'eu-crm');
  return (
    <section class="cards" aria-label={t.listsHeading}>
      {cards.map((row) => (
        <button
          type="button"
          key={String(row.list)}
          class={`card${row.list === current ? ' card-active' : ''}`}
          onClick={() => onPick(String(row.list))}
          data-list={String(row.list)}
        >
          <span class="card-value">{String(row.items)}</span>
          <span class="card-label">{i18n.name(row)}</span>
          <span class={`badge badge-${row.status}`}>
            {row.jurisdiction} · {row.edition} · {row.status === 'official' ? t.official : t.proposed}
          </span>
          {row.list === 'eu-crm' && (
            <span class="card-history">{euHistory.map((h) => `${h.edition}: ${h.items}`).join(' · ')}</span>
          )}
        </button>
      ))}
    </section>
  );
}

interface ScatterProps {
  edition: string;
  focus?: string;
  onFocus: (material: string | undefined) => void;
  onEdition: (edition: string) => void;
}

function Scatter({ edition, focus, onFocus, onEdition }: ScatterProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const path = apiPath('/api/reference/sr-ei', { edition });
  const loaded = useApis<[Result, Result]>([path, '/api/reference/sr-ei']);
  const editionNumber = Number(edition);
  const option = useMemo(
    () => loaded.data && scatterOption(loaded.data[0], loaded.data[1], editionNumber, focus, i18n),
    [loaded.data, editionNumber, focus, i18n],
  );
  const events = useMemo<ChartEvents>(
    () => ({ click: (p: { data?: { id?: string } }) => p.data?.id && onFocus(p.data.id) }),
    [onFocus],
  );
  if (loaded.error)
    return (
      <ErrorBox error={loaded.error}>
        <button type="button" class="link" onClick={() => onEdition('2023')}>
          {t.scatterTitle(2023)}
        </button>
      </ErrorBox>
    );
  if (!loaded.data || !option) return <Loading />;
  const [current, all] = loaded.data;
  const editions = [...new Set(all.rows.map((r) => Number(r.edition)))];
  const focusRow = all.rows.find((r) => r.material === focus);
  return (
    <ChartPanel
      title={t.scatterTitle(editionNumber)}
      result={current}
      path={path}
      name={`sr-ei-${edition}`}
      option={option}
      events={events}
      height={460}
      intro={
        <>
          <div class="segmented" title={t.edition}>
            {editions.map((e) => (
              <button
                type="button"
                key={e}
                class={e === editionNumber ? 'active' : undefined}
                aria-pressed={e === editionNumber}
                onClick={() => onEdition(String(e))}
              >
                {e}
              </button>
            ))}
          </div>
          <p class="muted">
            {t.scatterHelp} {editionNumber >= 2017 ? t.thresholdNote : t.olderMethodNote}
          </p>
        </>
      }
    >
      {focusRow && (
        <p class="focus">
          <strong>{t.historyOf(i18n.name(focusRow))}</strong>{' '}
          <Link href={hrefOf(i18n.lang, ['material', String(focusRow.material)])}>{t.openFactsheet}</Link>{' '}
          <button type="button" class="link" onClick={() => onFocus(undefined)}>
            {t.clearHistory}
          </button>
        </p>
      )}
    </ChartPanel>
  );
}

function scatterOption(current: Result, all: Result, edition: number, focus: string | undefined, i18n: I18n) {
  const { t } = i18n;
  const point = (r: Row) => ({ value: [r.ei, r.sr], name: i18n.name(r), id: String(r.material) });
  const assessed = current.rows.filter((r) => r.sr !== null && r.ei !== null);
  const trail = all.rows
    .filter((r) => r.material === focus && r.sr !== null && r.ei !== null)
    .map((r) => ({ value: [r.ei, r.sr], name: String(r.edition), id: String(r.material) }));
  const srThreshold = Number(current.method.params.sr_threshold?.value ?? 1);
  const eiThreshold = Number(current.method.params.ei_threshold?.value ?? 2.8);
  const thresholds =
    edition >= 2017
      ? {
          silent: true,
          symbol: 'none',
          lineStyle: { color: colors.threshold, type: 'dashed', width: 1 },
          label: { formatter: '{b}', position: 'end', color: colors.threshold, fontSize: 11 },
          data: [
            { yAxis: srThreshold, name: `SR ${i18n.num(srThreshold, 1)}` },
            { xAxis: eiThreshold, name: `EI ${i18n.num(eiThreshold, 1)}` },
          ],
        }
      : undefined;
  return {
    animation: false,
    grid: { left: 56, right: 52, top: 36, bottom: 52 },
    legend: { top: 0, left: 'center', data: [t.critical, t.notCritical] },
    tooltip: {
      trigger: 'item',
      formatter: (p: { data: { name: string; value: number[] }; seriesName: string }) =>
        `<b>${p.data.name}</b><br/>SR ${i18n.num(p.data.value[1], 1)} · EI ${i18n.num(p.data.value[0], 1)}`,
    },
    xAxis: { name: t.economicImportance, nameLocation: 'middle', nameGap: 30, min: 0, splitLine: { show: false } },
    yAxis: { name: t.supplyRisk, nameLocation: 'middle', nameGap: 36, min: 0 },
    series: [
      {
        name: t.critical,
        type: 'scatter',
        symbolSize: 9,
        itemStyle: { color: colors.critical },
        label: { show: true, position: 'right', formatter: '{b}', fontSize: 10, lineHeight: 12, color: '#444' },
        labelLayout: { hideOverlap: true },
        data: assessed.filter((r) => r.critical).map(point),
        markLine: thresholds,
      },
      {
        name: t.notCritical,
        type: 'scatter',
        symbolSize: 7,
        itemStyle: { color: colors.other, opacity: 0.8 },
        data: assessed.filter((r) => !r.critical).map(point),
      },
      {
        name: 'trail',
        type: 'line',
        data: trail,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { color: colors.trail, width: 2 },
        itemStyle: { color: colors.trail },
        label: { show: true, formatter: '{b}', position: 'top', fontSize: 10, color: '#8a5a00' },
        z: 5,
      },
    ],
  } satisfies EChartsCoreOption;
}

function ListTable({ list, i18n }: { list: string; i18n: I18n }) {
  const { t } = i18n;
  const path = apiPath('/api/materials', { list, edition: list === 'eu-crm' ? '2023' : undefined });
  const loaded = useApis<[Result, Result]>([path, '/api/materials?list=crma-strategic']);
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  const [members, strategic] = loaded.data;
  const strategicIds = new Set(strategic.rows.map((r) => r.material));
  const hasScores = members.rows.some((r) => r.sr !== null);
  const edition = String(members.method.params.edition?.value ?? '');
  const title =
    list === 'eu-crm' && edition === '2023'
      ? t.euListTitle(members.rows.length)
      : `${t.listLabels[list] ?? list} ${edition} (${members.rows.length})`;
  const columns = [
    'name',
    ...(list.startsWith('eu') || list.startsWith('crma') ? ['strategic'] : []),
    ...(hasScores ? ['sr', 'ei'] : []),
    'grade',
    'note',
  ];
  return (
    <Panel title={title} path={path} result={members} name={`${list}-${edition}`}>
      <ResultTable
        result={{ ...members, columns: [...members.columns, { name: 'strategic', type: 'boolean' }] }}
        columns={columns}
        filterable
        cells={{
          name: (row) => <Link href={hrefOf(i18n.lang, ['material', String(row.material)])}>{i18n.name(row)}</Link>,
          strategic: (row) =>
            strategicIds.has(row.material) ? <span class="badge badge-strategic">{t.strategic}</span> : '',
        }}
        sortValues={{ strategic: (row) => (strategicIds.has(row.material) ? 0 : 1) }}
      />
    </Panel>
  );
}

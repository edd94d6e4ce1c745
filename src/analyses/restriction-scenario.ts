/**
 * "What if country C restricts exports of material M?" — the export-restriction chain (issue 8; docs/methods.md
 * §5.3 and §2):
 *   restriction → supply lost per material and stage (global production shares, EU sourcing shares, and imports in
 *   the trade data) → change in supply risk (criticality engine: methods/criticality/model.ts with the restricting
 *   country's t raised) → the JRC strategic technologies using the material → by-product companions of a host
 *   material → industries and value added (IO engine: analyses/shock.ts, imports of the material's codes cut).
 * One Result whose rows carry a `section`: 'supply', 'technology', 'by-product', 'industry'.
 */
import { z } from 'zod';
import { UserError } from '../domain/errors.js';
import type { Column, ParamValue, Result, Row } from '../domain/result.js';
import { result } from '../domain/result.js';
import { evaluateMaterial, type MaterialModel, type ScopeSupply } from '../methods/criticality/model.js';
import { type ByProductEdge, byProductDefaults, companionEffects } from '../methods/levers/by-products.js';
import {
  type CountryShare,
  type Measure,
  measures,
  type RestrictionParams,
  resolvedSeverity,
  restrictionDefaults,
  supplyLostShare,
  supplyStages,
  tradeLoss,
  withRestriction,
} from '../methods/levers/restriction.js';
import { daysInYear } from '../methods/levers/stockpile.js';
import type { Db } from '../store/db.js';
import { readIoTable, readIoTables } from '../store/io-queries.js';
import { provenance } from './provenance.js';
import {
  chooseTradeDataset,
  latestTradeYear,
  materialWithMembers,
  readEuMembers,
  readGovernance,
  readImportsByPartner,
  readMaterialModel,
  resolveMaterial,
  usedDatasets,
} from './scenario-data.js';
import { shockImpact } from './shock.js';

export const RestrictionSpec = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO3 code, e.g. CHN')
    .describe('restricting country (ISO3)'),
  material: z.string().min(1).describe('material id or name'),
  stages: z.array(z.enum(supplyStages)).min(1).optional().describe('stages restricted (default: both)'),
  measure: z.enum(measures).describe('tax, quota, ban or licence'),
  severity: z.number().min(0).max(1).optional().describe('share of the country’s supply withheld (default by measure)'),
});

export const RestrictionScenario = z.object({
  kind: z.literal('restriction'),
  title: z.string().optional(),
  restrictions: z.array(RestrictionSpec).optional(),
  event: z.string().optional().describe('an event_id of reference/export-restrictions.csv instead of restrictions'),
  includeTargeted: z
    .boolean()
    .default(false)
    .describe('apply events aimed at one destination (e.g. the 2024 ban to the US) as if they hit the reporter'),
  year: z.number().int().optional().describe('trade year (default: latest with data)'),
  reporter: z
    .string()
    .regex(/^(EU27|[A-Z]{3})$/)
    .default('EU27'),
  dataset: z.string().optional(),
  edition: z.number().int().default(2023).describe('EU assessment edition of the supply-risk model'),
  durationDays: z.number().positive().default(60).describe('disruption length for the shortfall stock'),
  io: z
    .object({
      table: z.string().describe('IO table: DATASET/TABLE, DATASET, or a table id held by one dataset (e.g. BEL2020)'),
      region: z.string().optional(),
      usdPerEur: z.number().positive().optional(),
      variant: z
        .enum(['ghosh', 'leontief_fixed_prop'])
        .default('ghosh')
        .describe(
          'ghosh (default here): the lost imports cut primary inputs by their value; leontief_fixed_prop: users lose output in proportion to the cut of the whole IO product',
        ),
    })
    .optional()
    .describe('run the IO shock on this table with the imports of its country that stop'),
  params: z
    .object({
      tradeParameter: z.record(z.enum(measures), z.number().min(0.5).max(3)).optional(),
      severity: z.record(z.enum(measures), z.number().min(0).max(1)).optional(),
    })
    .optional(),
});
export type RestrictionScenario = z.infer<typeof RestrictionScenario>;

interface ResolvedRestriction {
  country: string;
  material: string;
  stages: ('extraction' | 'processing')[];
  measure: Measure;
  severity: number;
  origin: string;
  /** Stages named by the scenario or event (not the both-stages default). */
  explicitStages: boolean;
}

export const scenarioColumns: Column[] = [
  { name: 'section', type: 'string', description: 'supply | technology | by-product | industry' },
  { name: 'material', type: 'string' },
  { name: 'stage', type: 'string' },
  { name: 'country', type: 'string', description: 'restricting country' },
  { name: 'measure', type: 'string' },
  { name: 'severity', type: 'number', unit: 'fraction', description: 'share of the country’s supply withheld' },
  { name: 'gs_share', type: 'number', unit: 'fraction', description: 'country’s share of global supply' },
  { name: 'gs_lost', type: 'number', unit: 'fraction', description: 'share of global supply lost' },
  { name: 'eu_share', type: 'number', unit: 'fraction', description: 'country’s share of EU sourcing' },
  { name: 'eu_lost', type: 'number', unit: 'fraction', description: 'share of EU sourcing lost' },
  { name: 't_before', type: 'number' },
  { name: 't_after', type: 'number' },
  { name: 'sr_stage_before', type: 'number', unit: 'index' },
  { name: 'sr_stage_after', type: 'number', unit: 'index' },
  { name: 'sr_before', type: 'number', unit: 'index', description: 'material SR (bottleneck stage)' },
  { name: 'sr_after', type: 'number', unit: 'index' },
  { name: 'sr_change', type: 'number', unit: 'index' },
  { name: 'imports_value', type: 'number', description: 'imports of the stage’s codes (dataset currency)' },
  { name: 'imports_from_country_value', type: 'number' },
  { name: 'lost_value', type: 'number' },
  { name: 'lost_t', type: 'number', unit: 't' },
  { name: 'cut_fraction', type: 'number', unit: 'fraction', description: 'share of those imports that stops' },
  { name: 'currency', type: 'string' },
  { name: 'stockpile_t', type: 'number', unit: 't', description: 'lost tonnes over the disruption (§7.4 shortfall)' },
  { name: 'technology', type: 'string' },
  { name: 'sector', type: 'string' },
  { name: 'companion', type: 'string' },
  { name: 'companion_change', type: 'number', unit: 'fraction', description: 'change of the companion’s supply' },
  { name: 'industry', type: 'string' },
  { name: 'value_added_change', type: 'number', description: 'IO table units' },
  { name: 'share_of_manufacturing_va', type: 'number', unit: 'fraction' },
];

/**
 * @example await restrictionScenario(db, { kind: 'restriction', restrictions: [{ country: 'CHN', material: 'gallium', measure: 'ban' }] })
 */
export async function restrictionScenario(db: Db, input: z.input<typeof RestrictionScenario>): Promise<Result> {
  const s = RestrictionScenario.parse(input);
  const params: RestrictionParams = {
    tradeParameter: { ...restrictionDefaults.tradeParameter, ...(s.params?.tradeParameter ?? {}) },
    severity: { ...restrictionDefaults.severity, ...(s.params?.severity ?? {}) },
  };
  const warnings: string[] = [];
  const restrictions = await resolveRestrictions(db, s, params, warnings);
  const rows: Row[] = [];
  const datasets = new Set<string>(['ref:export_restrictions', 'ref:technology_materials', 'ref:by_products']);
  const governance = await readGovernance(db);
  if (!governance) warnings.push('no WGI in the store: supply-risk changes need `radar import wgi …`');
  else for (const d of await usedDatasets(db, 'wgi')) datasets.add(d);

  // Supply risk: all restrictions on one material are applied to its model together.
  const byMaterial = groupBy(restrictions, (r) => r.material);
  for (const [material, rs] of byMaterial) {
    const model = await readMaterialModel(db, material, s.edition);
    if (!model) {
      warnings.push(
        `${material}: no supply shares or stage parameters of the EU ${s.edition} assessment in the store (radar import eu-crm-study …); supply-risk rows are empty`,
      );
    } else for (const d of ['ref:crm_assessment_inputs', ...(await usedDatasets(db, 'eu-crm-study'))]) datasets.add(d);
    const restricted = model ? applyRestrictions(model, rs, params) : null;
    const before = model && governance ? evaluateMaterial(model, (c) => governance.of(c), 1) : null;
    const after = restricted && governance ? evaluateMaterial(restricted, (c) => governance.of(c), 1) : null;
    for (const r of rs) {
      for (const stage of r.stages) {
        const st = model?.stages.find((x) => x.stage === stage);
        if (model && !st) {
          if (r.explicitStages) warnings.push(`${material}: the EU ${s.edition} assessment has no ${stage} stage`);
          continue;
        }
        const gs = st?.gs ? toShares(st.gs) : null;
        const eu = st?.eu ? toShares(st.eu) : null;
        const restrictedStage = restricted?.stages.find((x) => x.stage === stage);
        const stBefore = before?.stages.find((x) => x.stage === stage);
        const stAfter = after?.stages.find((x) => x.stage === stage);
        rows.push({
          section: 'supply',
          material,
          stage,
          country: r.country,
          measure: r.measure,
          severity: r.severity,
          gs_share: gs ? shareOf(gs, r.country) : null,
          gs_lost: gs ? supplyLostShare(gs, { ...r }, params) : null,
          eu_share: eu ? shareOf(eu, r.country) : null,
          eu_lost: eu ? supplyLostShare(eu, { ...r }, params) : null,
          t_before: tOf(st?.gs, r.country) ?? tOf(st?.eu, r.country),
          t_after: tOf(restrictedStage?.gs, r.country) ?? tOf(restrictedStage?.eu, r.country),
          sr_stage_before: stBefore?.sr ?? null,
          sr_stage_after: stAfter?.sr ?? null,
          sr_before: before?.sr ?? null,
          sr_after: after?.sr ?? null,
          sr_change: before?.sr != null && after?.sr != null ? after.sr - before.sr : null,
        });
      }
    }
  }

  // Trade: imports of each material's codes at the restricted stages from the restricting country.
  const tradeYear = s.year ?? (await latestTradeYear(db, [...byMaterial.keys()]));
  if (tradeYear === null) warnings.push('no trade flows of these materials in the store: trade losses are empty');
  else {
    for (const row of rows) {
      const r = restrictions.find(
        (x) => x.material === row.material && x.country === row.country,
      ) as ResolvedRestriction;
      const loss = await tradeLossFor(db, { ...s, year: tradeYear }, r, row.stage as string, warnings);
      if (!loss) continue;
      datasets.add(loss.datasetId);
      Object.assign(row, {
        imports_value: loss.importsValue,
        imports_from_country_value: loss.fromCountryValue,
        lost_value: loss.lostValue,
        lost_t: loss.lostT,
        cut_fraction: loss.cutFraction,
        currency: loss.currency,
        stockpile_t: loss.lostT === null ? null : (loss.lostT / daysInYear(tradeYear)) * s.durationDays,
      });
    }
  }

  // Technologies exposed: the material, the groups it belongs to, and its members when it is a group.
  for (const material of byMaterial.keys()) {
    for (const t of await readExposedTechnologies(db, material)) {
      rows.push({ section: 'technology', material, technology: t.technology, sector: t.sector, stage: null });
    }
  }

  // By-product companions: a restricted host's lost global supply moves its companions.
  const edges = await db.all<ByProductEdge>(
    'SELECT host_id AS host, companion_id AS companion, relation FROM by_products',
  );
  const hostChanges: Record<string, number> = {};
  // Host output is mining output: only extraction-stage losses move companions.
  for (const row of rows.filter(
    (x) => x.section === 'supply' && x.stage === 'extraction' && typeof x.gs_lost === 'number',
  )) {
    const host = row.material as string;
    if (edges.some((e) => e.host === host))
      hostChanges[host] = Math.max(-1, (hostChanges[host] ?? 0) - (row.gs_lost as number));
  }
  for (const e of companionEffects(edges, hostChanges, byProductDefaults)) {
    rows.push({
      section: 'by-product',
      material: e.via.map((v) => v.host).join(', '),
      companion: e.companion,
      companion_change: e.change,
    });
  }

  // Industries: the IO shock of the imports that stop, for the table's country.
  const extraParams: Record<string, ParamValue> = {};
  let lastShockUnit: string | undefined;
  if (s.io) {
    const shock = await ioShock(db, s, restrictions, tradeYear, warnings);
    if (shock) {
      datasets.add(shock.provenance[0]?.dataset ?? '');
      for (const r of shock.rows) {
        rows.push({
          section: 'industry',
          industry: r.industry,
          value_added_change: r.value_added_change,
          share_of_manufacturing_va: r.share_of_manufacturing_va,
          country: null,
        });
      }
      lastShockUnit = shock.columns.find((c) => c.name === 'value_added_change')?.unit;
      Object.assign(
        extraParams,
        Object.fromEntries(Object.entries(shock.method.params).map(([k, v]) => [`io_${k}`, v])),
      );
      warnings.push(...shock.warnings.map((w) => `IO: ${w}`));
    }
  }

  const ioUnit = ioUnitOf(rows, lastShockUnit);
  return result({
    columns: scenarioColumns.map((c) =>
      c.name === 'value_added_change' && ioUnit ? { ...c, unit: ioUnit, description: `IO table units (${ioUnit})` } : c,
    ),
    rows,
    provenance: await provenance(db, [...datasets].filter(Boolean)),
    method: {
      id: 'levers.scenario.restriction',
      version: '1',
      spec: 'docs/methods.md §5.3 (t), §7.4 (shortfall), §2 (IO shock)',
      params: {
        restrictions: {
          value: restrictions.map(({ origin, explicitStages: _, ...r }) => ({ ...r, from: origin })),
          assumed: false,
        },
        trade_parameter: {
          value: params.tradeParameter,
          assumed: s.params?.tradeParameter === undefined,
          description: 't of the restricting country per measure; the EU mapping from measure to t is not published',
        },
        severity_default: {
          value: params.severity,
          assumed: s.params?.severity === undefined,
          description: 'share of supply withheld per measure, where the scenario gives none',
        },
        edition: { value: s.edition, assumed: false },
        trade_year: { value: tradeYear, assumed: false },
        reporter: { value: s.reporter, assumed: false },
        duration_days: { value: s.durationDays, assumed: input.durationDays === undefined },
        by_product_weights: {
          value: byProductDefaults.relationWeight,
          assumed: true,
          description: 'weight of a host edge by relation (sources give the relation, not shares)',
        },
        wgi_years: { value: '2016–2020 (criticality engine default)', assumed: true },
        ...extraParams,
      },
    },
    warnings,
  });
}

async function resolveRestrictions(
  db: Db,
  s: RestrictionScenario,
  params: RestrictionParams,
  warnings: string[],
): Promise<ResolvedRestriction[]> {
  const out: ResolvedRestriction[] = [];
  if (s.event) {
    const rows = await db.all<{
      country_iso3: string;
      material_id: string;
      stages: string;
      measure: Measure;
      target_iso3: string | null;
      object: string;
    }>(
      'SELECT country_iso3, material_id, stages, measure, target_iso3, object FROM export_restrictions WHERE event_id = $1',
      [s.event],
    );
    if (rows.length === 0) {
      const known = await db.all<{ event_id: string }>('SELECT DISTINCT event_id FROM export_restrictions ORDER BY 1');
      throw new UserError(`unknown event: "${s.event}"`, `Events: ${known.map((k) => k.event_id).join(', ')}`, 404);
    }
    for (const r of rows) {
      if (r.object !== 'goods') {
        warnings.push(`event ${s.event}: the ${r.material_id} measure restricts ${r.object}, not goods; left out`);
        continue;
      }
      if (r.target_iso3 && !s.includeTargeted) {
        warnings.push(
          `event ${s.event}: the ${r.material_id} measure targets ${r.target_iso3} only; left out (includeTargeted applies it)`,
        );
        continue;
      }
      out.push({
        country: r.country_iso3,
        material: r.material_id,
        stages: r.stages.split(' ') as ResolvedRestriction['stages'],
        measure: r.measure,
        severity: params.severity[r.measure],
        origin: `event ${s.event}`,
        explicitStages: true,
      });
    }
  }
  for (const r of s.restrictions ?? []) {
    const material = await resolveMaterial(db, r.material);
    out.push({
      country: r.country,
      material,
      stages: r.stages ?? [...supplyStages],
      measure: r.measure,
      severity: resolvedSeverity({ country: r.country, measure: r.measure, severity: r.severity }, params),
      origin: 'scenario',
      explicitStages: r.stages !== undefined,
    });
  }
  if (out.length === 0) throw new UserError('the scenario has no restriction to apply (give restrictions or an event)');
  return out;
}

function applyRestrictions(
  model: MaterialModel,
  rs: readonly ResolvedRestriction[],
  params: RestrictionParams,
): MaterialModel {
  return {
    ...model,
    stages: model.stages.map((st) => {
      const here = rs.filter((r) => r.stages.includes(st.stage));
      const raise = (supply: ScopeSupply | null): ScopeSupply | null => {
        if (!supply) return null;
        let shares = toShares(supply);
        for (const r of here)
          shares = withRestriction(shares, { country: r.country, measure: r.measure, severity: r.severity }, params);
        return { countries: supply.countries, shares: supply.shares, t: shares.map((x) => x.t) };
      };
      return { ...st, gs: raise(st.gs), eu: raise(st.eu) };
    }),
  };
}

function toShares(supply: ScopeSupply): CountryShare[] {
  return supply.countries.map((country, i) => ({ country, share: supply.shares[i], t: supply.t[i] }));
}

function shareOf(shares: readonly CountryShare[], country: string): number {
  return shares.filter((s) => s.country === country).reduce((sum, s) => sum + s.share, 0);
}

function tOf(supply: ScopeSupply | null | undefined, country: string): number | null {
  if (!supply) return null;
  const i = supply.countries.indexOf(country);
  return i < 0 ? null : supply.t[i];
}

async function tradeLossFor(
  db: Db,
  s: RestrictionScenario & { year: number },
  r: ResolvedRestriction,
  stage: string,
  warnings: string[],
) {
  const materials = await materialWithMembers(db, r.material);
  const choice = await chooseTradeDataset(db, materials, s.year, s.dataset);
  if (!choice) {
    warnings.push(`${r.material}: no trade flows in ${s.year}`);
    return null;
  }
  const eu = s.reporter === 'EU27';
  const reporters = eu ? [...(await readEuMembers(db, s.year))] : [s.reporter];
  const imports = await readImportsByPartner(db, {
    datasetId: choice.datasetId,
    year: s.year,
    materials,
    reporters,
    extraOnly: eu,
    stages: [stage],
  });
  if (imports.length === 0) {
    warnings.push(`${r.material} (${stage}): no imports of its ${stage}-stage codes in ${choice.datasetId} ${s.year}`);
    return null;
  }
  const loss = tradeLoss(
    imports.map((i) => ({
      partner: i.partner,
      value: i.value,
      quantityT: i.quantityKg === null ? null : i.quantityKg / 1000,
    })),
    r.country,
    r.severity,
  );
  return { ...loss, currency: choice.currency, datasetId: choice.datasetId };
}

interface ExposedTechnology {
  technology: string;
  sector: string;
}

/** JRC strategic technologies that use the material directly, through a group it belongs to, or through a member. */
export async function readExposedTechnologies(db: Db, material: string): Promise<ExposedTechnology[]> {
  return db.all<ExposedTechnology>(
    `WITH ids AS (
       SELECT $1 AS id
       UNION SELECT group_id FROM group_members WHERE material_id = $1
       UNION SELECT material_id FROM group_members WHERE group_id = $1)
     SELECT DISTINCT t.id AS technology, t.sector_id AS sector
     FROM technology_materials tm JOIN technologies t ON t.id = tm.technology_id
     WHERE tm.material_id IN (SELECT id FROM ids) ORDER BY t.sector_id, t.id`,
    [material],
  );
}

async function ioShock(
  db: Db,
  s: RestrictionScenario,
  restrictions: readonly ResolvedRestriction[],
  tradeYear: number | null,
  warnings: string[],
): Promise<Result | null> {
  if (!s.io) return null;
  // A table id alone ('BEL2020') is accepted when one imported dataset holds it.
  const byId = (await readIoTables(db)).filter((t) => t.table_id === s.io?.table);
  const name = byId.length === 1 ? `${byId[0].dataset_id}/${byId[0].table_id}` : s.io.table;
  const table = await readIoTable(db, name);
  const region = s.io.region ?? table.country;
  if (!region) throw new UserError(`IO table ${s.io.table} is multi-regional: give io.region (e.g. BEL)`);
  if (tradeYear === null) {
    warnings.push('IO: no trade year, so no imports to stop');
    return null;
  }
  const values: { product: string; value: number; currency: string }[] = [];
  for (const r of restrictions) {
    const materials = await materialWithMembers(db, r.material);
    const choice = await chooseTradeDataset(db, materials, tradeYear, s.dataset);
    if (!choice) continue;
    const flows = await readImportsByPartner(db, {
      datasetId: choice.datasetId,
      year: tradeYear,
      materials,
      reporters: [region],
      extraOnly: false,
      stages: r.stages,
      byProduct: true,
    });
    for (const f of flows.filter((x) => x.partner === r.country)) {
      values.push({ product: f.product as string, value: f.value * r.severity, currency: choice.currency });
    }
  }
  if (values.length === 0) {
    warnings.push(`IO: ${region} imports none of the restricted codes from the restricting countries in ${tradeYear}`);
    return null;
  }
  return shockImpact(db, {
    table: name,
    importValues: values,
    stopFraction: 1,
    region: table.layout === 'multi-regional' ? region : undefined,
    usdPerEur: s.io.usdPerEur,
    variant: s.io.variant,
    extraParams: {
      scenario_variant: {
        value: s.io.variant,
        assumed: true,
        description:
          'a raw material is a small part of its IO product (CPA division); Ghosh scales the loss to the value of the imports that stop, while fixed proportions would stop every user of the whole division in proportion',
      },
    },
  });
}

function ioUnitOf(rows: readonly Row[], unit: string | undefined): string | undefined {
  return rows.some((r) => r.section === 'industry') ? unit : undefined;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

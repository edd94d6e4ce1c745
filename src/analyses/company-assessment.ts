/**
 * "How exposed is my company?" — the CRMA Art. 24(2) risk assessment (docs/methods.md §6): a validated purchases
 * file → (a) mapping of the raw materials in those inputs (reference/cn-material-map.csv) and where they come from,
 * (b) risk factors per material, (c) a vulnerability score (methods/levers/company-exposure.ts). Uploads are stored
 * (user data, migration 702) only when every row is valid, in one transaction.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Column, type Result, result } from '../domain/result.js';
import { hhi } from '../methods/concentration/hhi.js';
import {
  companyScore,
  type ExposureParams,
  exposureDefaults,
  exposureFactors,
  type MaterialExposure,
  materialExposure,
} from '../methods/levers/company-exposure.js';
import type { Db } from '../store/db.js';
import type { PurchaseRow } from './company-assessment-file.js';
import { readSupplyShares, type ShareRow } from './criticality-inputs.js';
import { provenance } from './provenance.js';
import {
  latestDatasetOrNull,
  readGovernance,
  readListedMaterials,
  readPublishedSr,
  usedDatasets,
} from './scenario-data.js';

export interface AssessOptions {
  /** File name shown in the report. */
  label: string;
  /** sha256 of the file, shown in the report. */
  sha256?: string;
  /** Restrictions in force on this date count (default: today). */
  asOf?: string;
  /** The company's country (ISO3): restrictions aimed at it count too. */
  companyCountry?: string;
  weights?: Partial<ExposureParams['weights']>;
}

export interface MappingLine {
  line: number;
  code: string;
  origin: string;
  value_eur: number | null;
  quantity_kg: number | null;
  materials: string;
  stages: string;
}

export interface CompanyAssessment {
  result: Result;
  mapping: MappingLine[];
  unmapped: { code: string; lines: number; value_eur: number; first_line: number }[];
  score: number | null;
  totals: { lines: number; valueEur: number; mappedValueEur: number };
  restrictions: {
    event_id: string;
    country_iso3: string;
    material_id: string;
    measure: string;
    effective: string | null;
  }[];
  label: string;
  sha256: string | null;
  asOf: string;
}

interface MapRow {
  classification: 'HS6' | 'CN8';
  code: string;
  material_id: string;
  stage: string;
}

interface RestrictionRow {
  event_id: string;
  country_iso3: string;
  material_id: string;
  measure: string;
  target_iso3: string | null;
  effective: string | null;
}

const columns: Column[] = [
  { name: 'material', type: 'string', description: "material id, or 'company' for the summary row" },
  { name: 'name', type: 'string' },
  { name: 'strategic', type: 'boolean', description: 'on the CRMA Annex I list' },
  { name: 'critical', type: 'boolean', description: 'on the CRMA Annex II list' },
  { name: 'stages', type: 'string', description: 'extraction, processing, component (from the codes)' },
  { name: 'purchase_value_eur', type: 'number', unit: 'EUR', description: 'value of the purchases that contain it' },
  { name: 'quantity_kg', type: 'number', unit: 'kg', description: 'gross quantity of those purchases' },
  { name: 'lines', type: 'integer' },
  { name: 'origins', type: 'integer' },
  { name: 'top_origin', type: 'string' },
  { name: 'top_origin_share', type: 'number', unit: 'fraction' },
  { name: 'sourcing_hhi', type: 'number', unit: '0–1', description: 'HHI of the company’s own origins' },
  { name: 'relative_sr', type: 'number', unit: '0–1', description: 'published EU SR / highest SR of the edition' },
  { name: 'governance', type: 'number', unit: '0–1', description: 'value-weighted WGI_scaled / 10 of the origins' },
  { name: 'restricted_share', type: 'number', unit: 'fraction', description: 'value from origins restricting it' },
  { name: 'global_hhi', type: 'number', unit: '0–1', description: 'HHI of global supply (EU 2023 study)' },
  { name: 'vulnerability', type: 'number', unit: '0–1', description: 'weighted mean of the factors available' },
  { name: 'single_origin', type: 'boolean' },
  { name: 'origin_over_65', type: 'boolean', description: 'one origin > 65% (CRMA Art. 5(1)(b) figure, by analogy)' },
  { name: 'restrictions', type: 'string', description: 'export-restriction events on it from its origins' },
];

/**
 * @example await assessCompany(db, rows, { label: 'purchases.csv' }) // result.rows: one per material + 'company'
 */
export async function assessCompany(
  db: Db,
  purchases: readonly PurchaseRow[],
  options: AssessOptions,
): Promise<CompanyAssessment> {
  const asOf = options.asOf ?? new Date().toISOString().slice(0, 10);
  const params: ExposureParams = {
    ...exposureDefaults,
    weights: { ...exposureDefaults.weights, ...(options.weights ?? {}) },
  };
  const warnings: string[] = [];
  const map = await db.all<MapRow>('SELECT classification, code, material_id, stage FROM cn_material_map');
  const byCode = new Map<string, MapRow[]>();
  for (const m of map)
    byCode.set(`${m.classification}:${m.code}`, [...(byCode.get(`${m.classification}:${m.code}`) ?? []), m]);
  const mapping: MappingLine[] = [];
  const unmapped = new Map<string, { code: string; lines: number; value_eur: number; first_line: number }>();
  // material → origin → accumulated value / quantity
  const acc = new Map<
    string,
    { stages: Set<string>; lines: number; quantityKg: number; quantityKnown: boolean; origins: Map<string, number> }
  >();
  let valueEur = 0;
  let mappedValueEur = 0;
  let lacksValue = 0;
  for (const p of purchases) {
    valueEur += p.valueEur ?? 0;
    const matches = [
      ...(p.code.length === 8 ? (byCode.get(`CN8:${p.code}`) ?? []) : []),
      ...(byCode.get(`HS6:${p.code.slice(0, 6)}`) ?? []),
    ];
    const materials = new Map<string, Set<string>>();
    for (const m of matches) materials.set(m.material_id, (materials.get(m.material_id) ?? new Set()).add(m.stage));
    if (materials.size === 0) {
      const u = unmapped.get(p.code) ?? { code: p.code, lines: 0, value_eur: 0, first_line: p.line };
      u.lines += 1;
      u.value_eur += p.valueEur ?? 0;
      unmapped.set(p.code, u);
      continue;
    }
    mappedValueEur += p.valueEur ?? 0;
    if (p.valueEur === null) lacksValue += 1;
    mapping.push({
      line: p.line,
      code: p.code,
      origin: p.originIso3,
      value_eur: p.valueEur,
      quantity_kg: p.quantityKg,
      materials: [...materials.keys()].join(' '),
      stages: [...new Set([...materials.values()].flatMap((s) => [...s]))].join(' '),
    });
    for (const [material, stages] of materials) {
      const a = acc.get(material) ?? {
        stages: new Set(),
        lines: 0,
        quantityKg: 0,
        quantityKnown: true,
        origins: new Map(),
      };
      for (const s of stages) a.stages.add(s);
      a.lines += 1;
      if (p.quantityKg === null) a.quantityKnown = false;
      else a.quantityKg += p.quantityKg;
      a.origins.set(p.originIso3, (a.origins.get(p.originIso3) ?? 0) + (p.valueEur ?? 0));
      acc.set(material, a);
    }
  }
  if (lacksValue)
    warnings.push(`${lacksValue} mapped line(s) have a quantity but no value: they weigh 0 in the value-based factors`);
  if (unmapped.size) {
    warnings.push(
      `${unmapped.size} code(s) on ${[...unmapped.values()].reduce((s, u) => s + u.lines, 0)} line(s) map to no raw material in reference/cn-material-map.csv (listed in the report)`,
    );
  }

  const srs = await readPublishedSr(db);
  const ownSrs = [...srs.values()].filter((s) => s.via === 'own' && s.sr !== null).map((s) => s.sr as number);
  const maxSr = ownSrs.length ? Math.max(...ownSrs) : null;
  const governance = await readGovernance(db);
  if (!governance) warnings.push('no WGI in the store (radar import wgi …): the governance factor is left out');
  const restrictions = await db.all<RestrictionRow>(
    `SELECT event_id, country_iso3, material_id, measure, target_iso3, CAST(effective AS VARCHAR) AS effective
     FROM export_restrictions WHERE object = 'goods' AND (effective IS NULL OR effective <= CAST($1 AS DATE))
       AND (target_iso3 IS NULL OR target_iso3 = $2::VARCHAR)`,
    [asOf, options.companyCountry ?? null],
  );
  const groupsOf = await db.all<{ group_id: string; material_id: string }>(
    'SELECT group_id, material_id FROM group_members',
  );
  const related = (m: string) =>
    new Set([
      m,
      ...groupsOf.filter((g) => g.material_id === m).map((g) => g.group_id),
      ...groupsOf.filter((g) => g.group_id === m).map((g) => g.material_id),
    ]);
  const sharesDataset = await latestDatasetOrNull(db, 'eu-crm-study');
  const hasShares = sharesDataset !== null;
  const globalShares = sharesDataset
    ? (await readSupplyShares(db, sharesDataset)).filter((r) => r.scope === 'global')
    : [];
  if (!hasShares)
    warnings.push(
      'no EU study supply shares in the store (radar import eu-crm-study …): the global-concentration factor is left out',
    );
  const strategic = await readListedMaterials(db, 'crma-strategic');
  const critical = await readListedMaterials(db, 'crma-critical');
  const names = new Map(
    (await db.all<{ id: string; name_en: string }>('SELECT id, name_en FROM materials')).map((m) => [m.id, m.name_en]),
  );

  const exposures: (MaterialExposure & {
    stages: string[];
    lines: number;
    quantityKg: number | null;
    events: string[];
  })[] = [];
  const usedRestrictions = new Map<string, CompanyAssessment['restrictions'][number]>();
  for (const [material, a] of [...acc].sort(([x], [y]) => x.localeCompare(y))) {
    const rel = related(material);
    const hits = restrictions.filter((r) => rel.has(r.material_id));
    const restrictingOrigins = new Set(hits.map((r) => r.country_iso3));
    const events: string[] = [];
    for (const r of hits) {
      if (!a.origins.has(r.country_iso3)) continue;
      events.push(r.event_id);
      if (r.effective === null)
        warnings.push(`${material}: restriction ${r.event_id} has no known date; counted as in force`);
      usedRestrictions.set(`${r.event_id}/${r.material_id}`, {
        event_id: r.event_id,
        country_iso3: r.country_iso3,
        material_id: r.material_id,
        measure: r.measure,
        effective: r.effective,
      });
    }
    const sr = srs.get(material)?.sr ?? null;
    const globalHhi = hasShares ? globalSupplyHhi(globalShares, material, [...a.stages]) : null;
    const e = materialExposure(
      {
        materialId: material,
        origins: [...a.origins].map(([origin, value]) => ({
          origin,
          value,
          wgiScaled: governance ? governance.of(origin).scaled : null,
          restricted: restrictingOrigins.has(origin),
        })),
        relativeSr: sr === null || maxSr === null ? null : sr / maxSr,
        globalHhi,
      },
      params,
    );
    exposures.push({
      ...e,
      stages: [...a.stages].sort(),
      lines: a.lines,
      quantityKg: a.quantityKnown ? a.quantityKg : null,
      events: [...new Set(events)],
    });
  }
  const score = companyScore(exposures);
  const rows = exposures.map((e) => ({
    material: e.materialId,
    name: names.get(e.materialId) ?? e.materialId,
    strategic: strategic.has(e.materialId),
    critical: critical.has(e.materialId),
    stages: e.stages.join(' '),
    purchase_value_eur: e.value,
    quantity_kg: e.quantityKg,
    lines: e.lines,
    origins: e.origins,
    top_origin: e.topOrigin,
    top_origin_share: e.topOriginShare,
    ...e.factors,
    vulnerability: e.vulnerability,
    single_origin: e.singleOrigin,
    origin_over_65: e.originOverCap,
    restrictions: e.events.join(' '),
  }));
  rows.push({
    material: 'company',
    name: options.label,
    strategic: exposures.some((e) => strategic.has(e.materialId)),
    critical: exposures.some((e) => critical.has(e.materialId)),
    stages: '',
    purchase_value_eur: valueEur,
    quantity_kg: null,
    lines: purchases.length,
    origins: new Set(purchases.map((p) => p.originIso3)).size,
    top_origin: null,
    top_origin_share: null as unknown as number,
    sourcing_hhi: null,
    relative_sr: null,
    governance: null,
    restricted_share: null,
    global_hhi: null,
    vulnerability: score,
    single_origin: false,
    origin_over_65: exposures.some((e) => e.originOverCap),
    restrictions: [...new Set(exposures.flatMap((e) => e.events))].join(' '),
  });
  const withoutWgi = [...new Set(exposures.flatMap((e) => e.originsWithoutWgi))];
  if (governance && withoutWgi.length)
    warnings.push(`origins without WGI (governance takes the median): ${withoutWgi.join(', ')}`);
  const datasets = ['ref:cn_material_map', 'ref:sr_ei', 'ref:export_restrictions', 'ref:list_membership'];
  if (governance) datasets.push(...(await usedDatasets(db, 'wgi')));
  if (hasShares) datasets.push(...(await usedDatasets(db, 'eu-crm-study')));
  const res = result({
    columns,
    rows,
    provenance: await provenance(db, datasets),
    method: {
      id: 'levers.company-assessment',
      version: '1',
      spec: 'docs/methods.md §6 Art. 24(2)',
      params: {
        weights: {
          value: params.weights,
          assumed: options.weights === undefined,
          description: `Art. 24 names mapping, factors and vulnerability but no formula; factors: ${exposureFactors.join(', ')}`,
        },
        origin_share_cap: {
          value: params.originShareCap,
          assumed: true,
          description: 'CRMA Art. 5(1)(b) 65%, applied by analogy',
        },
        as_of: { value: asOf, assumed: options.asOf === undefined, description: 'restrictions in force on this date' },
        company_country: { value: options.companyCountry ?? null, assumed: false },
        sr_edition: { value: [...srs.values()][0]?.edition ?? null, assumed: false },
        value_attribution: {
          value: 'full value of a purchase to each material it contains',
          assumed: true,
          description: 'codes such as Li-ion batteries embed several materials; content per unit is not known',
        },
        wgi_years: { value: '2016–2020 (criticality engine default)', assumed: true },
      },
    },
    warnings,
  });
  return {
    result: res,
    mapping,
    unmapped: [...unmapped.values()].sort((a, b) => b.value_eur - a.value_eur),
    score,
    totals: { lines: purchases.length, valueEur, mappedValueEur },
    restrictions: [...usedRestrictions.values()],
    label: options.label,
    sha256: options.sha256 ?? null,
    asOf,
  };
}

/** HHI of global supply at the purchase stages (component → processing), the highest over those stages. */
function globalSupplyHhi(shares: readonly ShareRow[], material: string, stages: string[]): number | null {
  const wanted = [...new Set(stages.map((s) => (s === 'component' ? 'processing' : s)))];
  const rows = shares.filter((r) => r.material_id === material && r.country_iso3 !== null);
  const values = wanted
    .map((st) => hhi(rows.filter((r) => r.stage === st).map((r) => r.share)))
    .filter((v): v is number => v !== null);
  return values.length ? Math.max(...values) : null;
}

/** Store a validated upload and its rows in one transaction; returns its id. */
export async function storeUpload(
  db: Db,
  purchases: readonly PurchaseRow[],
  file: { label: string; bytes: Buffer },
  actor: string,
): Promise<string> {
  const id = randomUUID();
  const sha = createHash('sha256').update(file.bytes).digest('hex');
  await db.transaction(async () => {
    await db.run('INSERT INTO company_uploads VALUES ($1, $2, $3, $4, $5, now())', [
      id,
      file.label,
      sha,
      purchases.length,
      actor,
    ]);
    const appender = await db.connection.createAppender('company_purchases');
    for (const p of purchases) {
      appender.appendVarchar(id);
      appender.appendInteger(p.line);
      appender.appendVarchar(p.code);
      appender.appendVarchar(p.originIso3);
      if (p.valueEur === null) appender.appendNull();
      else appender.appendDouble(p.valueEur);
      if (p.quantityKg === null) appender.appendNull();
      else appender.appendDouble(p.quantityKg);
      if (p.description === null) appender.appendNull();
      else appender.appendVarchar(p.description);
      appender.endRow();
    }
    appender.closeSync();
  });
  return id;
}

/** A stored upload's rows and file facts, or null. */
export async function readUpload(
  db: Db,
  id: string,
): Promise<{ label: string; sha256: string; rows: PurchaseRow[] } | null> {
  const head = await db.one<{ file_name: string; sha256: string }>(
    'SELECT file_name, sha256 FROM company_uploads WHERE id = $1',
    [id],
  );
  if (!head) return null;
  const rows = await db.all<{
    line: number;
    code: string;
    origin_iso3: string;
    value_eur: number | null;
    quantity_kg: number | null;
    description: string | null;
  }>('SELECT * EXCLUDE (upload_id) FROM company_purchases WHERE upload_id = $1 ORDER BY line', [id]);
  return {
    label: head.file_name,
    sha256: head.sha256,
    rows: rows.map((r) => ({
      line: r.line,
      code: r.code,
      origin: r.origin_iso3,
      originIso3: r.origin_iso3,
      valueEur: r.value_eur,
      quantityKg: r.quantity_kg,
      description: r.description,
    })),
  };
}

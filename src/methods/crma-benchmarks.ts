/**
 * CRM Act (Regulation (EU) 2024/1252) Art. 5 benchmarks for 2030, per strategic raw material
 * (docs/methods.md §6, "Benchmark indicators the system computes"; report digest part 3 §1.1):
 *
 *   extraction_ratio  = EU extraction capacity / EU annual consumption        ≥ 0.10   Art. 5(1)(a)(i)
 *   processing_ratio  = EU processing capacity / EU annual consumption        ≥ 0.40   Art. 5(1)(a)(ii)
 *   recycling_ratio   = EU recycling capacity / EU annual consumption         ≥ 0.25   Art. 5(1)(a)(iii)
 *   max third country = max_{c ∉ EU} supply_c / EU annual consumption, per stage ≤ 0.65   Art. 5(1)(b)
 *   consumption       = production + imports − exports at the stage; ≤ 0 → null (nothing to compare with)
 *
 * The thresholds are verified (Art. 5 wording, methods.md §6 [V: CRMA-DE Art. 5]). The data never measure what
 * Art. 5 names, so every value carries its basis and, where it is a substitute, says so:
 * - 'capacity-vs-consumption': what Art. 5 asks (capacity); not a proxy.
 * - 'output-vs-consumption': actual EU output instead of capacity.
 * - 'eu-sourcing-share': the EU CRM study's "EU sourcing" share (domestic output ÷ domestic output + imports):
 *   output, not capacity, and exports are not deducted from the denominator.
 * - 'eol-rir': end-of-life recycling input rate (recycled old scrap ÷ EU material input) for the recycling ratio:
 *   a rate of use, not a recycling capacity (anchors.md §3a item 9).
 * - 'import-share-of-consumption': a third country's imports ÷ consumption, Art. 5(1)(b)'s own denominator, but
 *   imports by origin of shipment, not by origin of the material.
 * - 'import-share-of-imports': a third country's share of extra-EU imports: the denominator is imports, not
 *   consumption (Art. 5(1)(b) divides by consumption).
 * gap = distance to the target in share points (positive = still to go; 0 = met); gap_quantity = gap × consumption
 * when consumption is known (tonnes of capacity to add, or imports to move elsewhere).
 */

export type BenchmarkId = 'extraction' | 'processing' | 'recycling' | 'single-third-country';
export type SupplyStage = 'extraction' | 'processing';

export type Basis =
  | 'capacity-vs-consumption'
  | 'output-vs-consumption'
  | 'eu-sourcing-share'
  | 'eol-rir'
  | 'import-share-of-consumption'
  | 'import-share-of-imports';

export const proxyNotes: Record<Basis, string | null> = {
  'capacity-vs-consumption': null,
  'output-vs-consumption': 'actual EU output, not capacity (Art. 5 names capacity)',
  'eu-sourcing-share':
    'EU CRM study "EU sourcing" share: output, not capacity; denominator is domestic output + imports (exports not deducted)',
  'eol-rir': 'EoL-RIR (recycled old scrap ÷ EU material input), not recycling capacity ÷ consumption',
  'import-share-of-consumption': 'imports by country of shipment ÷ consumption',
  'import-share-of-imports': 'share of extra-EU imports, not of EU consumption (Art. 5(1)(b) divides by consumption)',
};

export interface BenchmarkTarget {
  benchmark: BenchmarkId;
  operator: '≥' | '≤';
  threshold: number;
  article: string;
}

/** Art. 5 targets for 2030 (verified: methods.md §6; reference/crma-benchmarks.csv holds the same with sources). */
export const crmaTargets: readonly BenchmarkTarget[] = [
  { benchmark: 'extraction', operator: '≥', threshold: 0.1, article: 'Art. 5(1)(a)(i)' },
  { benchmark: 'processing', operator: '≥', threshold: 0.4, article: 'Art. 5(1)(a)(ii)' },
  { benchmark: 'recycling', operator: '≥', threshold: 0.25, article: 'Art. 5(1)(a)(iii)' },
  { benchmark: 'single-third-country', operator: '≤', threshold: 0.65, article: 'Art. 5(1)(b)' },
];

export interface Evidence {
  /** A fraction; null when the data cannot give one (e.g. consumption ≤ 0). */
  value: number | null;
  basis: Basis;
  /** EU annual consumption at the stage, when known (for gap_quantity), in `unit`. */
  consumption?: number | null;
  unit?: string;
}

export interface ThirdCountryEvidence extends Evidence {
  /** The largest third country (ISO3 or name), null when none supplies. */
  country: string | null;
}

export interface BenchmarkInput {
  material: string;
  extraction?: Evidence;
  processing?: Evidence;
  recycling?: Evidence;
  thirdCountry?: Partial<Record<SupplyStage, ThirdCountryEvidence>>;
}

export interface BenchmarkRow {
  material: string;
  benchmark: BenchmarkId;
  stage: SupplyStage | 'recycling';
  value: number | null;
  operator: '≥' | '≤';
  target: number;
  meets: boolean | null;
  gap: number | null;
  gap_quantity: number | null;
  unit: string | null;
  country: string | null;
  basis: Basis;
  proxy: boolean;
  proxy_note: string | null;
  article: string;
}

function row(
  material: string,
  target: BenchmarkTarget,
  stage: BenchmarkRow['stage'],
  evidence: Evidence,
  country: string | null = null,
): BenchmarkRow {
  const v = evidence.value;
  const meets = v === null ? null : target.operator === '≥' ? v >= target.threshold : v <= target.threshold;
  const gap = v === null ? null : Math.max(0, target.operator === '≥' ? target.threshold - v : v - target.threshold);
  const consumption = evidence.consumption ?? null;
  return {
    material,
    benchmark: target.benchmark,
    stage,
    value: v,
    operator: target.operator,
    target: target.threshold,
    meets,
    gap,
    gap_quantity: gap !== null && consumption !== null && consumption > 0 ? gap * consumption : null,
    unit: evidence.unit ?? null,
    country,
    basis: evidence.basis,
    proxy: proxyNotes[evidence.basis] !== null,
    proxy_note: proxyNotes[evidence.basis],
    article: target.article,
  };
}

/**
 * One row per benchmark and stage for which there is evidence.
 * @example benchmarkRows({ material: 'cobalt', processing: { value: 0.91, basis: 'eu-sourcing-share' } })
 * // [{ benchmark: 'processing', value: 0.91, target: 0.4, meets: true, gap: 0, proxy: true, … }]
 */
export function benchmarkRows(
  input: BenchmarkInput,
  targets: readonly BenchmarkTarget[] = crmaTargets,
): BenchmarkRow[] {
  const target = (id: BenchmarkId) => targets.find((t) => t.benchmark === id)!;
  const out: BenchmarkRow[] = [];
  if (input.extraction) out.push(row(input.material, target('extraction'), 'extraction', input.extraction));
  if (input.processing) out.push(row(input.material, target('processing'), 'processing', input.processing));
  if (input.recycling) out.push(row(input.material, target('recycling'), 'recycling', input.recycling));
  for (const stage of ['extraction', 'processing'] as const) {
    const e = input.thirdCountry?.[stage];
    if (e) out.push(row(input.material, target('single-third-country'), stage, e, e.country));
  }
  return out;
}

export interface StageBalanceInput {
  /** EU-27 production at the stage (output, or capacity when known: say so in `basis`). */
  euProduction: number;
  /** Extra-EU imports by partner country at the stage. */
  importsByCountry: Readonly<Record<string, number>>;
  /** Extra-EU exports at the stage. */
  exports: number;
  /** 'output-vs-consumption' (default) or 'capacity-vs-consumption' when euProduction is a capacity. */
  basis?: 'output-vs-consumption' | 'capacity-vs-consumption';
  unit?: string;
}

/**
 * Consumption = production + imports − exports; EU share = production ÷ consumption; the largest third country's
 * imports ÷ consumption. Consumption ≤ 0 → both null (methods.md §6 edge case).
 * @example stageBalance({ euProduction: 20, importsByCountry: { CHN: 70, CHL: 30 }, exports: 20 })
 * // { consumption: 100, euShare: { value: 0.2, … }, thirdCountry: { country: 'CHN', value: 0.7, … } }
 */
export function stageBalance(input: StageBalanceInput): {
  consumption: number | null;
  euShare: Evidence;
  thirdCountry: ThirdCountryEvidence;
} {
  const imports = Object.values(input.importsByCountry).reduce((s, v) => s + v, 0);
  const raw = input.euProduction + imports - input.exports;
  const consumption = raw > 0 ? raw : null;
  let country: string | null = null;
  let largest = 0;
  for (const [c, v] of Object.entries(input.importsByCountry)) {
    if (v > largest) [country, largest] = [c, v];
  }
  const unit = input.unit;
  return {
    consumption,
    euShare: {
      value: consumption === null ? null : input.euProduction / consumption,
      basis: input.basis ?? 'output-vs-consumption',
      consumption,
      unit,
    },
    thirdCountry: {
      value: consumption === null ? null : largest / consumption,
      basis: 'import-share-of-consumption',
      country,
      consumption,
      unit,
    },
  };
}

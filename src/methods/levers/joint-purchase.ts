/**
 * Joint purchasing: demand aggregation under CRMA Art. 25 (docs/methods.md §6, Art. 25) [V: CRMA-DE Art. 25].
 *
 * What the Article fixes: the Commission aggregates the demand of interested undertakings consuming strategic raw
 * materials (unprocessed and processed) (1); it selects the strategic raw materials and processing stages,
 * "considering relative supply risk", and sets minimum quantities for participation, considering SMEs (3).
 * What it leaves open, and we therefore expose as parameters labelled assumed [U]:
 * - `minRelativeSupplyRisk` (default 0, i.e. every strategic raw material is eligible): a material is eligible when
 *   SR_m / max_k SR_k ≥ the threshold, k over the strategic raw materials with a published SR;
 * - `minimumQuantityT` per material, or per material and stage as "material/stage", and `defaultMinimumT` for the
 *   rest (default 0 t, i.e. no minimum); a registration participates when its quantity is ≥ its minimum;
 * - `smePooling` (default true): SME registrations below the minimum participate together when their sum for the
 *   same material, stage and period reaches it (the "considering SMEs" of Art. 25(3), read as in the EU gas
 *   demand-aggregation practice of pooling small buyers; the CRM rule itself is not published).
 */
export type PurchaseStage = 'extraction' | 'processing';
export const purchaseStages: readonly PurchaseStage[] = ['extraction', 'processing'];

export interface DemandLine {
  id: number;
  buyer: string;
  materialId: string;
  stage: PurchaseStage;
  quantityT: number;
  period: string;
  sme: boolean;
}

export interface JointPurchaseParams {
  minRelativeSupplyRisk: number;
  minimumQuantityT: Readonly<Record<string, number>>;
  defaultMinimumT: number;
  smePooling: boolean;
}

export const jointPurchaseDefaults: JointPurchaseParams = {
  minRelativeSupplyRisk: 0,
  minimumQuantityT: {},
  defaultMinimumT: 0,
  smePooling: true,
};

export interface MaterialEligibility {
  materialId: string;
  sr: number | null;
  relativeSr: number | null;
  eligible: boolean;
}

/**
 * Relative supply risk of each strategic raw material and whether it passes the threshold. A material without a
 * published SR is not eligible (its relative risk is unknown).
 * @example materialEligibility([{ materialId: 'gallium', sr: 3.9 }, { materialId: 'copper', sr: 0.1 }], 0.5)
 * // gallium: relativeSr 1, eligible; copper: relativeSr 0.026, not eligible
 */
export function materialEligibility(
  supplyRisks: readonly { materialId: string; sr: number | null }[],
  minRelativeSupplyRisk: number,
): MaterialEligibility[] {
  const known = supplyRisks.map((s) => s.sr).filter((sr): sr is number => sr !== null && Number.isFinite(sr));
  const max = known.length ? Math.max(...known) : 0;
  return supplyRisks.map(({ materialId, sr }) => {
    const relativeSr = sr === null || max <= 0 ? null : sr / max;
    return { materialId, sr, relativeSr, eligible: relativeSr !== null && relativeSr >= minRelativeSupplyRisk };
  });
}

export function minimumFor(params: JointPurchaseParams, materialId: string, stage: PurchaseStage): number {
  const m = params.minimumQuantityT;
  return m[`${materialId}/${stage}`] ?? m[materialId] ?? params.defaultMinimumT;
}

export type LineStatus = 'participates' | 'sme-pool' | 'below-minimum' | 'material-not-eligible';

export interface PoolRow {
  materialId: string;
  stage: PurchaseStage;
  period: string;
  minimumT: number;
  eligible: boolean;
  registrations: number;
  buyers: number;
  smeBuyers: number;
  demandT: number;
  /** Demand that takes part in the joint purchase (direct participants + a qualifying SME pool). */
  aggregatedT: number;
  smePoolT: number;
  excludedT: number;
}

/**
 * Aggregate registered demand per material × stage × period and decide who takes part.
 * @example aggregateDemand(lines, { minRelativeSupplyRisk: 0, minimumQuantityT: { cobalt: 100 }, defaultMinimumT: 0, smePooling: true }, eligible)
 */
export function aggregateDemand(
  lines: readonly DemandLine[],
  params: JointPurchaseParams,
  eligibleMaterials: ReadonlySet<string>,
): { pools: PoolRow[]; lineStatus: Map<number, LineStatus> } {
  const groups = new Map<string, DemandLine[]>();
  for (const line of lines) {
    const key = `${line.materialId}\u0000${line.stage}\u0000${line.period}`;
    const group = groups.get(key);
    if (group) group.push(line);
    else groups.set(key, [line]);
  }
  const lineStatus = new Map<number, LineStatus>();
  const pools: PoolRow[] = [];
  for (const group of groups.values()) {
    const { materialId, stage, period } = group[0];
    const minimumT = minimumFor(params, materialId, stage);
    const eligible = eligibleMaterials.has(materialId);
    const small = group.filter((l) => l.quantityT < minimumT);
    const smallSme = small.filter((l) => l.sme);
    const smePoolT = sum(smallSme.map((l) => l.quantityT));
    const poolQualifies = params.smePooling && smallSme.length > 0 && smePoolT >= minimumT;
    for (const l of group) {
      let status: LineStatus;
      if (!eligible) status = 'material-not-eligible';
      else if (l.quantityT >= minimumT) status = 'participates';
      else if (l.sme && poolQualifies) status = 'sme-pool';
      else status = 'below-minimum';
      lineStatus.set(l.id, status);
    }
    const inPool = (l: DemandLine) => {
      const s = lineStatus.get(l.id);
      return s === 'participates' || s === 'sme-pool';
    };
    const demandT = sum(group.map((l) => l.quantityT));
    const aggregatedT = sum(group.filter(inPool).map((l) => l.quantityT));
    pools.push({
      materialId,
      stage,
      period,
      minimumT,
      eligible,
      registrations: group.length,
      buyers: new Set(group.map((l) => l.buyer)).size,
      smeBuyers: new Set(group.filter((l) => l.sme).map((l) => l.buyer)).size,
      demandT,
      aggregatedT,
      smePoolT: poolQualifies && eligible ? smePoolT : 0,
      excludedT: demandT - aggregatedT,
    });
  }
  pools.sort((a, b) =>
    a.materialId === b.materialId
      ? a.stage === b.stage
        ? a.period.localeCompare(b.period)
        : a.stage.localeCompare(b.stage)
      : a.materialId.localeCompare(b.materialId),
  );
  return { pools, lineStatus };
}

/** `YYYY`, `YYYY-Qn` or `YYYY-MM`: the periods demand is registered for and aggregated by (exact match). */
export const periodPattern = /^(19|20)\d\d(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}

/**
 * Stage of processing (UNCTAD SoP 1–4) from BEC Rev.4 codes, for the breakdown of a screened list
 * (report digest part 4 §1.4, Fig. 86: SoP-1 raw materials, SoP-2 intermediate goods, SoP-3 consumption goods,
 * SoP-4 capital goods; shares by number of products).
 * BEC → SoP, the UNCTAD/WITS convention [U: assumed — recalled, not read from a published table here]:
 *   SoP-1 raw: 111, 21, 31 · SoP-2 intermediate: 121, 22, 322, 42, 53 · SoP-3 consumer: 112, 122, 522, 61, 62, 63 ·
 *   SoP-4 capital: 41, 521 · not assigned: 321 (motor spirit), 51 (passenger cars), 7 (goods n.e.s.).
 * An HS6 code mapped to BEC codes of different stages (n:n rows of the UNSD table) is 'mixed'.
 */

export type Stage = 'SoP1 raw materials' | 'SoP2 intermediate goods' | 'SoP3 consumer goods' | 'SoP4 capital goods';
export const stageOrder: readonly string[] = [
  'SoP1 raw materials',
  'SoP2 intermediate goods',
  'SoP3 consumer goods',
  'SoP4 capital goods',
  'mixed',
  'not assigned',
  'not mapped',
];

const becStage: Record<string, Stage> = {
  '111': 'SoP1 raw materials',
  '21': 'SoP1 raw materials',
  '31': 'SoP1 raw materials',
  '121': 'SoP2 intermediate goods',
  '22': 'SoP2 intermediate goods',
  '322': 'SoP2 intermediate goods',
  '42': 'SoP2 intermediate goods',
  '53': 'SoP2 intermediate goods',
  '112': 'SoP3 consumer goods',
  '122': 'SoP3 consumer goods',
  '522': 'SoP3 consumer goods',
  '61': 'SoP3 consumer goods',
  '62': 'SoP3 consumer goods',
  '63': 'SoP3 consumer goods',
  '41': 'SoP4 capital goods',
  '521': 'SoP4 capital goods',
};

/** @example stageOfBec('22') // 'SoP2 intermediate goods' */
export function stageOfBec(bec: string): Stage | null {
  return becStage[bec.trim()] ?? null;
}

/**
 * The stage of a product from all the BEC codes its HS6 code maps to.
 * @example stageOfProduct(['111', '21']) // 'SoP1 raw materials'; stageOfProduct(['21', '41']) // 'mixed'
 */
export function stageOfProduct(becs: readonly string[]): string {
  if (becs.length === 0) return 'not mapped';
  const stages = new Set(becs.map((b) => stageOfBec(b) ?? 'not assigned'));
  if (stages.size === 1) return [...stages][0];
  stages.delete('not assigned');
  return stages.size === 1 ? [...stages][0] : 'mixed';
}

/**
 * Stage of processing from BEC Rev.4 (migrations/124-hs-bec.ts). The grouping is the UNCTAD/WITS convention:
 * raw materials 111, 21, 31; intermediate goods 121, 22, 322, 42, 53; consumer goods 112, 122, 522, 61, 62, 63;
 * capital goods 41, 521. BEC 321 (motor spirit), 51 (passenger cars) and 7 (goods n.e.s.) have no stage.
 * Source: general knowledge of the WITS "stages of processing" product groups (docs: ../shared/docs/data-sources.md
 * §9, marked [guess] there); not checked against a UNCTAD document, so the mapping is assumed.
 * The sources' examples agree: ores (2605, 2611, 2615, 2617) → BEC 21 (raw); 2805, 2825, 2836 → 22 (intermediate).
 */
export type Stage = 'raw' | 'intermediate' | 'consumer' | 'capital';

const stages: Record<string, Stage> = {
  '111': 'raw',
  '21': 'raw',
  '31': 'raw',
  '121': 'intermediate',
  '22': 'intermediate',
  '322': 'intermediate',
  '42': 'intermediate',
  '53': 'intermediate',
  '112': 'consumer',
  '122': 'consumer',
  '522': 'consumer',
  '61': 'consumer',
  '62': 'consumer',
  '63': 'consumer',
  '41': 'capital',
  '521': 'capital',
};

/** The stage of a BEC Rev.4 code, or null when the convention gives none. */
export function stageOfProcessing(bec4: string): Stage | null {
  return stages[bec4] ?? null;
}

export const stageMappingNote =
  'UNCTAD/WITS grouping of BEC Rev.4 (raw 111,21,31; intermediate 121,22,322,42,53; consumer 112,122,522,61,62,63; ' +
  'capital 41,521; none for 321,51,7): assumed (general knowledge, not checked against a UNCTAD document)';

/**
 * EU economic importance (docs/methods.md §5.2):
 *
 *   EI = 10 · Σ_a (A_a · Q_s(a)) / max_s Q_s · SI_EI
 *
 * A_a = share of the material's end use in application a, mapped to NACE Rev.2 2-digit sector s(a); Q_s = value
 * added of that sector (EUR million); SI_EI = substitution index (≤ 1 lowers EI). The sum over applications equals
 * Σ_s A_s·Q_s with A_s summed per sector. The scaling by 10 / max Q is seen only in a teaching implementation
 * [S: STREAMLIT] (assumed); with Q_max = the largest sector value added of the study's table (C28, EUR 204,200
 * million) it reproduces most published 2023 values (test/analyses/criticality.test.ts).
 * Applications without a sector ("Other") do not count (assumed: the study's treatment is not documented).
 */
export interface EndUse {
  share: number;
  /** Value added of the application's NACE 2-digit sector, EUR million; null when no sector is given. */
  valueAdded: number | null;
}

export interface EconomicImportance {
  ei: number;
  /** Σ A·Q in EUR million. */
  sumAQ: number;
  /** Share of end uses without a sector (left out). */
  unmappedShare: number;
}

/**
 * @example economicImportance([{ share: 0.5, valueAdded: 40 }, { share: 0.3, valueAdded: 80 }, { share: 0.2, valueAdded: 200 }],
 *          { qMax: 200, siEi: 0.9 }) // { ei: 3.78, sumAQ: 84, unmappedShare: 0 }
 */
export function economicImportance(
  uses: readonly EndUse[],
  options: { qMax: number; siEi: number },
): EconomicImportance {
  let sumAQ = 0;
  let unmapped = 0;
  for (const u of uses) {
    if (u.valueAdded === null) unmapped += u.share;
    else sumAQ += u.share * u.valueAdded;
  }
  return { ei: (10 * sumAQ * options.siEi) / options.qMax, sumAQ, unmappedShare: unmapped };
}

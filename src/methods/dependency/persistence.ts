/**
 * Persistence of a dependency over years (docs/methods.md §1.2 step 2, §2 "Persistence", §4.1 criterion 4).
 * Rule: dependent in at least k of the last n years of the window.
 * - EC 2023 enhanced: k = n = |W| [U: assumed].
 * - FPB 2024: all ten years 2014–2023 [U: assumed].
 * - GeoDep: 2 of the trailing 3 years {t−2, t−1, t} [V: CEPII-GEODEP for "2 in 3"; the alignment is U].
 * A year without trade of the product counts as not dependent.
 */

export interface PersistenceRule {
  /** Minimum number of dependent years; 'all' = every year of the window. */
  k: number | 'all';
  /** Length of the trailing window; 'all' = every year of the screen. */
  n: number | 'all';
}

export interface Persistence {
  /** Dependent years inside the window. */
  count: number;
  /** Years in the window. */
  window: number;
  persistent: boolean;
}

/**
 * @param years  the screen's years, ascending
 * @param dependentIn the years in which the product met the criteria
 * @example persistence([2020, 2021, 2022], new Set([2020, 2022]), { k: 2, n: 3 }) // { count: 2, window: 3, persistent: true }
 */
export function persistence(
  years: readonly number[],
  dependentIn: ReadonlySet<number>,
  rule: PersistenceRule,
): Persistence {
  const n = rule.n === 'all' ? years.length : Math.min(rule.n, years.length);
  const window = years.slice(years.length - n);
  const count = window.filter((y) => dependentIn.has(y)).length;
  const k = rule.k === 'all' ? window.length : rule.k;
  return { count, window: window.length, persistent: window.length > 0 && count >= k };
}

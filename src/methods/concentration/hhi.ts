/**
 * Herfindahl–Hirschman index and shares (docs/methods.md §0.1).
 *
 *   HHI = Σ_k (x_k / X)²   on the 0–1 scale (× 10,000 for the other convention)
 *
 * @param values supplier values (production, imports) of one material, stage and year, already restricted to the
 *               declared supplier set (countries only: aggregates such as "Other countries" stay out of the sum)
 * @param total  X, default Σ values. Pass a larger total to keep unallocated supply (USGS "Other countries", Comext
 *               QP–QZ) in the denominator but out of the sum: the HHI is then a lower bound (default: verified for
 *               the ECIPE variant, our choice elsewhere: assumed).
 * X = 0 → null (the "concentrated" criterion is then not met). Negative or non-finite values are a caller bug.
 * @example hhi([60, 30, 10]) // 0.46
 */
export function hhi(values: readonly number[], total = sum(values)): number | null {
  if (!(total > 0)) return null;
  let s = 0;
  for (const v of values) s += (v / total) ** 2;
  return s;
}

/** x_k / X for each value, in the input order; X = 0 → all null. @example shares([3, 1]) // [0.75, 0.25] */
export function shares(values: readonly number[], total = sum(values)): (number | null)[] {
  return values.map((v) => (total > 0 ? v / total : null));
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** The 0–10,000 convention of the same index. @example hhi10000(0.46) // 4600 */
export function hhi10000(value: number | null): number | null {
  return value === null ? null : value * 10_000;
}

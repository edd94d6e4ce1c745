/**
 * Rank averaging and the top-x % cut of the NBB screen (docs/methods.md §3, steps 2–4).
 * - Each indicator is ranked over all products; a higher value means more dependent and gets a higher rank
 *   (1 = least dependent). Ties get the average of the ranks they span [U, design: assumed].
 *   Missing values (null/NaN) rank below every number; +∞ (no counter flow) ranks above every finite value.
 * - avg_rank = mean of the indicator ranks.
 * - The top share keeps ceil(share · N) products by avg_rank [U: rounding assumed]; ties at the cut are broken by
 *   the order given (callers pass products sorted by code, so the cut is deterministic).
 */

/**
 * Average ranks, ascending: the smallest value gets 1.
 * @example averageRanks([0.2, 0.5, 0.5, 0.9]) // [1, 2.5, 2.5, 4]
 */
export function averageRanks(values: readonly (number | null)[]): number[] {
  const key = (v: number | null) => (v === null || Number.isNaN(v) ? Number.NEGATIVE_INFINITY : v);
  const order = values.map((v, i) => ({ v: key(v), i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let j = start; j <= end; j++) ranks[order[j].i] = rank;
    start = end + 1;
  }
  return ranks;
}

export type CutRounding = 'ceil' | 'floor' | 'round';

/** How many of n items a top share keeps. */
export function cutSize(n: number, share: number, rounding: CutRounding): number {
  const raw = share * n;
  // 0.1 · 50 is 5.000000000000001 in floating point: round away such noise before ceil/floor.
  const x = Math.round(raw * 1e9) / 1e9;
  const k = rounding === 'ceil' ? Math.ceil(x) : rounding === 'floor' ? Math.floor(x) : Math.round(x);
  return Math.max(0, Math.min(n, k));
}

/**
 * Indexes of the items with the highest scores, ceil(share · n) of them by default; equal scores keep input order.
 * @example topShare([1, 4, 2, 3], 0.5) // Set {1, 3}
 */
export function topShare(scores: readonly number[], share: number, rounding: CutRounding = 'ceil'): Set<number> {
  const k = cutSize(scores.length, share, rounding);
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s || a.i - b.i);
  return new Set(order.slice(0, k).map((o) => o.i));
}

/**
 * Mean of the ranks of several indicators, product by product.
 * @example meanRanks([[1, 2], [2, 1], [2, 1]]) // [5/3, 4/3]
 */
export function meanRanks(rankLists: readonly (readonly number[])[]): number[] {
  if (rankLists.length === 0) return [];
  const n = rankLists[0].length;
  return Array.from({ length: n }, (_, i) => rankLists.reduce((s, r) => s + r[i], 0) / rankLists.length);
}

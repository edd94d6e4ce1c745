/**
 * Breakdowns of a screened list (report digest part 4 §1.4–1.6, D2–D4): counts and value shares by main supplier,
 * by any grouping (stage, segment), churn between years, and the overlap of two lists. Pure functions on rows.
 */

export interface ListedProduct {
  product: string;
  /** Main supplier (or market); null when the product had no partner country. */
  partner: string | null;
  value: number;
}

export interface GroupCount {
  group: string;
  products: number;
  productShare: number;
  value: number;
  valueShare: number;
  rankByCount: number;
  rankByValue: number;
}

/**
 * Count products and sum their value per group, with shares of the list and ranks (1 = largest; ties share the
 * better rank). Sorted by count, then value.
 * @example groupCounts([{ product: 'a', partner: 'CHN', value: 1 }, { product: 'b', partner: 'USA', value: 3 }], (p) => p.partner ?? 'none')
 * // [{ group: 'CHN', products: 1, productShare: 0.5, value: 1, valueShare: 0.25, rankByCount: 1, rankByValue: 2 }, …]
 */
export function groupCounts(products: readonly ListedProduct[], groupOf: (p: ListedProduct) => string): GroupCount[] {
  const groups = new Map<string, { products: number; value: number }>();
  for (const p of products) {
    const g = groups.get(groupOf(p)) ?? { products: 0, value: 0 };
    g.products += 1;
    g.value += p.value;
    groups.set(groupOf(p), g);
  }
  const n = products.length;
  const total = products.reduce((s, p) => s + p.value, 0);
  const entries = [...groups.entries()];
  const rank = (pick: (g: { products: number; value: number }) => number, x: number) =>
    1 + entries.filter(([, g]) => pick(g) > x).length;
  return entries
    .map(([group, g]) => ({
      group,
      products: g.products,
      productShare: n ? g.products / n : 0,
      value: g.value,
      valueShare: total > 0 ? g.value / total : 0,
      rankByCount: rank((h) => h.products, g.products),
      rankByValue: rank((h) => h.value, g.value),
    }))
    .sort((a, b) => b.products - a.products || b.value - a.value || a.group.localeCompare(b.group));
}

export interface ChurnRow {
  year: number;
  dependent: number;
  entered: number;
  exited: number;
  stayed: number;
  /** exited / dependent in the previous year (Vicard & Wibaux: "1 in 5 products dependent in 2018 were not in 2019"). */
  exitRate: number | null;
  enteredRate: number | null;
}

/**
 * Year-to-year churn of a list: how many products enter and leave.
 * @example churn([2018, 2019], new Map([['a', [2018]], ['b', [2018, 2019]]]))
 * // [{ year: 2018, dependent: 2, … }, { year: 2019, dependent: 1, entered: 0, exited: 1, stayed: 1, exitRate: 0.5, … }]
 */
export function churn(years: readonly number[], dependentYears: ReadonlyMap<string, readonly number[]>): ChurnRow[] {
  const sets = years.map((y) => new Set([...dependentYears].filter(([, ys]) => ys.includes(y)).map(([p]) => p)));
  return years.map((year, i) => {
    const now = sets[i];
    const before = i > 0 ? sets[i - 1] : null;
    if (!before)
      return { year, dependent: now.size, entered: 0, exited: 0, stayed: 0, exitRate: null, enteredRate: null };
    const stayed = [...now].filter((p) => before.has(p)).length;
    const exited = before.size - stayed;
    const entered = now.size - stayed;
    return {
      year,
      dependent: now.size,
      entered,
      exited,
      stayed,
      exitRate: before.size ? exited / before.size : null,
      enteredRate: now.size ? entered / now.size : null,
    };
  });
}

export interface Overlap {
  both: string[];
  onlyA: string[];
  onlyB: string[];
}

/** @example overlap(['a', 'b'], ['b', 'c']) // { both: ['b'], onlyA: ['a'], onlyB: ['c'] } */
export function overlap(a: Iterable<string>, b: Iterable<string>): Overlap {
  const A = new Set(a);
  const B = new Set(b);
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  return {
    both: sorted([...A].filter((p) => B.has(p))),
    onlyA: sorted([...A].filter((p) => !B.has(p))),
    onlyB: sorted([...B].filter((p) => !A.has(p))),
  };
}

import { rareEarthMinerals } from './labels.js';
import type { DemandValue, SupplyValue } from './parse.js';

/**
 * The additive identities of the IEA workbook, checked on the parsed values. They are what proves that a
 * presentation layout was read the way it was meant: a shifted column or a misread block breaks a sum.
 *
 * The IEA stores values rounded to 6 significant digits (e.g. 501.618, 39.5966). A sum therefore agrees with its
 * total when it is within the rounding of every number involved: ½·10^(⌊log10|x|⌋−5) per term. That is the
 * exactness the published file allows; a misread row is off by whole rows, orders of magnitude more.
 */

export interface Finding {
  cell: string;
  sheet: string;
  message: string;
  /** 'warning' when the mismatch has a known explanation in the published file (see checkSupply). */
  severity: 'error' | 'warning';
}

/** Half a unit in the 6th significant digit of x: the largest rounding error of a 6-digit value. */
export function halfUlp6(x: number): number {
  return x === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(x))) - 5);
}

export function agrees(parts: number[], total: number): boolean {
  const sum = parts.reduce((s, v) => s + v, 0);
  const tolerance = halfUlp6(total) + parts.reduce((s, v) => s + halfUlp6(v), 0) + 1e-9 * Math.abs(total);
  return Math.abs(sum - total) <= tolerance;
}

interface Identity<T> {
  /** Records that must add up, grouped by this key. */
  group: (v: T) => string | null;
  isPart: (v: T) => boolean;
  isTotal: (v: T) => boolean;
  name: string;
  /** A known reason for a mismatch (→ a warning), or undefined (→ an error). */
  explain?: (parts: T[], total: T) => string | undefined;
}

function check<T extends { sheet: string; cell: string; value: number }>(
  values: T[],
  identity: Identity<T>,
): Finding[] {
  const groups = new Map<string, { parts: T[]; totals: T[] }>();
  for (const v of values) {
    const key = identity.group(v);
    if (key === null) continue;
    const g = groups.get(key) ?? { parts: [], totals: [] };
    if (identity.isPart(v)) g.parts.push(v);
    if (identity.isTotal(v)) g.totals.push(v);
    groups.set(key, g);
  }
  const findings: Finding[] = [];
  for (const g of groups.values()) {
    const values = g.parts.map((p) => p.value);
    for (const total of g.totals) {
      if (values.length === 0 || agrees(values, total.value)) continue;
      const sum = values.reduce((s, x) => s + x, 0);
      const reason = identity.explain?.(g.parts, total);
      findings.push({
        sheet: total.sheet,
        cell: total.cell,
        message: `${identity.name} is ${total.value} but its parts sum to ${sum}${reason ? ` (${reason})` : ''}`,
        severity: reason ? 'warning' : 'error',
      });
    }
  }
  return findings;
}

const at = (v: DemandValue) => `${v.sheet}|${v.case_name}|${v.scenario}|${v.year}`;

export function checkDemand(values: DemandValue[]): Finding[] {
  const byKind = (kind: DemandValue['table_kind']) => values.filter((v) => v.table_kind === kind);
  const total = byKind('total-demand');
  const byTech = byKind('clean-tech-by-technology');
  const byMineral = byKind('clean-tech-by-mineral');
  const cases = byKind('technology-cases');
  return [
    ...check(total, {
      name: 'Total clean technologies',
      group: (v) => `${at(v)}|${v.mineral}`,
      isPart: (v) => v.row_kind === 'part' && v.technology !== 'other-uses',
      isTotal: (v) => v.technology === 'clean-tech',
    }),
    ...check(total, {
      name: 'Total demand',
      group: (v) => `${at(v)}|${v.mineral}`,
      isPart: (v) => v.technology === 'clean-tech' || v.technology === 'other-uses',
      isTotal: (v) => v.technology === 'total',
    }),
    ...check(byTech, {
      name: 'Total of a mineral over technologies',
      group: (v) => `${at(v)}|${v.mineral}`,
      isPart: (v) => v.row_kind === 'part',
      isTotal: (v) => v.row_kind === 'total',
    }),
    ...check(byMineral, {
      name: 'Total over minerals',
      group: at,
      isPart: (v) => v.row_kind === 'part',
      isTotal: (v) => v.row_kind === 'total',
    }),
    ...check(byMineral, {
      name: 'Total rare earth elements',
      group: at,
      isPart: (v) => v.row_kind === 'part' && rareEarthMinerals.has(v.mineral),
      isTotal: (v) => v.row_kind === 'subtotal',
    }),
    ...check(cases, {
      name: 'Total of a technology case',
      group: at,
      isPart: (v) => v.row_kind === 'part',
      isTotal: (v) => v.row_kind === 'total',
    }),
  ];
}

/**
 * Supply blocks: countries + "Rest of world" = Total. In the May 2024 edition this fails for the nickel and
 * graphite blocks (the ones listing six countries): there "Rest of world" already contains the sixth country, so
 * the parts exceed the Total by exactly that country's value. That case is a warning; Radar uses the Total row for
 * world supply and never re-adds the country rows.
 */
export function checkSupply(values: SupplyValue[]): Finding[] {
  return check(values, {
    name: 'Total supply',
    group: (v) => `${v.sheet}|${v.mineral}|${v.stage}|${v.year}`,
    isPart: (v) => v.row_kind === 'part',
    isTotal: (v) => v.row_kind === 'total',
    explain: (parts, total) => {
      const excess = parts.reduce((s, p) => s + p.value, 0) - total.value;
      const twin = parts.find((p) => !/^rest of/i.test(p.country_label) && agrees([p.value], excess) && p.value !== 0);
      return twin ? `"Rest of world" includes ${twin.country_label}, listed separately` : undefined;
    },
  });
}

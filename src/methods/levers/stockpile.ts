/**
 * Stockpile sizing (docs/methods.md §7). Pure arithmetic; the analysis finds the trade figures.
 *
 * - CRMA Art. 23 benchmark (§7.2) [V: CRMA-DE Art. 23(2)(a)]:
 *     B_m = N · max(0, NetImports_m,y) / days(y)
 *   with y the previous calendar year. N is not fixed by the Article (it must be proportionate to SR and EI,
 *   Art. 23(2)(c)): `days` has no verified default; 60 is the ITRE study's assumption and is labelled assumed.
 *   Net imports ≤ 0 → benchmark 0 (§7.2 edge case; net exporters have no obligation, as in IEA-VIPO).
 * - ITRE-style value (§7.1, Rietveld et al. 2022 as reported by SERV L8528–8548) [D structure, details U]:
 *     V = Σ_p ImportValue_p,y · N / yearDays,   M = Σ_p ImportMass_p,y · N / yearDays
 *   `yearDays` = 365 (assumed); methods.md notes that "60 days" read as 1/6 of a year (yearDays 360) gives
 *   €154.8 bn instead of €157 bn as the implied upper base.
 * - Shortfall sizing (§7.4, generic spec [D]):
 *     Shortfall = max(0, Demand − (Domestic + Σ_c Foreign_c · reliability_c)),  Stock = max(0, Shortfall − Inventory)
 * - Days of cover (§7.3, IEA template [V: IEA-METHOD]): usable reserves / daily net imports, where usable reserves
 *   = stock · (1 − unavailableShare). IEA deducts 10% for oil tank bottoms; for raw materials the default is 0
 *   (assumed), and 0.10 can be passed to follow IEA.
 */
import { UserError } from '../../domain/errors.js';

/** 366 in leap years, else 365: Art. 23 divides by the days of the previous calendar year. */
export function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

export interface Art23Input {
  /** Net imports of the previous calendar year (imports − exports), tonnes. */
  netImportsT: number;
  /** That calendar year (for its number of days). */
  year: number;
  /** N, days of average daily net imports to cover. */
  days: number;
}

export interface StockSize {
  dailyNetImportsT: number;
  tonnes: number;
  days: number;
}

/**
 * CRMA Art. 23(2)(a): average daily net imports of the previous calendar year × days.
 * @example art23Benchmark({ netImportsT: 36_500, year: 2023, days: 60 }) // { dailyNetImportsT: 100, tonnes: 6000, days: 60 }
 */
export function art23Benchmark({ netImportsT, year, days }: Art23Input): StockSize {
  ensureFinite('net imports', netImportsT);
  ensureDays(days);
  const dailyNetImportsT = Math.max(0, netImportsT) / daysInYear(year);
  return { dailyNetImportsT, tonnes: dailyNetImportsT * days, days };
}

/** Same arithmetic over a fixed year length (manual mode and the ITRE reading). */
export function stockForDays(annualT: number, days: number, yearDays: number): StockSize {
  ensureFinite('annual quantity', annualT);
  ensureDays(days);
  if (!(yearDays > 0)) throw new UserError(`impossible year length: ${yearDays} days`);
  const dailyNetImportsT = Math.max(0, annualT) / yearDays;
  return { dailyNetImportsT, tonnes: dailyNetImportsT * days, days };
}

/**
 * Purchase value of a stock at a price per kg (1 t = 1,000 kg).
 * @example stockValueEur(6000, 0.5) // 3_000_000
 */
export function stockValueEur(tonnes: number, priceEurPerKg: number): number {
  if (!(priceEurPerKg >= 0) || !Number.isFinite(priceEurPerKg)) {
    throw new UserError(`impossible price: ${priceEurPerKg} EUR/kg (expected a number ≥ 0)`);
  }
  return tonnes * 1000 * priceEurPerKg;
}

export interface ImportBasket {
  label: string;
  /** Annual import value in the base year, in the basket's currency. */
  importValue: number;
  /** Annual import mass in tonnes, when known. */
  importMassT?: number | null;
}

export interface ItreOptions {
  days: number;
  yearDays: number;
}

export interface ItreLine {
  label: string;
  value: number;
  tonnes: number | null;
}

/**
 * ITRE-style stock: N days of imports of each basket item, at base-year prices (the import values themselves).
 * @example itreStock([{ label: 'all', importValue: 157e9, importMassT: 52.3e6 }], { days: 60, yearDays: 365 })
 * // { lines: [...], value: 25.81e9, tonnes: 8.6e6 }
 */
export function itreStock(
  baskets: readonly ImportBasket[],
  { days, yearDays }: ItreOptions,
): { lines: ItreLine[]; value: number; tonnes: number | null } {
  ensureDays(days);
  if (!(yearDays > 0)) throw new UserError(`impossible year length: ${yearDays} days`);
  const lines = baskets.map((b) => {
    ensureFinite(`import value of ${b.label}`, b.importValue);
    const tonnes = b.importMassT == null ? null : (Math.max(0, b.importMassT) * days) / yearDays;
    return { label: b.label, value: (Math.max(0, b.importValue) * days) / yearDays, tonnes };
  });
  const value = lines.reduce((s, l) => s + l.value, 0);
  const known = lines.filter((l) => l.tonnes !== null);
  const tonnes =
    known.length === lines.length && lines.length > 0 ? known.reduce((s, l) => s + (l.tonnes ?? 0), 0) : null;
  return { lines, value, tonnes };
}

export interface ForeignSupply {
  country: string;
  supplyT: number;
  /** Share of this supply that still arrives in the scenario, in [0, 1]. */
  reliability: number;
}

export interface ShortfallInput {
  demandT: number;
  domesticT: number;
  foreign: readonly ForeignSupply[];
  inventoryT: number;
}

export interface Shortfall {
  assuredSupplyT: number;
  shortfallT: number;
  stockpileT: number;
}

/**
 * §7.4 generic shortfall: what the scenario leaves uncovered, minus what is already stocked.
 * @example shortfallStock({ demandT: 100, domesticT: 10, foreign: [{ country: 'CHN', supplyT: 80, reliability: 0 }, { country: 'USA', supplyT: 10, reliability: 1 }], inventoryT: 30 })
 * // { assuredSupplyT: 20, shortfallT: 80, stockpileT: 50 }
 */
export function shortfallStock({ demandT, domesticT, foreign, inventoryT }: ShortfallInput): Shortfall {
  for (const [what, v] of [
    ['demand', demandT],
    ['domestic supply', domesticT],
    ['inventory', inventoryT],
  ] as const) {
    ensureFinite(what, v);
    if (v < 0) throw new UserError(`impossible ${what}: ${v} t (expected ≥ 0)`);
  }
  let assuredSupplyT = domesticT;
  for (const f of foreign) {
    ensureFinite(`supply from ${f.country}`, f.supplyT);
    if (!(f.reliability >= 0 && f.reliability <= 1)) {
      throw new UserError(`impossible reliability for ${f.country}: ${f.reliability} (expected 0–1)`);
    }
    assuredSupplyT += Math.max(0, f.supplyT) * f.reliability;
  }
  const shortfallT = Math.max(0, demandT - assuredSupplyT);
  return { assuredSupplyT, shortfallT, stockpileT: Math.max(0, shortfallT - inventoryT) };
}

/**
 * §7.3: days a stock covers, after deducting the unavailable share (IEA: 0.10 for oil).
 * @example daysOfCover({ stockT: 1100, dailyNetImportsT: 10, unavailableShare: 0.1 }) // 99
 */
export function daysOfCover({
  stockT,
  dailyNetImportsT,
  unavailableShare,
}: {
  stockT: number;
  dailyNetImportsT: number;
  unavailableShare: number;
}): number | null {
  if (!(unavailableShare >= 0 && unavailableShare < 1)) {
    throw new UserError(`impossible unavailable share: ${unavailableShare} (expected 0 ≤ share < 1)`);
  }
  if (dailyNetImportsT <= 0) return null;
  return (Math.max(0, stockT) * (1 - unavailableShare)) / dailyNetImportsT;
}

function ensureDays(days: number): void {
  if (!(Number.isFinite(days) && days > 0)) throw new UserError(`impossible number of days: ${days} (expected > 0)`);
}

function ensureFinite(what: string, v: number): void {
  if (!Number.isFinite(v)) throw new UserError(`impossible ${what}: ${v} (expected a finite number)`);
}

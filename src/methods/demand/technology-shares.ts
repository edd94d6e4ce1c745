/**
 * Competition between technologies for one material (report digest part 1 §"energy sectors and technologies will
 * compete for the same CRMs", L224–238; part 2 L4870–4890): each technology's share of the material's demand in a
 * year, and its share of the growth since the base year.
 *
 *   share_of_demand(k, τ)  = D_k,τ / Σ_j D_j,τ
 *   share_of_growth(k, τ)  = (D_k,τ − D_k,τ0) / (Σ_j D_j,τ − Σ_j D_j,τ0)       (null when total demand did not change)
 *
 * The technologies passed must partition the demand (IEA sheet 1: the clean-energy technologies plus "other uses");
 * shares then sum to 1 per year. No parameters beyond the base year (default: earliest year, verified for IEA).
 */

export interface TechnologyDemand {
  technology: string;
  year: number;
  demand: number;
}

export interface TechnologyShare extends TechnologyDemand {
  share_of_demand: number | null;
  share_of_growth: number | null;
  rank: number;
}

/**
 * @example technologyShares([{ technology: 'ev', year: 2023, demand: 62 }, { technology: 'other', year: 2023, demand: 150 },
 *   { technology: 'ev', year: 2030, demand: 236 }, { technology: 'other', year: 2030, demand: 167 }])
 * // 2030: ev share_of_demand 0.586, share_of_growth 0.911 (rank 1)
 */
export function technologyShares(rows: readonly TechnologyDemand[], baseYear?: number): TechnologyShare[] {
  if (rows.length === 0) return [];
  const base = baseYear ?? Math.min(...rows.map((r) => r.year));
  const totalBy = new Map<number, number>();
  for (const r of rows) totalBy.set(r.year, (totalBy.get(r.year) ?? 0) + r.demand);
  const baseOf = new Map(rows.filter((r) => r.year === base).map((r) => [r.technology, r.demand]));
  const baseTotal = totalBy.get(base) ?? 0;
  const out = rows.map((r) => {
    const total = totalBy.get(r.year)!;
    const growth = total - baseTotal;
    return {
      ...r,
      share_of_demand: total === 0 ? null : r.demand / total,
      share_of_growth: r.year === base || growth === 0 ? null : (r.demand - (baseOf.get(r.technology) ?? 0)) / growth,
      rank: 0,
    };
  });
  for (const year of totalBy.keys()) {
    const inYear = out.filter((r) => r.year === year).sort((a, b) => b.demand - a.demand);
    inYear.forEach((r, i) => {
      r.rank = i + 1;
    });
  }
  return out.sort((a, b) => a.year - b.year || a.rank - b.rank);
}

/**
 * Product lifetime distributions and their discretisation into yearly survival shares, for the dynamic stock
 * model (issue 7; docs/methods.md has no stock-flow section, the pitfalls are in docs/anchors.md §2, ODYM/flodym).
 *
 * sf(k) = 1 − F(k + entryAge): the share of a cohort that entered during year c and is still in use at the end of
 * year c + k. Inflows arrive during their year, so at the end of that year they are `entryAge` years old
 * (default 0.5: entry spread evenly over the year, assumed). Discretising the CDF at year ends, not sampling the
 * pdf at integer ages, is what keeps the yearly outflows summing to the inflow (ODYM issue #1), and it handles
 * lifetimes shorter than a year (flodym #13): part of a cohort can leave in its own entry year.
 *
 * Parameters (all per technology, none has a verified default; every use labels them assumed):
 * - normal(mean, sd), truncated at 0 by default: an untruncated normal gives negative lifetimes, i.e. products
 *   discarded before they enter (ODYM's model keeps that mass). `truncate: false` reproduces the untruncated one.
 * - weibull(shape k, scale λ): F(x) = 1 − exp(−(x/λ)^k).
 * - fixed(years): everything leaves in the year its age passes the lifetime.
 */

export type LifetimeModel =
  | { distribution: 'normal'; mean: number; sd: number; truncate?: boolean }
  | { distribution: 'weibull'; shape: number; scale: number }
  | { distribution: 'fixed'; years: number };

export interface SurvivalOptions {
  /** Age at the end of the entry year, in years (default 0.5, assumed). */
  entryAge?: number;
}

/**
 * erfc(x) by the Chebyshev fit of Numerical Recipes (2nd ed., §6.2, erfcc): relative error < 1.2·10⁻⁷.
 * Enough for lifetime shares; the stock model's mass balance does not depend on it (it telescopes).
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const ans =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? ans : 2 - ans;
}

/** Standard normal CDF Φ(z). @example normalCdf(1) // ≈ 0.8413447 */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** F(x): probability that a product's lifetime is at most x years. */
export function lifetimeCdf(model: LifetimeModel, x: number): number {
  if (x <= 0) {
    if (model.distribution === 'normal' && model.truncate === false) return normalCdf((x - model.mean) / model.sd);
    return 0;
  }
  switch (model.distribution) {
    case 'fixed':
      return x >= model.years ? 1 : 0;
    case 'weibull':
      return 1 - Math.exp(-((x / model.scale) ** model.shape));
    case 'normal': {
      const p = normalCdf((x - model.mean) / model.sd);
      if (model.truncate === false) return p;
      const below = normalCdf(-model.mean / model.sd);
      return (p - below) / (1 - below);
    }
  }
}

/**
 * Survival shares sf[0..horizon]: sf[k] = 1 − F(k + entryAge), non-increasing, in [0, 1].
 * @example survival({ distribution: 'fixed', years: 2 }, 3) // [1, 1, 0, 0]
 */
export function survival(model: LifetimeModel, horizon: number, options: SurvivalOptions = {}): Float64Array {
  const entryAge = options.entryAge ?? 0.5;
  const sf = new Float64Array(horizon + 1);
  let previous = 1;
  for (let k = 0; k <= horizon; k++) {
    // Guard against rounding in the CDF: survival never rises with age and stays in [0, 1].
    const s = Math.min(previous, Math.max(0, 1 - lifetimeCdf(model, k + entryAge)));
    sf[k] = s;
    previous = s;
  }
  return sf;
}

/** A lifetime model's parameters are usable: positive, finite. Returns the problem, or null. */
export function checkLifetime(model: LifetimeModel): string | null {
  const positive = (name: string, v: number) => (Number.isFinite(v) && v > 0 ? null : `${name} must be > 0 (got ${v})`);
  switch (model.distribution) {
    case 'fixed':
      return positive('lifetime', model.years);
    case 'weibull':
      return positive('Weibull shape', model.shape) ?? positive('Weibull scale', model.scale);
    case 'normal':
      return positive('mean lifetime', model.mean) ?? positive('lifetime standard deviation', model.sd);
  }
}

/** Mean lifetime of the model, for labels. */
export function describeLifetime(model: LifetimeModel): string {
  switch (model.distribution) {
    case 'fixed':
      return `fixed ${model.years} y`;
    case 'weibull':
      return `Weibull(shape ${model.shape}, scale ${model.scale} y)`;
    case 'normal':
      return `normal(mean ${model.mean} y, sd ${model.sd} y${model.truncate === false ? '' : ', truncated at 0'})`;
  }
}

import { meets, type Threshold } from './criteria.js';
import { dependencyIndicators, type FlowSums, type Indicators } from './indicators.js';
import type { ScreenParams } from './params.js';
import { persistence } from './persistence.js';
import { averageRanks, meanRanks, topShare } from './ranks.js';

/**
 * The screen itself, on aggregated rows: indicators per product and year (indicators.ts), then either fixed
 * thresholds with persistence over the years (EC §1.1–1.2, FPB §2, GeoDep §4.1, MERICS §4.2) or rank averaging
 * with a top share (NBB §3). Pure: the store supplies the sums, this file decides.
 *
 * Shown indicator values: the year's values for a one-year screen; for several years the mean over the years in
 * which the product had a flow on the HHI's partner set (an infinite ratio in any year makes the mean infinite).
 */

export interface Partner {
  code: string;
  value: number;
}

/** Largest partner of each flow, among extra-bloc countries and among all countries. */
export interface TopPartners {
  importsExtra: Partner | null;
  importsAll: Partner | null;
  exportsExtra: Partner | null;
  exportsAll: Partner | null;
}

export interface ProductYear {
  year: number;
  imports: FlowSums;
  exports: FlowSums;
  top: TopPartners;
  /** HHI of world exports of the product in the year (GeoDep C2), when world trade is available. */
  worldExportHhi: number | null;
}

export interface ProductSeries {
  product: string;
  /** Ascending by year; years without any trade of the product may be absent. */
  years: ProductYear[];
  /** Largest partners over all the years pooled, for a multi-year screen. */
  pooledTop?: TopPartners;
}

export interface ScreenedProduct {
  product: string;
  indicators: Indicators;
  worldExportHhi: number | null;
  /** Criteria met by the shown indicators (threshold method), or null. */
  criteriaMet: number | null;
  /** Number of criteria of the rule. */
  criteriaCount: number;
  dependent: boolean;
  /** Years in which the product met every criterion (or was in the year's top share). */
  dependentYears: number[];
  yearsDependent: number;
  window: number;
  /** Second-regime HHI threshold (FPB τ_high): its dependent years and persistence. */
  high: { dependentYears: number[]; dependent: boolean } | null;
  mainPartner: Partner | null;
  mainPartnerShare: number | null;
  /** Rank method: ranks of the three indicators and their mean (higher = more dependent). */
  ranks: { hhi: number; extraShare: number; ratio: number; mean: number } | null;
  /** Years with a flow on the partner set. */
  yearsWithTrade: number;
  /** Imports and exports over all partners, mean per year with any trade of the product. */
  totals: { imports: number; exports: number };
  flags: string[];
}

interface YearView {
  year: number;
  indicators: Indicators;
  worldExportHhi: number | null;
  mainPartnerExtra: boolean;
}

/**
 * Screen the products of one reporter.
 * @example screenProducts([{ product: '280530', years: [...] }], ec2021Params) // [{ product: '280530', dependent: true, … }]
 */
export function screenProducts(series: readonly ProductSeries[], params: ScreenParams): ScreenedProduct[] {
  const views = series.map((s) => s.years.map((y) => yearView(y, params)));
  const shown = views.map((v) => combine(v));
  const base = series.map((s, i) => baseProduct(s, shown[i], views[i], params));
  return params.method === 'rank' ? rankScreen(base, views, params) : thresholdScreen(base, views, params);
}

function yearView(y: ProductYear, params: ScreenParams): YearView {
  const indicators = dependencyIndicators(y, {
    side: params.side,
    partnerSet: params.hhi_partners,
    ratioNumerator: params.ratio_numerator,
    ratioDenominator: params.ratio_denominator,
  });
  const own =
    params.side === 'imports' ? [y.top.importsAll, y.top.importsExtra] : [y.top.exportsAll, y.top.exportsExtra];
  return {
    year: y.year,
    indicators,
    worldExportHhi: y.worldExportHhi,
    mainPartnerExtra: own[0] !== null && own[1] !== null && own[0].code === own[1].code,
  };
}

/** Mean of the annual indicators over the years with a flow on the partner set. */
function combine(views: readonly YearView[]): { indicators: Indicators; worldExportHhi: number | null; n: number } {
  const traded = views.filter((v) => v.indicators.value > 0);
  if (traded.length === 1) return { indicators: traded[0].indicators, worldExportHhi: traded[0].worldExportHhi, n: 1 };
  const mean = (pick: (v: YearView) => number | null) => {
    const xs = traded.map(pick).filter((x): x is number => x !== null && !Number.isNaN(x));
    return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
  };
  return {
    indicators: {
      hhi: mean((v) => v.indicators.hhi),
      extraShare: mean((v) => v.indicators.extraShare),
      ratio: mean((v) => v.indicators.ratio) ?? 0,
      value: mean((v) => v.indicators.value) ?? 0,
      nonCountryShare: mean((v) => v.indicators.nonCountryShare),
    },
    worldExportHhi: mean((v) => v.worldExportHhi),
    n: traded.length,
  };
}

function baseProduct(
  s: ProductSeries,
  shown: ReturnType<typeof combine>,
  views: readonly YearView[],
  params: ScreenParams,
): ScreenedProduct {
  const main = mainPartner(s, params);
  const flags: string[] = [];
  if ((shown.indicators.nonCountryShare ?? 0) > params.non_country_flag) flags.push('non_country_partners');
  if (shown.indicators.ratio === Number.POSITIVE_INFINITY) flags.push('no_counter_flow');
  return {
    product: s.product,
    indicators: shown.indicators,
    worldExportHhi: shown.worldExportHhi,
    criteriaMet: null,
    criteriaCount: 0,
    dependent: false,
    dependentYears: [],
    yearsDependent: 0,
    window: 0,
    high: null,
    mainPartner: main.partner,
    mainPartnerShare: main.share,
    ranks: null,
    yearsWithTrade: views.filter((v) => v.indicators.value > 0).length,
    totals: {
      imports: s.years.reduce((sum, y) => sum + y.imports.total, 0) / Math.max(1, s.years.length),
      exports: s.years.reduce((sum, y) => sum + y.exports.total, 0) / Math.max(1, s.years.length),
    },
    flags,
  };
}

/** Main supplier (or market) on the HHI's partner set, pooled over the years; its share of that set's value. */
function mainPartner(s: ProductSeries, params: ScreenParams): { partner: Partner | null; share: number | null } {
  const top = s.pooledTop ?? s.years[s.years.length - 1]?.top;
  if (!top) return { partner: null, share: null };
  const extra = params.hhi_partners !== 'all';
  const partner =
    params.side === 'imports' ? (extra ? top.importsExtra : top.importsAll) : extra ? top.exportsExtra : top.exportsAll;
  const flows = s.years.map((y) => (params.side === 'imports' ? y.imports : y.exports));
  const total = flows.reduce((sum, f) => sum + (params.hhi_partners === 'extraEU' ? f.extra : f.total), 0);
  return { partner, share: partner && total > 0 ? partner.value / total : null };
}

interface Rule {
  tests: ((v: YearView) => boolean)[];
  high: Threshold | null;
}

function thresholdRule(params: ScreenParams): Rule {
  const tests: ((v: YearView) => boolean)[] = [];
  const { hhi, extra_share, ratio, world_export_hhi } = params;
  if (hhi) tests.push((v) => meets(v.indicators.hhi, hhi));
  if (extra_share) tests.push((v) => meets(v.indicators.extraShare, extra_share));
  if (ratio) tests.push((v) => meets(v.indicators.ratio, ratio));
  if (world_export_hhi) tests.push((v) => meets(v.worldExportHhi, world_export_hhi));
  if (params.main_partner_extra) tests.push((v) => v.mainPartnerExtra);
  return { tests, high: params.hhi_high };
}

function thresholdScreen(
  base: ScreenedProduct[],
  views: readonly YearView[][],
  params: ScreenParams,
): ScreenedProduct[] {
  const rule = thresholdRule(params);
  return base.map((p, i) => {
    const years = views[i];
    const passes = (v: YearView) => v.indicators.value > 0 && rule.tests.every((t) => t(v));
    const dependentYears = years.filter(passes).map((v) => v.year);
    const shownView: YearView = {
      year: 0,
      indicators: p.indicators,
      worldExportHhi: p.worldExportHhi,
      mainPartnerExtra: years.some((v) => v.mainPartnerExtra),
    };
    const criteriaMet = p.indicators.value > 0 ? rule.tests.filter((t) => t(shownView)).length : 0;
    const persist = persistence(params.years, new Set(dependentYears), params.persistence);
    let high: ScreenedProduct['high'] = null;
    if (rule.high) {
      const tauHigh = rule.high;
      const highYears = years.filter((v) => passes(v) && meets(v.indicators.hhi, tauHigh)).map((v) => v.year);
      high = {
        dependentYears: highYears,
        dependent: persistence(params.years, new Set(highYears), params.persistence).persistent,
      };
    }
    return {
      ...p,
      criteriaMet,
      criteriaCount: rule.tests.length,
      dependent: persist.persistent,
      dependentYears,
      yearsDependent: persist.count,
      window: persist.window,
      high,
    };
  });
}

/** NBB: rank the universe (products with a flow on the partner set) on the three indicators, keep the top share. */
function rankScreen(base: ScreenedProduct[], views: readonly YearView[][], params: ScreenParams): ScreenedProduct[] {
  const universe = base.map((_p, i) => i).filter((i) => base[i].indicators.value > 0);
  const picked = rankTop(
    universe.map((i) => base[i].indicators),
    params,
  );
  const perYear = new Map<number, Set<number>>();
  for (const year of params.years) {
    const inYear = universe.filter((i) => views[i].some((v) => v.year === year && v.indicators.value > 0));
    const chosen = rankTop(
      inYear.map((i) => views[i].find((v) => v.year === year)!.indicators),
      params,
    );
    perYear.set(year, new Set([...chosen.top].map((j) => inYear[j])));
  }
  const out = base.map((p) => ({ ...p, criteriaCount: 3, window: params.years.length }));
  universe.forEach((i, j) => {
    const dependentYears = params.years.filter((y) => perYear.get(y)?.has(i));
    out[i] = {
      ...out[i],
      dependent: picked.top.has(j),
      ranks: picked.ranks[j],
      dependentYears,
      yearsDependent: dependentYears.length,
    };
  });
  return out;
}

function rankTop(indicators: readonly Indicators[], params: ScreenParams) {
  const hhi = averageRanks(indicators.map((x) => x.hhi));
  const share = averageRanks(indicators.map((x) => x.extraShare));
  const ratio = averageRanks(indicators.map((x) => x.ratio));
  const mean = meanRanks([hhi, share, ratio]);
  return {
    top: topShare(mean, params.top_share, params.cut_rounding),
    ranks: mean.map((m, j) => ({ hhi: hhi[j], extraShare: share[j], ratio: ratio[j], mean: m })),
  };
}

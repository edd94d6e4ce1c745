import { assumed, commonDefaults, type ParamDefaults, type Preset, verified, yearRange } from './params.js';

/**
 * NBB rank-averaging screen, Buysse, Essers & Marchand (2024) (docs/methods.md §3).
 * Import side: rank every product on the three EC indicators (CDI1–3, §1.1), average the ranks, keep the top 10 %.
 * Export mirror: CDIX1 = HHI of extra-EU destinations, CDIX2 = X_extra / X_total, CDIX3 = X_extra / M_total [U].
 * The strategic filter (sensitive ecosystems) is applied afterwards to the top 10 % (step 5): see strategic lists.
 * Parameters (default — status):
 * - years 2017–2022 — verified (seed); top share 0.10 — verified; no fixed thresholds — verified;
 * - combine = mean of annual indicators — assumed; ties = average rank — assumed; cut = ceil(0.1·N) — assumed;
 * - level HS6 — assumed (539/538 selected export products ≈ 10 % of ~5,400 HS6, [D]);
 * - CDI3 denominator with intra-EU exports — assumed; CDIX3 formula — assumed (by symmetry).
 */
function nbbDefaults(side: 'imports' | 'exports'): ParamDefaults {
  return {
    side: verified(side, side === 'imports' ? 'import side' : 'export-side mirror (CDIX1–3)'),
    level: assumed('HS6', 'product level (§3, [D])'),
    years: verified(yearRange(2017, 2022), 'period 2017–2022'),
    hhi_partners: verified('extraEU', side === 'imports' ? 'HHI of extra-EU suppliers' : 'HHI of extra-EU markets'),
    ratio_numerator: verified('extra', side === 'imports' ? 'extra-EU imports' : 'extra-EU exports'),
    ratio_denominator: assumed('all', side === 'imports' ? 'total exports incl. intra-EU' : 'total imports (CDIX3)'),
    method: verified('rank', 'mean rank of the three indicators, top share'),
    hhi: verified(null, 'no fixed thresholds'),
    hhi_high: verified(null, 'none'),
    extra_share: verified(null, 'no fixed thresholds'),
    ratio: verified(null, 'no fixed thresholds'),
    world_export_hhi: verified(null, 'not used'),
    main_partner_extra: verified(false, 'not used'),
    top_share: verified(0.1, 'top 10 % by mean rank'),
    combine: assumed('mean_of_annual', 'how 2017–2022 combine: mean of annual indicators'),
    persistence: verified({ k: 1, n: 'all' }, 'not used by the rank method'),
    ...commonDefaults(),
  };
}

export const nbb2024: Preset = {
  id: 'nbb2024',
  title: 'NBB 2024 rank averaging, import side (top 10 % of mean ranks of CDI1–3)',
  spec: 'docs/methods.md §3',
  defaults: () => nbbDefaults('imports'),
};

export const nbb2024Exports: Preset = {
  id: 'nbb2024-exports',
  title: 'NBB 2024 rank averaging, export-side mirror (CDIX1–3)',
  spec: 'docs/methods.md §3 (export side)',
  defaults: () => nbbDefaults('exports'),
};

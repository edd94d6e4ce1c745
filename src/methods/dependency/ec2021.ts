import { assumed, commonDefaults, type Preset, verified } from './params.js';

/**
 * EC strategic-dependency screen, SWD(2021) 352 (docs/methods.md §1.1), with the multi-year option of the 2023
 * enhanced methodology (§1.2 step 2).
 * Dependent iff CDI1 > 0.4 AND CDI2 > 0.5 AND CDI3 > 1, where
 *   CDI1 = HHI of extra-EU suppliers of extra-EU imports, CDI2 = M_extra / (M_extra + M_intra),
 *   CDI3 = M_extra / X_total.
 * Parameters (default — status):
 * - hhi_partners extraEU — verified (seed fn 280); hhi > 0.4 — assumed (corroborated by GeoDep's EC-lineage 0.4);
 * - extra_share > 0.5 — assumed (not corroborated anywhere); ratio > 1 — assumed (corroborated: MERICS, GeoDep);
 * - ratio = M_extra / X_total with intra-EU exports in X_total — assumed;
 * - level HS6 — assumed (the ~5,200-product universe fits HS6 better than CN8); year 2019 — assumed;
 * - several years: dependent in all of them (EC 2023, k = |W|) — assumed.
 * For a member state the EC indicators use its own flows; "extra-EU" stays non-EU partners (§1.1, SERV).
 */
export const ec2021: Preset = {
  id: 'ec2021',
  title: 'EC 2021 strategic dependencies (SWD(2021) 352): three thresholds',
  spec: 'docs/methods.md §1.1',
  defaults: () => ({
    side: verified('imports', 'import dependency'),
    level: assumed('HS6', 'product level; CN8 also plausible (§1.1)'),
    years: assumed([2019], 'reference year; the EC used a single year (BRUEGEL-2023), which one is unverified'),
    hhi_partners: verified('extraEU', 'HHI over extra-EU supplier countries (CDI1)'),
    ratio_numerator: verified('extra', 'CDI3 numerator: extra-EU imports'),
    ratio_denominator: assumed('all', 'CDI3 denominator: total exports incl. intra-EU'),
    method: verified('thresholds', 'fixed thresholds'),
    hhi: assumed({ op: '>', tau: 0.4 }, 'CDI1 threshold'),
    hhi_high: verified(null, 'none'),
    extra_share: assumed({ op: '>', tau: 0.5 }, 'CDI2 threshold (uncorroborated)'),
    ratio: assumed({ op: '>', tau: 1 }, 'CDI3 threshold'),
    world_export_hhi: verified(null, 'not used'),
    main_partner_extra: verified(false, 'not used'),
    top_share: verified(0.1, 'not used by the threshold method'),
    combine: verified('mean_of_annual', 'not used by the threshold method'),
    persistence: assumed({ k: 'all', n: 'all' }, 'with several years: dependent in all of them (EC 2023, §1.2)'),
    ...commonDefaults(),
  }),
};

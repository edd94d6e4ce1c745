import { assumed, commonDefaults, type Preset, verified, yearRange } from './params.js';

/**
 * Federal Planning Bureau screen, Dumont, Michel & Rayp (2024) (docs/methods.md §2).
 * A good is strongly dependent in a year when the HHI of its partner countries (all partners, fn 284) exceeds the
 * threshold and its trade is mainly non-EU; it is persistently dependent when that holds in every year 2014–2023.
 * Both regimes are reported: τ_low = 0.25 (`hhi`) and τ_high = 0.5 (`hhi_high`).
 * Parameters (default — status):
 * - hhi_partners all — verified (fn 284); τ 0.25 and 0.5 — verified; operator `>` — assumed ("exceeds");
 * - non-EU condition: extra-EU share of the good's trade > 0.5 — assumed (option a; b = main_partner_extra,
 *   c = hhi_partners extraEU);
 * - persistence: all ten years — assumed; judged at τ_low (τ_high reported alongside) — assumed;
 * - level CN8 (national concept) — derived [D]; years 2014–2023 — verified.
 * Use side = exports for the export dependence (25 persistent strategic goods).
 */
export const fpb2024: Preset = {
  id: 'fpb2024',
  title: 'FPB 2024: HHI ≥ thresholds 0.25 / 0.5 on non-EU trade, persistent over 2014–2023',
  spec: 'docs/methods.md §2',
  defaults: () => ({
    side: verified('imports', 'import dependence (exports: the mirror)'),
    level: assumed('CN8', 'most detailed goods level (CN8 by implication, [D])'),
    years: verified(yearRange(2014, 2023), 'ten years'),
    hhi_partners: verified('all', 'shares of countries in Belgian imports (fn 284)'),
    ratio_numerator: verified('extra', 'shown only'),
    ratio_denominator: verified('all', 'shown only'),
    method: verified('thresholds', 'HHI thresholds'),
    hhi: assumed({ op: '>', tau: 0.25 }, 'τ_low 0.25 verified; operator assumed; persistence judged here'),
    hhi_high: assumed({ op: '>', tau: 0.5 }, 'τ_high 0.5 verified; operator assumed'),
    extra_share: assumed({ op: '>', tau: 0.5 }, '"mainly non-EU": non-EU share of the good\'s trade'),
    ratio: verified(null, 'not used'),
    world_export_hhi: verified(null, 'not used'),
    main_partner_extra: assumed(false, 'non-EU option b (main partner outside the EU) off'),
    top_share: verified(0.1, 'not used by the threshold method'),
    combine: verified('mean_of_annual', 'not used by the threshold method'),
    persistence: assumed({ k: 'all', n: 'all' }, 'persistent = dependent in every year of the window'),
    ...commonDefaults(),
  }),
};

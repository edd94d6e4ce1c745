import { assumed, commonDefaults, type Preset, type ReporterKind, verified } from './params.js';

/**
 * MERICS Trade Dependency Database (docs/methods.md §4.2): condition 1 only, imports at least twice exports.
 * Conditions 2 and 3 are not published in readable form [U] and are not implemented: results over-count.
 * Parameters (default — status):
 * - ratio ≥ 2 — verified ("twice as high"); operator ≥ — assumed;
 * - all partners for a country — verified (database of all countries); extra-EU flows for the EU27 bloc — assumed;
 * - level HS6 — verified (5,113 HS6 categories); year 2022 — assumed.
 */
export const merics: Preset = {
  id: 'merics',
  title: 'MERICS: imports at least twice exports (condition 1 of 3; 2–3 unpublished)',
  spec: 'docs/methods.md §4.2',
  defaults: (reporter: ReporterKind) => {
    const bloc = reporter === 'eu-bloc';
    const scope = bloc
      ? assumed('extra' as const, 'EU as one trader: extra-EU flows')
      : verified('all' as const, 'all partners');
    return {
      side: verified('imports', 'import dependency'),
      level: verified('HS6', 'HS6 categories'),
      years: assumed([2022], 'one year'),
      hhi_partners: bloc ? assumed('extraEU', 'shown only') : verified('all', 'shown only'),
      ratio_numerator: scope,
      ratio_denominator: scope,
      method: verified('thresholds', 'condition 1'),
      hhi: verified(null, 'not a MERICS condition'),
      hhi_high: verified(null, 'none'),
      extra_share: verified(null, 'not a MERICS condition'),
      ratio: assumed({ op: '>=', tau: 2 }, 'imports ≥ 2 × exports (operator assumed)'),
      world_export_hhi: verified(null, 'not used'),
      main_partner_extra: verified(false, 'not used'),
      top_share: verified(0.1, 'not used by the threshold method'),
      combine: verified('mean_of_annual', 'not used by the threshold method'),
      persistence: assumed({ k: 'all', n: 'all' }, 'with several years: dependent in all of them'),
      ...commonDefaults(),
    };
  },
};

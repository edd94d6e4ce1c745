import { assumed, commonDefaults, type Preset, type ReporterKind, verified, yearRange } from './params.js';

/**
 * CEPII GeoDep, Lefebvre & Wibaux (2024) (docs/methods.md §4.1), importer d, product p, year t:
 *   C1 HHI_import(d,p,t) > 0.4 over all exporters to d; C2 HHI_worldexports(p,t) > 0.4;
 *   C3 M(d,p,t) / X(d,p,t) > 1 (X = 0 → GeoDep's 9999; here +∞); dependent when C1–C3 hold in ≥ 2 of 3 years.
 * Parameters (default — status):
 * - thresholds 0.4, 0.4, 1 and their strict operators — verified (CEPII-GEODEP); 2 of 3 years — verified;
 * - window = the trailing three years {t−2, t−1, t} — assumed; default window 2020–2022 — assumed;
 * - for the EU27 bloc: HHI and M/X over extra-EU flows (the EU as one importer) — assumed.
 * C2 needs world exports: BACI (world coverage) for the same years.
 */
export const geodep: Preset = {
  id: 'geodep',
  title: 'CEPII GeoDep: import HHI, world-export HHI, imports/exports, 2 of 3 years',
  spec: 'docs/methods.md §4.1',
  defaults: (reporter: ReporterKind) => {
    const bloc = reporter === 'eu-bloc';
    const scope = bloc
      ? assumed('extra' as const, 'EU as one importer: extra-EU flows')
      : verified('all' as const, 'all partners');
    return {
      side: verified('imports', 'import dependency'),
      level: verified('HS6', 'BACI HS6'),
      years: assumed(yearRange(2020, 2022), 'window {t−2, t−1, t} ending in 2022'),
      hhi_partners: bloc
        ? assumed('extraEU', 'EU as one importer: extra-EU suppliers')
        : verified('all', 'all exporters to the importer'),
      ratio_numerator: scope,
      ratio_denominator: scope,
      method: verified('thresholds', 'three criteria'),
      hhi: verified({ op: '>', tau: 0.4 }, 'C1 import concentration'),
      hhi_high: verified(null, 'none'),
      extra_share: verified(null, 'not a GeoDep criterion'),
      ratio: verified({ op: '>', tau: 1 }, 'C3 imports / exports'),
      world_export_hhi: verified({ op: '>', tau: 0.4 }, 'C2 world export concentration'),
      main_partner_extra: verified(false, 'not used'),
      top_share: verified(0.1, 'not used by the threshold method'),
      combine: verified('mean_of_annual', 'not used by the threshold method'),
      persistence: verified({ k: 2, n: 3 }, 'at least two years in a three-year window'),
      ...commonDefaults(),
    };
  },
};

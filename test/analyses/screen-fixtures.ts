import type { Db } from '../../src/store/db.js';
import { writeDataset } from '../../src/store/registry.js';

/** One hand-made trade row: reporter imports (or exports) `value` of `product` from (to) `partner` in `year`. */
export interface TradeRow {
  reporter: string;
  partner: string;
  product: string;
  flow: 'import' | 'export';
  value: number;
  year?: number;
  quantityKg?: number | null;
  partnerIsCountry?: boolean;
  confidential?: boolean;
}

/**
 * Insert hand-built rows into `trade_flows` under one dataset, registered like an import, so that screens read them
 * exactly as they would read Comext or BACI.
 */
export async function insertTrade(
  db: Db,
  rows: readonly TradeRow[],
  options: {
    dataset?: string;
    source?: string;
    classification?: string;
    currency?: string;
    nomenclature?: string;
  } = {},
): Promise<string> {
  const dataset = options.dataset ?? 'test:trade';
  const source = options.source ?? 'comext';
  await db.transaction(async () => {
    for (const r of rows) {
      await db.run(
        `INSERT INTO trade_flows (dataset_id, source, year, period, reporter, partner, partner_code, partner_is_country,
           flow, classification, nomenclature, product, confidential, value, currency, quantity_kg)
         VALUES ($dataset, $source, $year, $period, $reporter, $partner, $partner, $is_country, $flow, $classification,
           $nomenclature, $product, $confidential, $value, $currency, $qty)`,
        {
          dataset,
          source,
          year: r.year ?? 2021,
          period: String(r.year ?? 2021),
          reporter: r.reporter,
          partner: r.partner,
          is_country: r.partnerIsCountry ?? !/^Q[P-Z]$/.test(r.partner),
          flow: r.flow,
          classification: options.classification ?? 'HS6',
          nomenclature: options.nomenclature ?? 'HS17',
          product: r.product,
          confidential: r.confidential ?? false,
          value: r.value,
          currency: options.currency ?? 'EUR',
          qty: r.quantityKg ?? null,
        },
      );
    }
    await writeDataset(db, {
      id: dataset,
      source,
      title: `hand-built ${source} rows`,
      kind: 'import',
      vintage: 'test',
      url: null,
      file: null,
      sha256: 'test',
      licence: null,
      rows: rows.length,
      trade_concept: 'community',
      tables: ['trade_flows'],
      params: null,
    });
  });
  return dataset;
}

/**
 * docs/methods.md §1.1 test vector for one reporter: extra-EU imports CN 60, US 30, other (BRA) 10; intra-EU imports
 * 40 (DEU); exports 80 (to FRA 50, USA 30).
 */
export function ec2021Vector(reporter = 'BEL', product = '280530', year = 2021, scale = 1): TradeRow[] {
  return [
    { reporter, partner: 'CHN', product, flow: 'import', value: 60 * scale, year },
    { reporter, partner: 'USA', product, flow: 'import', value: 30 * scale, year },
    { reporter, partner: 'BRA', product, flow: 'import', value: 10 * scale, year },
    { reporter, partner: 'DEU', product, flow: 'import', value: 40 * scale, year },
    { reporter, partner: 'FRA', product, flow: 'export', value: 50 * scale, year },
    { reporter, partner: 'USA', product, flow: 'export', value: 30 * scale, year },
  ];
}

/** Remove every trade row and trade dataset, so that one store serves many tests (creating a store takes seconds). */
export async function clearTrade(db: Db): Promise<void> {
  await db.run('DELETE FROM trade_flows');
  await db.run("DELETE FROM datasets WHERE kind = 'import'");
}

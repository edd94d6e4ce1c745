import { z } from 'zod';
import { UserError } from '../domain/errors.js';
import { type Column, type Result, result } from '../domain/result.js';
import {
  art23Benchmark,
  daysInYear,
  itreStock,
  type StockSize,
  stockForDays,
  stockValueEur,
} from '../methods/levers/stockpile.js';
import type { Db } from '../store/db.js';
import { provenance } from './provenance.js';
import {
  chooseTradeDataset,
  latestTradeYear,
  materialWithMembers,
  readEuMembers,
  readExports,
  readImportsByPartner,
  resolveMaterial,
} from './scenario-data.js';

/** Options of `radar stockpile` and GET /api/levers/stockpile; the .describe() texts are the docs. */
export const StockpileOptions = z.object({
  material: z.string().min(1).max(80).optional().describe('material id or name (data mode), e.g. gallium'),
  days: z.coerce.number().positive().max(3650).default(60).describe('days of average daily net imports to cover'),
  year: z.coerce
    .number()
    .int()
    .min(1988)
    .max(2100)
    .optional()
    .describe('calendar year of the net imports (Art. 23: the previous calendar year); default: latest with data'),
  reporter: z
    .string()
    .regex(/^(EU27|[A-Z]{3})$/)
    .default('EU27')
    .describe('EU27 (extra-EU trade) or the ISO3 of one member state (all partners)'),
  dataset: z.string().optional().describe('trade dataset id (default: comext, else baci, else comtrade)'),
  usdPerEur: z.coerce.number().positive().optional().describe('USD per EUR to convert USD datasets (e.g. BACI)'),
  priceEurPerKg: z.coerce.number().nonnegative().optional().describe('price to value the stock (default: unit value)'),
  netImportsT: z.coerce.number().optional().describe('manual mode: annual net imports in tonnes'),
  yearDays: z.coerce.number().positive().default(365).describe('manual mode: days in the year of the net imports'),
});
export type StockpileOptions = z.input<typeof StockpileOptions>;

const columns: Column[] = [
  { name: 'material', type: 'string' },
  { name: 'reporter', type: 'string', description: 'EU27 = extra-EU trade of the member states' },
  { name: 'year', type: 'integer', description: 'calendar year of the net imports' },
  { name: 'imports_t', type: 'number', unit: 't' },
  { name: 'exports_t', type: 'number', unit: 't' },
  { name: 'net_imports_t', type: 'number', unit: 't', description: 'imports − exports (≤ 0 → no stock needed)' },
  { name: 'daily_net_imports_t', type: 'number', unit: 't/day' },
  { name: 'days', type: 'number', unit: 'days' },
  { name: 'tonnes', type: 'number', unit: 't', description: 'benchmark stock: daily net imports × days' },
  { name: 'price_eur_per_kg', type: 'number', unit: 'EUR/kg' },
  { name: 'value_eur', type: 'number', unit: 'EUR', description: 'purchase value of the stock' },
  { name: 'value', type: 'number', description: 'the stock at the import unit value, in the dataset currency' },
  { name: 'currency', type: 'string' },
];

const spec = 'docs/methods.md §7.2 (CRMA Art. 23), §7.1 (ITRE)';

/**
 * CRMA Art. 23 benchmark stock for one material from the trade data in the store, or from figures given by hand.
 * @example await stockpileSizing(db, { netImportsT: 36500, days: 60, priceEurPerKg: 2 })
 * // one row: tonnes 6000, value_eur 12,000,000, days 60
 */
export async function stockpileSizing(db: Db | null, input: StockpileOptions): Promise<Result> {
  const o = StockpileOptions.parse(input);
  if (o.netImportsT !== undefined) return manualStockpile(o, input.days === undefined);
  if (!o.material) throw new UserError('give --material (data mode) or --net-imports-t (manual mode)');
  if (!db) throw new UserError('data mode needs the store');
  const material = await resolveMaterial(db, o.material);
  const materials = await materialWithMembers(db, material);
  const year = o.year ?? (await latestTradeYear(db, materials));
  if (year === null) {
    throw new UserError(
      `no trade flows in the store for the codes of ${material} (reference/cn-material-map.csv)`,
      'Import a trade source first (radar import baci|comext|comtrade …) or use manual mode with --net-imports-t.',
    );
  }
  const choice = await chooseTradeDataset(db, materials, year, o.dataset, { needQuantity: true });
  if (!choice) {
    throw new UserError(
      `no trade flows of ${material} in ${year}${o.dataset ? ` in dataset ${o.dataset}` : ''}`,
      'Check `radar datasets` and the --year option.',
    );
  }
  const warnings: string[] = [];
  const eu = o.reporter === 'EU27';
  const reporters = eu ? [...(await readEuMembers(db, year))] : [o.reporter];
  const imports = await readImportsByPartner(db, {
    datasetId: choice.datasetId,
    year,
    materials,
    reporters,
    extraOnly: eu,
  });
  const exports = await readExports(db, {
    datasetId: choice.datasetId,
    year,
    materials,
    reporters,
    extraOnly: eu,
    declared: choice.hasExports,
  });
  if (!choice.hasExports && choice.source !== 'baci') {
    warnings.push(`dataset ${choice.datasetId} has no export rows: exports are taken as 0, so net imports = imports`);
  }
  const importsValue = imports.reduce((s, i) => s + i.value, 0);
  const importsKg = imports.some((i) => i.quantityKg !== null)
    ? imports.reduce((s, i) => s + (i.quantityKg ?? 0), 0)
    : null;
  if (importsKg === null || exports.quantityKg === null) {
    throw new UserError(
      `dataset ${choice.datasetId} lacks quantities for ${material} in ${year}: the Art. 23 benchmark needs tonnes`,
      'Use a dataset with quantities (BACI, Comext with QUANTITY_KG) or manual mode with --net-imports-t.',
    );
  }
  const imputed = imports.reduce((s, i) => s + i.imputedValue, 0) + exports.imputedValue;
  if (imputed > 0.0005 * (importsValue + exports.value)) {
    warnings.push(
      `${((100 * imputed) / (importsValue + exports.value)).toFixed(1)}% of the trade value has no quantity; its tonnes are imputed at the unit value of the rows with one`,
    );
  }
  const netT = (importsKg - exports.quantityKg) / 1000;
  if (netT <= 0) warnings.push(`${o.reporter} is a net exporter of ${material} in ${year}: the benchmark is 0`);
  const size = art23Benchmark({ netImportsT: netT, year, days: o.days });
  const unitValue = importsKg > 0 ? importsValue / importsKg : null;
  const fx = toEur(choice.currency, o.usdPerEur);
  if (fx === null) {
    warnings.push(`values are in ${choice.currency}; pass usdPerEur (--usd-per-eur) to get EUR`);
  }
  const price = o.priceEurPerKg ?? (unitValue === null || fx === null ? null : unitValue * fx);
  const value = unitValue === null ? null : size.tonnes * 1000 * unitValue;
  warnings.push(
    'the number of days is not fixed by CRMA Art. 23 (it must be proportionate to SR and EI); 60 is the ITRE study assumption',
  );
  return result({
    columns,
    rows: [
      {
        material,
        reporter: o.reporter,
        year,
        imports_t: importsKg / 1000,
        exports_t: exports.quantityKg / 1000,
        net_imports_t: netT,
        daily_net_imports_t: size.dailyNetImportsT,
        days: size.days,
        tonnes: size.tonnes,
        price_eur_per_kg: price,
        value_eur: price === null ? null : stockValueEur(size.tonnes, price),
        value,
        currency: choice.currency,
      },
    ],
    provenance: await provenance(db, [choice.datasetId, 'ref:cn_material_map', 'ref:countries']),
    method: {
      id: 'levers.stockpile.art23',
      version: '1',
      spec,
      params: {
        days: { value: o.days, assumed: input.days === undefined, description: 'N of Art. 23(2)(a)' },
        year: { value: year, assumed: false, description: `days in year: ${daysInYear(year)}` },
        reporter: { value: o.reporter, assumed: false },
        dataset: { value: choice.datasetId, assumed: false, description: o.dataset ? undefined : 'chosen' },
        price: {
          value: o.priceEurPerKg ?? 'import unit value',
          assumed: o.priceEurPerKg === undefined,
          description: 'stock valued at base-year import unit value unless a price is given',
        },
        usd_per_eur: { value: o.usdPerEur ?? null, assumed: false },
        codes: {
          value: 'reference/cn-material-map.csv',
          assumed: false,
          description: `materials ${materials.join(', ')}`,
        },
      },
    },
    warnings,
  });
}

function manualStockpile(o: z.output<typeof StockpileOptions>, daysDefaulted: boolean): Result {
  const size: StockSize =
    o.year !== undefined
      ? art23Benchmark({ netImportsT: o.netImportsT ?? 0, year: o.year, days: o.days })
      : stockForDays(o.netImportsT ?? 0, o.days, o.yearDays);
  const price = o.priceEurPerKg ?? null;
  return result({
    columns,
    rows: [
      {
        material: o.material ?? null,
        reporter: null,
        year: o.year ?? null,
        imports_t: null,
        exports_t: null,
        net_imports_t: o.netImportsT ?? null,
        daily_net_imports_t: size.dailyNetImportsT,
        days: size.days,
        tonnes: size.tonnes,
        price_eur_per_kg: price,
        value_eur: price === null ? null : stockValueEur(size.tonnes, price),
        value: price === null ? null : stockValueEur(size.tonnes, price),
        currency: 'EUR',
      },
    ],
    provenance: [],
    method: {
      id: 'levers.stockpile.art23',
      version: '1',
      spec,
      params: {
        net_imports_t: { value: o.netImportsT, assumed: false, description: 'given by the user' },
        days: { value: o.days, assumed: daysDefaulted, description: 'N of Art. 23(2)(a)' },
        year_days: {
          value: o.year !== undefined ? daysInYear(o.year) : o.yearDays,
          assumed: o.year === undefined,
          description: o.year !== undefined ? `days of ${o.year}` : '365 unless --year or --year-days is given',
        },
        price_eur_per_kg: { value: price, assumed: false },
      },
    },
    warnings: price === null ? ['no price given: value_eur is empty (pass --price-eur-per-kg)'] : [],
  });
}

/** EUR per unit of the dataset currency, or null when it cannot be converted. */
function toEur(currency: string, usdPerEur: number | undefined): number | null {
  if (currency === 'EUR') return 1;
  if (currency === 'USD' && usdPerEur) return 1 / usdPerEur;
  return null;
}

export const ItreOptions = z.object({
  baskets: z
    .array(
      z.object({
        label: z.string().min(1),
        import_value: z.number().nonnegative(),
        import_mass_t: z.number().nonnegative().nullable().optional(),
      }),
    )
    .min(1),
  days: z.number().positive().default(60),
  year_days: z.number().positive().default(365),
  currency: z.string().default('EUR'),
});

/**
 * ITRE-style stock value: N days of base-year imports per basket (Rietveld et al. 2022 as reported by SERV).
 * @example itreStockValue({ baskets: [{ label: 'upper', import_value: 157e9, import_mass_t: 52.3e6 }] })
 * // value ≈ 25.8 bn, tonnes ≈ 8.6 Mt
 */
export function itreStockValue(input: z.input<typeof ItreOptions>): Result {
  const o = ItreOptions.parse(input);
  const out = itreStock(
    o.baskets.map((b) => ({ label: b.label, importValue: b.import_value, importMassT: b.import_mass_t ?? null })),
    { days: o.days, yearDays: o.year_days },
  );
  return result({
    columns: [
      { name: 'basket', type: 'string' },
      { name: 'value', type: 'number', unit: o.currency, description: 'purchase value of the stock' },
      { name: 'tonnes', type: 'number', unit: 't' },
      { name: 'days', type: 'number', unit: 'days' },
    ],
    rows: [
      ...out.lines.map((l) => ({ basket: l.label, value: l.value, tonnes: l.tonnes, days: o.days })),
      { basket: 'total', value: out.value, tonnes: out.tonnes, days: o.days },
    ],
    provenance: [],
    method: {
      id: 'levers.stockpile.itre',
      version: '1',
      spec: 'docs/methods.md §7.1',
      params: {
        days: { value: o.days, assumed: false, description: 'ITRE: 60 days of imports' },
        year_days: { value: o.year_days, assumed: true, description: '365; 360 reads 60 days as 1/6 of a year' },
      },
    },
  });
}

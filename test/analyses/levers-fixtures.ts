import { importerFor } from '../../src/sources/catalogue.js';
import { runImport } from '../../src/sources/run-import.js';
import type { Db } from '../../src/store/db.js';
import { writeDataset } from '../../src/store/registry.js';
import { realFile } from '../support/real-data.js';

/** Real-data inputs of the lever tests, or undefined (with a printed notice) when ../shared/data/real is absent. */
export const real = {
  crmDir: realFile('eu-crm-2023/fact_GlobalSupplyShares&t.csv')?.replace(/fact_GlobalSupplyShares&t\.csv$/, ''),
  wgi: realFile('wgi/WGIData.csv'),
  baci2024: realFile('baci-crm/BACI_HS17_V202601_2024_crm30_with_qty.csv'),
  comextCrm: realFile('comext-crm-eu27/eu_comext_critical_inputs_cn8_2022_2024.csv'),
  iotBel: realFile('io-tables/OECD_IOT_BEL2020ttl.csv'),
};

/** The EU CRM 2023 study tables and the WGI, through their importers (issue 3). */
export async function importCriticalityInputs(db: Db): Promise<void> {
  if (!real.crmDir || !real.wgi) throw new Error('real data absent');
  const files = [
    'fact_GlobalSupplyShares&t.csv',
    'fact_EUSupplyShares&t.csv',
    'dimension_CRMsOverTime.csv',
    'fact_MaterialUseShares.csv',
    'dimension_ScreenedMatGroupings.csv',
  ];
  await runImport(
    db,
    await importerFor('eu-crm-study'),
    files.map((f) => `${real.crmDir}${f}`),
  );
  await runImport(db, await importerFor('wgi'), [real.wgi]);
}

export async function importBaci2024(db: Db): Promise<string> {
  if (!real.baci2024) throw new Error('real data absent');
  return (await runImport(db, await importerFor('baci'), [real.baci2024])).dataset;
}

/**
 * The real Comext CN8 extract (EU27 imports of 66 CRM codes, 2022–2024, EUR, no quantities) into trade_flows with the
 * table's conventions (migration 100): reporter/partner ISO3 through the Eurostat geo codes of the reference tables.
 * The extract is not in a layout the comext importer reads (renamed columns, filtered rows), hence this loader.
 */
export async function loadComextCrm(db: Db): Promise<string> {
  if (!real.comextCrm) throw new Error('real data absent');
  const id = 'comext:crm-eu27-2022-2024';
  await db.transaction(async () => {
    await db.run(
      `INSERT INTO trade_flows BY NAME
       WITH geo AS (
         SELECT upper(eurostat_geo) AS code, iso3 FROM countries WHERE eurostat_geo IS NOT NULL
         UNION SELECT upper(alias), iso3 FROM country_aliases WHERE scheme = 'eurostat_geo' AND iso3 IS NOT NULL
         UNION SELECT 'GR', 'GRC')
       SELECT $id AS dataset_id, 'comext' AS source, CAST(PERIOD AS INTEGER) AS year, CAST(PERIOD AS VARCHAR) AS period,
              r.iso3 AS reporter, coalesce(p.iso3, PARTNER_ISO) AS partner, PARTNER_ISO AS partner_code,
              p.iso3 IS NOT NULL AS partner_is_country, 'import' AS flow, 'CN8' AS classification,
              CAST(PERIOD AS VARCHAR) AS nomenclature, lpad(CAST(PRODUCT_NC AS VARCHAR), 8, '0') AS product,
              false AS confidential, '1' AS stat_procedure, CAST(VALUE_IN_EUROS AS DOUBLE) AS value, 'EUR' AS currency,
              'CIF' AS valuation, NULL AS quantity_kg
       FROM read_csv($path, header = true, all_varchar = true, quote = '"') c
       JOIN (SELECT DISTINCT code, iso3 FROM geo) r ON r.code = upper(c.DECLARANT_ISO)
       LEFT JOIN (SELECT code, any_value(iso3) AS iso3 FROM geo GROUP BY code) p ON p.code = upper(c.PARTNER_ISO)`,
      { id, path: real.comextCrm as string },
    );
    const n = await db.one<{ n: number }>('SELECT count(*) AS n FROM trade_flows WHERE dataset_id = $1', [id]);
    await writeDataset(db, {
      id,
      source: 'comext',
      title: 'Eurostat Comext CN8 – EU27 imports of 66 CRM codes 2022–2024 (test extract)',
      kind: 'import',
      vintage: '2022-2024',
      url: 'https://ec.europa.eu/eurostat/comext',
      file: 'eu_comext_critical_inputs_cn8_2022_2024.csv',
      sha256: 'test',
      licence: 'CC BY 4.0 (Eurostat)',
      rows: n?.n ?? 0,
      trade_concept: 'community',
      tables: ['trade_flows'],
      params: null,
    });
  });
  return id;
}

export async function importIotBel(db: Db): Promise<string> {
  if (!real.iotBel) throw new Error('real data absent');
  return (await runImport(db, await importerFor('oecd-iot'), [real.iotBel])).dataset;
}

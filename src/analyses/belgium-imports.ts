import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import { readBeCrmImports, readBeCrmPartners, readFacts } from '../store/reference-table-queries.js';
import { provenance } from './provenance.js';

/**
 * What did Belgium import of each critical raw material in 2023, and from whom? The report's Table 24 (data from the
 * EC's RMIS) and the partners its text names, as published: Radar computes only the shares of the stated total.
 */

const totalKey = 'be_crm_imports_2023_total_stated';

async function statedTotal(db: Db): Promise<number | null> {
  return (await readFacts(db, totalKey)).find((f) => f.key === totalKey)?.value ?? null;
}

/**
 * SERV Table 24: Belgian CRM imports in 2023 (EUR million), largest first, each with its share of the stated total.
 * @example await beCrmImports(db) // rows: { material: 'pgm', import_value: 1133.59, share_of_total: 0.2603, … }, … (22 rows)
 */
export async function beCrmImports(db: Db): Promise<Result> {
  const [rows, total] = await Promise.all([readBeCrmImports(db), statedTotal(db)]);
  const sum = rows.reduce((s, r) => s + r.import_value, 0);
  const warnings =
    total !== null && Math.abs(sum - total) > 0.005
      ? [
          `the ${rows.length} table rows sum to ${sum.toFixed(2)} EUR million, ${(total - sum).toFixed(2)} below the ` +
            `total of ${total.toFixed(2)} the report states; shares are of the stated total`,
        ]
      : [];
  return result({
    columns: [
      { name: 'material', type: 'string' },
      { name: 'name', type: 'string' },
      { name: 'import_value', type: 'number', unit: 'EUR million', description: 'Belgian imports in 2023' },
      { name: 'share_of_total', type: 'number', unit: 'fraction', description: 'share of the stated CRM total' },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
    ],
    rows: rows.map((r) => ({
      material: r.material_id,
      name: r.name_en,
      name_nl: r.name_nl,
      name_fr: r.name_fr,
      import_value: r.import_value,
      share_of_total: total ? r.import_value / total : null,
      source: r.source,
      locator: r.locator,
    })),
    provenance: await provenance(db, ['ref:be_crm_imports_2023', 'ref:facts', 'ref:materials']),
    method: {
      id: 'reference.be-crm-imports',
      version: '1',
      params: {
        year: { value: 2023, assumed: false },
        stated_total: { value: total, assumed: false, description: 'EUR million, as stated in the report' },
      },
    },
    warnings,
  });
}

/**
 * The partners of Belgium's 2023 CRM imports that the report names, with their share and stated value.
 * @example await beCrmPartners(db) // rows: { partner: 'USA', share: 0.199, rank: 1, value_stated: 865, … }, …
 */
export async function beCrmPartners(db: Db): Promise<Result> {
  const [rows, total] = await Promise.all([readBeCrmPartners(db), statedTotal(db)]);
  const ranks = rows.map((r) => r.rank).filter((r): r is number => r !== null);
  const missing = ranks.length ? Math.max(...ranks) - ranks.length : 0;
  return result({
    columns: [
      { name: 'material', type: 'string', description: 'all-crm: all critical raw materials together' },
      { name: 'partner', type: 'string', description: 'ISO 3166-1 alpha-3' },
      { name: 'partner_name', type: 'string' },
      { name: 'rank', type: 'integer' },
      { name: 'share', type: 'number', unit: 'fraction', description: 'share of Belgian CRM imports' },
      { name: 'value_stated', type: 'number', unit: 'EUR million', description: 'value stated in the report' },
      {
        name: 'value_from_share',
        type: 'number',
        unit: 'EUR million',
        description: 'share × stated total (where the report states no value)',
      },
      { name: 'source', type: 'string' },
      { name: 'locator', type: 'string' },
    ],
    rows: rows.map((r) => ({
      material: r.material_id,
      partner: r.partner_iso3,
      partner_iso2: r.iso2,
      partner_name: r.name_en,
      partner_name_nl: r.name_nl,
      partner_name_fr: r.name_fr,
      rank: r.rank,
      share: r.share,
      value_stated: r.value_stated,
      value_from_share: total === null ? null : r.share * total,
      source: r.source,
      locator: r.locator,
    })),
    provenance: await provenance(db, ['ref:be_crm_import_partners_2023', 'ref:facts', 'ref:countries']),
    method: {
      id: 'reference.be-crm-import-partners',
      version: '1',
      params: { year: { value: 2023, assumed: false }, stated_total: { value: total, assumed: false } },
    },
    warnings:
      missing > 0
        ? [`the report names ${ranks.length} of the top ${Math.max(...ranks)} partners; the others are not stated`]
        : [],
  });
}

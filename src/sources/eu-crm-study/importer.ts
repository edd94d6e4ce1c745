import { UserError } from '../../domain/errors.js';
import type { Importer, LoadContext, LoadOutcome } from '../importer.js';
import { countryLookup, materialLookup, Unresolved } from './resolve-names.js';
import {
  dropDuplicates,
  type GroupingRow,
  headers,
  type ParseContext,
  parseGroupings,
  parseSrEi,
  parseSupplyShares,
  parseUseShares,
  type SrEiRow,
  type SupplyShareRow,
  tableKindOf,
  type UseShareRow,
} from './tables.js';
import { readCsv, readText } from './text-table.js';
import { type TableSpec, writeRows } from './write-rows.js';

/**
 * EU CRM 2023 study tables, as transcribed from the final report (Annex 4 SR/EI 2011–2023, Appendix 6 end-use
 * shares with NACE sector and value added, Appendix 7 global and EU-sourcing supply shares with the trade
 * parameter t, and the screened-material groupings). Each file is recognised by its header; any subset of the five
 * can be imported as one dataset. Files may be UTF-8 or Windows-1252 (the shares files are cp1252).
 */
export const importer: Importer = {
  id: 'eu-crm-study',
  title: 'EU CRM assessment 2023 (SR/EI, supply shares, end-use shares)',
  licence:
    'CC BY 4.0 (transcription, erikemilsson/EU-Critical-Raw-Materials-CRM-Reports-Datasets); EC report: reuse authorised with acknowledgement',
  url: 'https://single-market-economy.ec.europa.eu/publications/study-critical-raw-materials-eu-2023-final-report_en',
  accepts:
    'dimension_CRMsOverTime.csv, fact_GlobalSupplyShares&t.csv, fact_EUSupplyShares&t.csv, ' +
    'fact_MaterialUseShares.csv, dimension_ScreenedMatGroupings.csv',
  tables: ['eu_crm_sr_ei', 'eu_crm_supply_shares', 'eu_crm_use_shares', 'eu_crm_groupings'],
  load,
};

const srEiSpec: TableSpec<SrEiRow> = {
  table: 'eu_crm_sr_ei',
  columns: [
    ['dataset_id', 'varchar'],
    ['material_id', 'varchar'],
    ['material_name', 'varchar'],
    ['edition', 'integer'],
    ['sr', 'double'],
    ['ei', 'double'],
    ['source_line', 'integer'],
  ],
};

const supplySpec: TableSpec<SupplyShareRow> = {
  table: 'eu_crm_supply_shares',
  columns: [
    ['dataset_id', 'varchar'],
    ['material_id', 'varchar'],
    ['material_name', 'varchar'],
    ['stage', 'varchar'],
    ['scope', 'varchar'],
    ['country_iso3', 'varchar'],
    ['country_name', 'varchar'],
    ['share', 'double'],
    ['share_text', 'varchar'],
    ['share_bound', 'varchar'],
    ['t', 'double'],
    ['source_line', 'integer'],
  ],
};

const useSpec: TableSpec<UseShareRow> = {
  table: 'eu_crm_use_shares',
  columns: [
    ['dataset_id', 'varchar'],
    ['material_id', 'varchar'],
    ['material_name', 'varchar'],
    ['application', 'varchar'],
    ['share', 'double'],
    ['share_text', 'varchar'],
    ['share_bound', 'varchar'],
    ['nace_code', 'varchar'],
    ['nace_name', 'varchar'],
    ['va_million_eur', 'double'],
    ['source_line', 'integer'],
  ],
};

const groupingSpec: TableSpec<GroupingRow> = {
  table: 'eu_crm_groupings',
  columns: [
    ['dataset_id', 'varchar'],
    ['material_id', 'varchar'],
    ['material_name', 'varchar'],
    ['perm_noxree_nopgm', 'varchar'],
    ['perm_noxree_pgm', 'varchar'],
    ['perm_xree_nopgm', 'varchar'],
    ['perm_xree_pgm', 'varchar'],
    ['source_line', 'integer'],
  ],
};

/** Sum of a material's shares at one stage and scope above which the table is suspect (rounding gives ~1.02). */
const shareSumTolerance = 1.05;

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const parse: ParseContext = {
    datasetId: ctx.datasetId,
    materials: await materialLookup(ctx.db),
    countries: await countryLookup(ctx.db),
    unresolvedMaterials: new Unresolved(),
    unresolvedCountries: new Unresolved(),
    barePercents: [],
  };
  const srEi: SrEiRow[] = [];
  const supply: SupplyShareRow[] = [];
  const uses: UseShareRow[] = [];
  const groupings: GroupingRow[] = [];
  const encodings: Record<string, string> = {};
  const seenKinds = new Map<string, string>();

  for (const source of ctx.files) {
    const file = readText(source.path, source.name);
    encodings[file.name] = file.encoding;
    const [header, ...records] = readCsv(file);
    const kind = tableKindOf(header);
    if (!kind) {
      const found = header ? header.fields.join(',') : '(empty file)';
      throw new UserError(
        `${file.name}:${header?.line ?? 1}: not an EU CRM study table: header "${found}" matches none of ` +
          `${Object.values(headers)
            .map((h) => `"${h.join(',')}"`)
            .join(', ')}. Nothing was imported.`,
      );
    }
    const slot = kind === 'supply_shares' ? `${kind}:${/global/i.test(file.name) ? 'global' : 'eu'}` : kind;
    const earlier = seenKinds.get(slot);
    if (earlier) {
      throw new UserError(
        `${file.name}: holds the same table as ${earlier}; import one file per table. Nothing was imported.`,
      );
    }
    seenKinds.set(slot, file.name);
    const warn = ctx.warn;
    if (kind === 'sr_ei') {
      const rows = parseSrEi(file, records, parse);
      srEi.push(
        ...dropDuplicates(
          file.name,
          rows,
          (r) => `${r.material_name.toLowerCase()}|${r.edition}`,
          (r) => `SR ${r.sr ?? '-'}, EI ${r.ei ?? '-'}`,
          (r) => `${r.material_name} ${r.edition}`,
          warn,
        ),
      );
    } else if (kind === 'supply_shares') {
      const rows = parseSupplyShares(file, records, parse);
      supply.push(
        ...dropDuplicates(
          file.name,
          rows,
          (r) => `${r.material_name.toLowerCase()}|${r.stage}|${r.country_name.toLowerCase()}`,
          (r) => `share ${r.share_text}, t ${r.t}`,
          (r) => `${r.material_name} / ${r.stage} / ${r.country_name}`,
          warn,
        ),
      );
    } else if (kind === 'use_shares') {
      const rows = parseUseShares(file, records, parse);
      uses.push(
        ...dropDuplicates(
          file.name,
          rows,
          (r) => `${r.material_name.toLowerCase()}|${r.application.toLowerCase()}|${r.nace_code ?? ''}`,
          (r) => `share ${r.share_text}, VA ${r.va_million_eur ?? '-'}`,
          (r) => `${r.material_name} / ${r.application} / ${r.nace_code ?? 'no sector'}`,
          warn,
        ),
      );
      checkValueAdded(file.name, uses, warn);
    } else {
      const rows = parseGroupings(file, records, parse);
      groupings.push(
        ...dropDuplicates(
          file.name,
          rows,
          // A material can sit in two categories (gold and silver: precious and other non-ferrous metals).
          (r) => `${r.material_name.toLowerCase()}|${groupsOf(r)}`,
          groupsOf,
          (r) => r.material_name,
          warn,
        ),
      );
    }
    ctx.progress(srEi.length + supply.length + uses.length + groupings.length);
  }

  checkShareSums(supply, ctx.warn);
  if (parse.barePercents.length) {
    ctx.warn(`share(s) without "%" read as percent: ${parse.barePercents.join(', ')}`);
  }
  const materialWarning = parse.unresolvedMaterials.warning('material names', 'material_id');
  if (materialWarning) ctx.warn(materialWarning);
  const countryWarning = parse.unresolvedCountries.warning('country names', 'country_iso3');
  if (countryWarning) ctx.warn(countryWarning);

  const rows =
    (await writeRows(ctx.db, srEiSpec, srEi)) +
    (await writeRows(ctx.db, supplySpec, supply)) +
    (await writeRows(ctx.db, useSpec, uses)) +
    (await writeRows(ctx.db, groupingSpec, groupings));
  const editions = [...new Set(srEi.map((r) => r.edition))].sort();
  return {
    rows,
    vintage: editions.length ? String(editions[editions.length - 1]) : '2023',
    params: {
      encodings,
      editions,
      rows: { sr_ei: srEi.length, supply_shares: supply.length, use_shares: uses.length, groupings: groupings.length },
      unresolved: { materials: parse.unresolvedMaterials.rows, countries: parse.unresolvedCountries.rows },
    },
  };
}

const groupsOf = (r: GroupingRow) =>
  [r.perm_noxree_nopgm, r.perm_noxree_pgm, r.perm_xree_nopgm, r.perm_xree_pgm].join('/');

/** One NACE sector has one value added; the transcription has a few rows where sector and VA are misaligned. */
function checkValueAdded(file: string, rows: UseShareRow[], warn: (m: string) => void): void {
  const byCode = new Map<string, Map<number, number[]>>();
  for (const r of rows) {
    if (!r.nace_code || r.va_million_eur === null) continue;
    const values = byCode.get(r.nace_code) ?? new Map<number, number[]>();
    values.set(r.va_million_eur, [...(values.get(r.va_million_eur) ?? []), r.source_line]);
    byCode.set(r.nace_code, values);
  }
  const odd: string[] = [];
  for (const [code, values] of byCode) {
    if (values.size < 2) continue;
    const [common] = [...values.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    for (const [va, lines] of values) {
      if (va !== common) odd.push(`${code} has VA ${va} on line(s) ${lines.join(', ')} but ${common} elsewhere`);
    }
  }
  if (odd.length) {
    warn(`${file}: value added differs within a NACE sector (kept as written; check the source): ${odd.join('; ')}`);
  }
}

function checkShareSums(rows: SupplyShareRow[], warn: (m: string) => void): void {
  const sums = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.scope} ${r.material_name} ${r.stage}`;
    sums.set(key, (sums.get(key) ?? 0) + r.share);
  }
  const high = [...sums.entries()].filter(([, s]) => s > shareSumTolerance);
  if (high.length) {
    warn(
      `supply shares add up to more than ${shareSumTolerance * 100}% for ${high
        .map(([k, s]) => `${k} (${(s * 100).toFixed(1)}%)`)
        .join(', ')}`,
    );
  }
}

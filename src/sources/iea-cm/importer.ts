import ExcelJS from 'exceljs';
import { UserError } from '../../domain/errors.js';
import type { Db } from '../../store/db.js';
import type { Importer, LoadContext, LoadOutcome } from '../importer.js';
import { checkDemand, checkSupply } from './check.js';
import { normaliseLabel } from './labels.js';
import {
  type CellValue,
  type DemandValue,
  type Grid,
  parseDemandSheet,
  parseSupplySheet,
  tableKindOf,
} from './parse.js';

/**
 * IEA Critical Minerals Data Explorer (.xlsx; May 2024 edition: demand 2023 and 2030–2050 under STEPS, APS and
 * NZE; supply by country for mining and refining). Reads the workbook with exceljs, parses every demand and supply
 * sheet, checks that the published totals add up, and writes two long tables (migration 500).
 */
export const importer: Importer = {
  id: 'iea-cm',
  title: 'IEA Critical Minerals Data Explorer',
  licence: 'CC BY 4.0 (IEA, Critical Minerals Data Explorer, IEA, Paris)',
  url: 'https://www.iea.org/data-and-statistics/data-tools/critical-minerals-data-explorer',
  accepts: 'the Data Explorer workbook (.xlsx), e.g. CM_Data_Explorer_May2024.xlsx',
  tables: ['iea_cm_demand', 'iea_cm_supply'],
  load,
};

const requiredKinds = ['total-demand', 'clean-tech-by-technology', 'clean-tech-by-mineral'] as const;

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  if (ctx.files.length !== 1) {
    throw new UserError(`iea-cm imports one workbook at a time (got ${ctx.files.length} files)`);
  }
  const file = ctx.files[0];
  const grids = await readWorkbook(file.path, file.name);
  const sheetNames = grids.map((g) => g.sheet);
  const demandGrids = grids.filter((g) => tableKindOf(g.sheet));
  for (const kind of requiredKinds) {
    if (!demandGrids.some((g) => tableKindOf(g.sheet)?.kind === kind)) {
      throw new UserError(
        `${file.name}: no sheet of kind ${kind} (expected sheets named like "1 Total demand for key minerals", ` +
          `"3.1 Cleantech demand by tech", "3.2 Cleantech demand by mineral"; found: ${sheetNames.join(', ')}). ` +
          'Nothing was imported.',
      );
    }
  }
  const supplyGrid = grids.find((g) => /^2 total supply/.test(normaliseLabel(g.sheet)));
  if (!supplyGrid) {
    throw new UserError(
      `${file.name}: no sheet "2 Total supply for key minerals" (found: ${sheetNames.join(', ')}). Nothing was imported.`,
    );
  }

  const demand: DemandValue[] = [];
  for (const grid of demandGrids) {
    const parsed = parseDemandSheet(grid);
    demand.push(...parsed.values);
    parsed.warnings.forEach(ctx.warn);
  }
  const supply = parseSupplySheet(supplyGrid);
  supply.warnings.forEach(ctx.warn);

  const all = [...checkDemand(demand), ...checkSupply(supply.values)];
  for (const f of all.filter((x) => x.severity === 'warning')) ctx.warn(`[${f.sheet}]!${f.cell}: ${f.message}`);
  const findings = all.filter((x) => x.severity === 'error');
  if (findings.length) {
    const shown = findings.slice(0, 5).map((f) => `${file.name} [${f.sheet}]!${f.cell}: ${f.message}`);
    throw new UserError(
      `${shown.join('\n')}${findings.length > 5 ? `\n… and ${findings.length - 5} more` : ''}\n` +
        'The published totals do not add up as read: the sheet layout is not the one expected. Nothing was imported.',
    );
  }

  const iso3 = await countryResolver(ctx.db);
  const unresolved = new Set<string>();
  const total = demand.length + supply.values.length;
  let done = 0;

  const demandAppender = await ctx.db.connection.createAppender('iea_cm_demand');
  for (const v of demand) {
    demandAppender.appendVarchar(ctx.datasetId);
    for (const s of [v.sheet, v.cell, v.table_kind, v.case_name, v.mineral, v.mineral_label]) {
      demandAppender.appendVarchar(s);
    }
    if (v.material_id === null) demandAppender.appendNull();
    else demandAppender.appendVarchar(v.material_id);
    for (const s of [v.technology, v.technology_label, v.row_kind, v.scenario]) demandAppender.appendVarchar(s);
    demandAppender.appendInteger(v.year);
    demandAppender.appendDouble(v.value);
    demandAppender.appendVarchar(v.unit);
    demandAppender.endRow();
    if (++done % 1000 === 0) ctx.progress(done, total);
  }
  demandAppender.closeSync();

  const supplyAppender = await ctx.db.connection.createAppender('iea_cm_supply');
  for (const v of supply.values) {
    const country =
      v.row_kind === 'total' || /^rest of (the )?world$/i.test(v.country_label) ? null : iso3(v.country_label);
    if (country === undefined) unresolved.add(v.country_label);
    supplyAppender.appendVarchar(ctx.datasetId);
    for (const s of [v.sheet, v.cell, v.mineral, v.mineral_label]) supplyAppender.appendVarchar(s);
    if (v.material_id === null) supplyAppender.appendNull();
    else supplyAppender.appendVarchar(v.material_id);
    for (const s of [v.stage, v.stage_label, v.country_label]) supplyAppender.appendVarchar(s);
    if (country) supplyAppender.appendVarchar(country);
    else supplyAppender.appendNull();
    supplyAppender.appendVarchar(v.row_kind);
    supplyAppender.appendInteger(v.year);
    supplyAppender.appendDouble(v.value);
    supplyAppender.appendVarchar(v.unit);
    supplyAppender.endRow();
    if (++done % 1000 === 0) ctx.progress(done, total);
  }
  supplyAppender.closeSync();
  ctx.progress(total, total);
  if (unresolved.size) {
    ctx.warn(`supply countries without an ISO3 code (kept by name): ${[...unresolved].sort().join(', ')}`);
  }

  const vintage = editionYear(grids) ?? null;
  return {
    rows: total,
    vintage,
    params: {
      sheets: [...demandGrids.map((g) => g.sheet), supplyGrid.sheet],
      scenarios: ['STEPS', 'APS', 'NZE'],
      base_year: Math.min(...demand.filter((d) => d.scenario === 'historical').map((d) => d.year)),
      years: [...new Set(demand.map((d) => d.year))].sort(),
      unit: 'kt',
    },
  };
}

/** The workbook as grids of plain values (rich text joined, formulas by their cached result). */
export async function readWorkbook(path: string, name: string): Promise<Grid[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new UserError(
      `${name}: not a readable .xlsx workbook (${(error as Error).message})`,
      'Give the Data Explorer workbook as downloaded from the IEA (.xlsx). Nothing was imported.',
    );
  }
  return workbook.worksheets.map((ws) => {
    const rows: CellValue[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        cells[c - 1] = plain(cell.value);
      });
      rows[r - 1] = Array.from(cells, (v) => v ?? null);
    });
    return { file: name, sheet: ws.name, rows: Array.from(rows, (r) => r ?? []) };
  });
}

function plain(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('result' in value) return plain((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

/** "Please cite this as: IEA (2024), Critical Minerals Data Explorer" on the Notice sheet → "2024". */
function editionYear(grids: Grid[]): string | undefined {
  const notice = grids.find((g) => /notice/i.test(g.sheet));
  for (const row of notice?.rows ?? []) {
    for (const v of row) {
      const year = String(v ?? '').match(/IEA \((\d{4})\)/)?.[1];
      if (year) return year;
    }
  }
  return undefined;
}

/** Country name → ISO3 from the reference tables (countries, country_aliases); undefined = unknown. */
async function countryResolver(db: Db): Promise<(name: string) => string | undefined> {
  const rows = await db.all<{ name: string; iso3: string }>(
    `SELECT lower(name_en) AS name, iso3 FROM countries
     UNION ALL SELECT lower(alias), iso3 FROM country_aliases WHERE scheme = 'name' AND iso3 IS NOT NULL`,
  );
  const map = new Map(rows.map((r) => [r.name, r.iso3]));
  return (name) => map.get(normaliseLabel(name));
}

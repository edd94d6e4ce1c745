import { UserError } from '../../domain/errors.js';
import {
  mineralOf,
  normaliseLabel,
  type Scenario,
  scenarioLabels,
  slug,
  stageLabels,
  technologyLabels,
  technologyNames,
  technologySheets,
} from './labels.js';

/**
 * Parse the sheets of the IEA Critical Minerals Data Explorer workbook (presentation layout, not tidy tables) into
 * one record per published value. Pure: a sheet arrives as a grid of cell values, so tests can build layouts by hand.
 * Every error names the file, the sheet and the cell, and says what was expected.
 */

export type CellValue = string | number | null;

export interface Grid {
  file: string;
  sheet: string;
  /** rows[r - 1][c - 1] is the cell at row r, column c (1-based, as in Excel). */
  rows: CellValue[][];
}

export type TableKind = 'total-demand' | 'clean-tech-by-technology' | 'clean-tech-by-mineral' | 'technology-cases';

export interface DemandValue {
  sheet: string;
  cell: string;
  table_kind: TableKind;
  case_name: string;
  mineral: string;
  mineral_label: string;
  material_id: string | null;
  technology: string;
  technology_label: string;
  row_kind: 'part' | 'subtotal' | 'total';
  scenario: Scenario;
  year: number;
  value: number;
  unit: string;
}

export interface SupplyValue {
  sheet: string;
  cell: string;
  mineral: string;
  mineral_label: string;
  material_id: string | null;
  stage: 'mining' | 'refining';
  stage_label: string;
  country_label: string;
  row_kind: 'part' | 'total';
  year: number;
  value: number;
  unit: string;
}

export interface ParseOutcome<T> {
  values: T[];
  warnings: string[];
}

export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function locate(grid: Grid, row: number, column: number): string {
  return `${grid.file} [${grid.sheet}]!${columnLetter(column)}${row}`;
}

function text(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  const t = String(value).trim();
  return t === '' ? null : t;
}

function cellAt(grid: Grid, row: number, column: number): CellValue {
  return grid.rows[row - 1]?.[column - 1] ?? null;
}

const isYear = (v: CellValue): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1990 && v <= 2100;

/** The unit from the title row, e.g. "Demand for key energy transition minerals (kt)" → "kt". */
function readUnit(grid: Grid): string {
  for (let r = 1; r <= Math.min(grid.rows.length, 6); r++) {
    const title = text(cellAt(grid, r, 1));
    const unit = title?.match(/\((kt|t|Mt)\)\s*$/)?.[1];
    if (unit) return unit;
  }
  throw new UserError(
    `${locate(grid, 2, 1)}: expected a title ending in the unit, e.g. "Demand for key energy transition minerals (kt)"`,
    'Is this the IEA Critical Minerals Data Explorer workbook? Nothing was imported.',
  );
}

interface YearColumn {
  column: number;
  scenario: Scenario;
  year: number;
}

/** The scenario header row and the year row under it → which column holds which scenario and year. */
function readScenarioColumns(grid: Grid): { columns: YearColumn[]; firstDataRow: number } {
  let headerRow = 0;
  for (let r = 1; r <= Math.min(grid.rows.length, 12) && !headerRow; r++) {
    if ((grid.rows[r - 1] ?? []).some((v) => scenarioLabels[normaliseLabel(String(v ?? ''))])) headerRow = r;
  }
  if (!headerRow) {
    throw new UserError(
      `${locate(grid, 4, 4)}: expected the scenario header ("Stated Policies scenario", "Announced Pledges scenario", ` +
        '"Net Zero Emissions by 2050 scenario") in the first rows of the sheet. Nothing was imported.',
    );
  }
  const labels: { column: number; scenario: Exclude<Scenario, 'historical'> }[] = [];
  for (const [i, v] of (grid.rows[headerRow - 1] ?? []).entries()) {
    const t = text(v);
    if (!t) continue;
    const scenario = scenarioLabels[normaliseLabel(t)];
    if (!scenario) {
      throw new UserError(
        `${locate(grid, headerRow, i + 1)}: unknown scenario "${t}" (expected Stated Policies, Announced Pledges or ` +
          'Net Zero Emissions by 2050 scenario). Nothing was imported.',
      );
    }
    labels.push({ column: i + 1, scenario });
  }
  const yearRow = headerRow + 1;
  const columns: YearColumn[] = [];
  for (const [i, v] of (grid.rows[yearRow - 1] ?? []).entries()) {
    if (v === null || text(v) === null) continue;
    if (!isYear(v)) {
      throw new UserError(`${locate(grid, yearRow, i + 1)}: expected a year (e.g. 2030), found "${v}"`);
    }
    const owner = labels.filter((l) => l.column <= i + 1).at(-1);
    columns.push({ column: i + 1, scenario: owner ? owner.scenario : 'historical', year: v });
  }
  const found = new Set(columns.map((c) => c.scenario));
  for (const s of ['historical', 'STEPS', 'APS', 'NZE'] as const) {
    if (!found.has(s)) {
      throw new UserError(
        `${locate(grid, yearRow, 2)}: no ${s === 'historical' ? 'base-year column left of the scenarios' : `year columns under the ${s} scenario`}` +
          ' in the year row. Nothing was imported.',
      );
    }
  }
  return { columns, firstDataRow: yearRow + 1 };
}

interface BodyRow {
  row: number;
  label: string;
  /** Values by year column; null where the cell is empty. */
  values: { column: YearColumn; value: number }[];
}

/** Body rows with a label: header rows have no values. Stops at the notes. Rejects stray and non-numeric cells. */
function readBody(grid: Grid, columns: YearColumn[], firstDataRow: number): BodyRow[] {
  const yearColumns = new Set(columns.map((c) => c.column));
  const lastYearColumn = Math.max(...yearColumns);
  const out: BodyRow[] = [];
  for (let r = firstDataRow; r <= grid.rows.length; r++) {
    const label = text(cellAt(grid, r, 1));
    if (label && /^notes?\b/i.test(label)) break;
    const values: BodyRow['values'] = [];
    for (let c = 2; c <= lastYearColumn; c++) {
      const v = cellAt(grid, r, c);
      if (text(v) === null) continue;
      if (!yearColumns.has(c)) {
        if (typeof v === 'number') {
          throw new UserError(
            `${locate(grid, r, c)}: a number (${v}) in a column without a year header; the sheet layout is not the ` +
              'one expected. Nothing was imported.',
          );
        }
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new UserError(`${locate(grid, r, c)}: expected a number, found "${v}". Nothing was imported.`);
      }
      values.push({ column: columns.find((y) => y.column === c)!, value: v });
    }
    if (!label) {
      if (values.length) {
        throw new UserError(`${locate(grid, r, 1)}: values without a row label. Nothing was imported.`);
      }
      continue;
    }
    out.push({ row: r, label, values });
  }
  return out;
}

/** Which kind of table a sheet is, from its name ("1 Total demand…", "3.1 …", "4.3 EV"). */
export function tableKindOf(sheet: string): { kind: TableKind; technology?: string } | undefined {
  const name = normaliseLabel(sheet);
  if (/^1 total demand/.test(name)) return { kind: 'total-demand' };
  if (/^3\.1 /.test(name)) return { kind: 'clean-tech-by-technology' };
  if (/^3\.2 /.test(name)) return { kind: 'clean-tech-by-mineral' };
  const tech = name.match(/^4\.\d+ (.+)$/)?.[1];
  if (tech) return { kind: 'technology-cases', technology: technologySheets[tech] ?? slug(tech) };
  return undefined;
}

const isShareRow = (label: string) => /^share of /i.test(label);
const isTotalRow = (label: string) => /^total\b/i.test(label);

/** One demand sheet (1, 3.1, 3.2 or 4.x) → one record per published value. */
export function parseDemandSheet(grid: Grid): ParseOutcome<DemandValue> {
  const kind = tableKindOf(grid.sheet);
  if (!kind) throw new UserError(`${grid.file} [${grid.sheet}]: not a demand sheet of the IEA workbook`);
  const unit = readUnit(grid);
  const { columns, firstDataRow } = readScenarioColumns(grid);
  const body = readBody(grid, columns, firstDataRow);
  const warnings: string[] = [];
  const values: DemandValue[] = [];
  let block: string | null = null;

  const mineral = (label: string, row: number) => {
    const known = mineralOf(label);
    if (known) return known;
    const key = slug(label);
    warnings.push(`${locate(grid, row, 1)}: mineral "${label}" is new to Radar; imported as "${key}"`);
    return { key, materialId: null };
  };

  for (const b of body) {
    if (isShareRow(b.label)) continue;
    if (b.values.length === 0) {
      block = b.label;
      continue;
    }
    let record: Omit<DemandValue, 'cell' | 'scenario' | 'year' | 'value'>;
    const base = { sheet: grid.sheet, table_kind: kind.kind, unit };
    if (kind.kind === 'total-demand' || kind.kind === 'clean-tech-by-technology') {
      if (!block) {
        throw new UserError(`${locate(grid, b.row, 1)}: values before the first mineral header. Nothing was imported.`);
      }
      const m = mineral(block, b.row);
      const norm = normaliseLabel(b.label);
      const tech = technologyLabels[norm];
      let technology: string;
      let rowKind: DemandValue['row_kind'];
      if (tech) [technology, rowKind] = [tech, 'part'];
      else if (norm === 'other uses' && kind.kind === 'total-demand') [technology, rowKind] = ['other-uses', 'part'];
      else if (norm === 'total demand' && kind.kind === 'total-demand') [technology, rowKind] = ['total', 'total'];
      else if (isTotalRow(b.label))
        [technology, rowKind] = ['clean-tech', kind.kind === 'total-demand' ? 'subtotal' : 'total'];
      else {
        throw new UserError(
          `${locate(grid, b.row, 1)}: unknown technology row "${b.label}" (expected one of ` +
            `${Object.values(technologyNames).join(', ')}). Nothing was imported.`,
        );
      }
      record = {
        ...base,
        case_name: 'Base case',
        mineral: m.key,
        mineral_label: block,
        material_id: m.materialId,
        technology,
        technology_label: b.label,
        row_kind: rowKind,
      };
    } else if (kind.kind === 'clean-tech-by-mineral') {
      const norm = normaliseLabel(b.label);
      const m =
        norm === 'total'
          ? { key: 'all', materialId: null }
          : norm === 'total rare earth elements'
            ? { key: 'ree', materialId: null }
            : mineral(b.label, b.row);
      record = {
        ...base,
        case_name: 'Base case',
        mineral: m.key,
        mineral_label: b.label,
        material_id: m.materialId,
        technology: 'clean-tech',
        technology_label: 'Total clean technologies',
        row_kind: norm === 'total' ? 'total' : norm === 'total rare earth elements' ? 'subtotal' : 'part',
      };
    } else {
      if (!block) {
        throw new UserError(`${locate(grid, b.row, 1)}: values before the first case header. Nothing was imported.`);
      }
      const total = isTotalRow(b.label);
      const m = total ? { key: 'all', materialId: null } : mineral(b.label, b.row);
      record = {
        ...base,
        case_name: block,
        mineral: m.key,
        mineral_label: b.label,
        material_id: m.materialId,
        technology: kind.technology!,
        technology_label: technologyNames[kind.technology!] ?? grid.sheet.replace(/^4\.\d+\s*/, ''),
        row_kind: total ? 'total' : 'part',
      };
    }
    for (const v of b.values) {
      values.push({
        ...record,
        cell: `${columnLetter(v.column.column)}${b.row}`,
        scenario: v.column.scenario,
        year: v.column.year,
        value: v.value,
      });
    }
  }
  if (values.length === 0) {
    throw new UserError(`${grid.file} [${grid.sheet}]: no values found under the year row. Nothing was imported.`);
  }
  return { values, warnings };
}

/** Sheet 2: mining (left) and refining (right) supply by country, base case. */
export function parseSupplySheet(grid: Grid): ParseOutcome<SupplyValue> {
  const unit = readUnit(grid);
  let yearRow = 0;
  for (let r = 1; r <= Math.min(grid.rows.length, 12) && !yearRow; r++) {
    if ((grid.rows[r - 1] ?? []).filter(isYear).length >= 2) yearRow = r;
  }
  if (!yearRow) {
    throw new UserError(`${locate(grid, 4, 2)}: expected a row of years (2023, 2030, …). Nothing was imported.`);
  }
  // Column groups: runs of adjacent year columns; the label column is the one just left of each run.
  const groups: { labelColumn: number; years: { column: number; year: number }[] }[] = [];
  for (const [i, v] of (grid.rows[yearRow - 1] ?? []).entries()) {
    if (!isYear(v)) {
      if (text(v) !== null) throw new UserError(`${locate(grid, yearRow, i + 1)}: expected a year, found "${v}"`);
      continue;
    }
    const last = groups.at(-1);
    if (last && last.years.at(-1)!.column === i) last.years.push({ column: i + 1, year: v });
    else groups.push({ labelColumn: i, years: [{ column: i + 1, year: v }] });
  }
  if (groups.some((g) => g.labelColumn < 1)) {
    throw new UserError(`${locate(grid, yearRow, 1)}: a year column has no label column on its left`);
  }
  const values: SupplyValue[] = [];
  const warnings: string[] = [];
  for (const g of groups) {
    let block: {
      mineral: string;
      label: string;
      materialId: string | null;
      stage: 'mining' | 'refining';
      stageLabel: string;
    } | null = null;
    for (let r = yearRow + 1; r <= grid.rows.length; r++) {
      const first = text(cellAt(grid, r, 1));
      if (first && /^notes?\b/i.test(first)) break;
      const label = text(cellAt(grid, r, g.labelColumn));
      const nums: { column: number; year: number; value: number }[] = [];
      for (const y of g.years) {
        const v = cellAt(grid, r, y.column);
        if (text(v) === null) continue;
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          throw new UserError(`${locate(grid, r, y.column)}: expected a number, found "${v}". Nothing was imported.`);
        }
        nums.push({ ...y, value: v });
      }
      if (!label) {
        if (nums.length) throw new UserError(`${locate(grid, r, g.labelColumn)}: values without a row label`);
        continue;
      }
      if (nums.length === 0) {
        const m = label.match(/^(.+?)\s+-\s+(.+)$/);
        const stage = m ? stageLabels[normaliseLabel(m[2])] : undefined;
        if (!m || !stage) {
          throw new UserError(
            `${locate(grid, r, g.labelColumn)}: expected a block header "<mineral> - <stage>" with stage Mining, ` +
              `Refining, Chemicals or Battery grade, found "${label}". Nothing was imported.`,
          );
        }
        const known = mineralOf(m[1]);
        if (!known) warnings.push(`${locate(grid, r, g.labelColumn)}: mineral "${m[1]}" is new to Radar`);
        block = {
          mineral: known?.key ?? slug(m[1]),
          label: m[1],
          materialId: known?.materialId ?? null,
          stage,
          stageLabel: m[2],
        };
        continue;
      }
      if (/^top \d+ share$/i.test(label)) continue;
      if (!block) throw new UserError(`${locate(grid, r, g.labelColumn)}: values before the first block header`);
      for (const n of nums) {
        values.push({
          sheet: grid.sheet,
          cell: `${columnLetter(n.column)}${r}`,
          mineral: block.mineral,
          mineral_label: block.label,
          material_id: block.materialId,
          stage: block.stage,
          stage_label: block.stageLabel,
          country_label: label,
          row_kind: isTotalRow(label) ? 'total' : 'part',
          year: n.year,
          value: n.value,
          unit,
        });
      }
    }
  }
  if (values.length === 0) throw new UserError(`${grid.file} [${grid.sheet}]: no supply values found`);
  return { values, warnings };
}

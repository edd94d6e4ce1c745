import { join } from 'node:path';
import fc from 'fast-check';
import { UserError } from '../../../src/domain/errors.js';
import { countryLookup, materialLookup, Unresolved } from '../../../src/sources/eu-crm-study/resolve-names.js';
import {
  dropDuplicates,
  type ParseContext,
  parseGroupings,
  parseSrEi,
  parseSupplyShares,
  parseUseShares,
  tableKindOf as studyTableKindOf,
} from '../../../src/sources/eu-crm-study/tables.js';
import { Cells, cleanCell, decodeText, ensureHeader, readCsv } from '../../../src/sources/eu-crm-study/text-table.js';
import { checkDemand, checkSupply } from '../../../src/sources/iea-cm/check.js';
import { normaliseLabel } from '../../../src/sources/iea-cm/labels.js';
import { type Grid, parseDemandSheet, parseSupplySheet, tableKindOf } from '../../../src/sources/iea-cm/parse.js';
import { parseCell, readCsvLines } from '../../../src/sources/oecd-iot/io-table-writer.js';
import type { Db } from '../../../src/store/db.js';
import { type Cell, minimalSheets, type Sheets } from '../../fixtures/iea-cm/workbook.js';
import { caseFiles, type FileCase, fileCaseArb, type InputFile, nastyValues, type Seed } from './fuzz-files.js';
import { baciCases } from './fuzz-trade.js';

/**
 * The parse/validate layer of an importer, where it exposes one: the same code the importer runs on a file before
 * it writes anything, called without a store (or with lookups read once), so that thousands of cases take seconds.
 * `files` names the inputs of a case (for judging whether an error names them).
 */
export interface ParseLayer<C = unknown> {
  describe: string;
  arbitrary: fc.Arbitrary<C>;
  files(c: C): readonly { name: string }[];
  run(c: C): Promise<void>;
}

export async function parseLayerFor(
  source: string,
  db: Db,
  seeds: Seed[],
  scratch: string,
): Promise<ParseLayer | undefined> {
  const fileLayer = (
    describe: string,
    run: (files: InputFile[], c: FileCase) => Promise<void> | void,
  ): ParseLayer<FileCase> => ({
    describe,
    arbitrary: fileCaseArb(seeds.length),
    files: (c) => caseFiles(seeds, c),
    run: async (c) => run(caseFiles(seeds, c), c),
  });
  switch (source) {
    case 'eu-crm-study': {
      const ctx: ParseContext = {
        datasetId: 'fuzz:1',
        materials: await materialLookup(db),
        countries: await countryLookup(db),
        unresolvedMaterials: new Unresolved(),
        unresolvedCountries: new Unresolved(),
        barePercents: [],
      };
      return fileLayer('decode, CSV records, table kind, parse* and duplicate checks (tables.ts)', (files) => {
        for (const input of files) studyTables(decodeText(input.name, input.bytes), ctx);
      });
    }
    case 'wgi':
    case 'wmd':
    case 'usgs-mcs': {
      const shapes = seeds.map((seed) => seed.map((f) => tableShape(readCsv(decodeText(f.name, f.bytes)))));
      return fileLayer('decode, CSV records, header and cell numbers (eu-crm-study/text-table.ts)', (files, c) => {
        for (const [i, input] of files.entries()) textTable(input, shapes[c.seed][i]);
      });
    }
    case 'oecd-iot':
    case 'oecd-icio':
    case 'figaro':
      return fileLayer('CSV lines and cell numbers (oecd-iot/io-table-writer.ts)', async (files) => {
        for (const input of files) await ioCells(input, scratch);
      });
    case 'iea-cm':
      return ieaGridLayer();
    case 'baci':
    case 'comext':
    case 'comtrade':
      return baciCases(source, seeds, scratch);
    default:
      return undefined;
  }
}

function studyTables(file: ReturnType<typeof decodeText>, ctx: ParseContext): void {
  const [header, ...records] = readCsv(file);
  const kind = studyTableKindOf(header);
  if (!kind) throw new UserError(`${file.name}:${header?.line ?? 1}: not an EU CRM study table`);
  const keep = <R extends { source_line: number }>(rows: R[], key: (r: R) => string) =>
    dropDuplicates(file.name, rows, key, key, key, () => {});
  if (kind === 'sr_ei') keep(parseSrEi(file, records, ctx), (r) => `${r.material_name}|${r.edition}`);
  else if (kind === 'supply_shares')
    keep(parseSupplyShares(file, records, ctx), (r) => `${r.material_name}|${r.stage}|${r.country_name}`);
  else if (kind === 'use_shares')
    keep(parseUseShares(file, records, ctx), (r) => `${r.material_name}|${r.application}`);
  else keep(parseGroupings(file, records, ctx), (r) => r.material_name);
}

/** A seed table's header and which of its columns hold only numbers (or nothing) in every row. */
interface TableShape {
  header: string[];
  numeric: boolean[];
}

function tableShape(records: ReturnType<typeof readCsv>): TableShape {
  const header = records[0].fields.map(cleanCell).filter((h) => h !== '');
  const numeric = header.map((_, i) =>
    records.slice(1).every((r) => /^([-+]?(\d[\d,]*\.?\d*|\.\d+)([eE][-+]?\d+)?)?$/.test(cleanCell(r.fields[i] ?? ''))),
  );
  return { header, numeric };
}

/**
 * The text-table checks WGI, World Mining Data and USGS MCS make before their own: decoding, CSV records, the
 * header (as in the seed), and every cell of a column that holds only numbers in the seed read as a number.
 */
function textTable(input: InputFile, shape: TableShape): void {
  const file = decodeText(input.name, input.bytes);
  const [header, ...records] = readCsv(file);
  ensureHeader(file, header, shape.header);
  for (const record of records) {
    const cells = new Cells(file.name, record, shape.header);
    for (let i = 0; i < shape.header.length; i++) {
      if (shape.numeric[i]) cells.number(i, { optional: true, thousands: true });
      else cells.text(i);
    }
  }
}

/** Every cell right of the label column read as an IO value (the rule of the OECD and FIGARO importers). */
async function ioCells(input: InputFile, scratch: string): Promise<void> {
  const { writeFileSync } = await import('node:fs');
  const path = join(scratch, `io-${input.name}`);
  writeFileSync(path, input.bytes);
  const file = { path, name: input.name, sha256: '', bytes: input.bytes.length };
  let header: string[] | undefined;
  for await (const { line, cells } of readCsvLines(file)) {
    if (!header) {
      header = cells;
      continue;
    }
    const first = cells.findIndex((c, i) => i > 0 && /^[-+]?[\d.]/.test(c.trim()));
    for (let j = Math.max(1, first); j < cells.length; j++) {
      if (first < 0) break;
      parseCell(cells[j], input.name, line, header[j] ?? String(j));
    }
  }
  if (!header) throw new UserError(`${input.name}: the file is empty`);
}

/** Edits of the IEA workbook's sheets, as exceljs would read them back (cells, rows, sheet names). */
export type SheetEdit =
  | { kind: 'set'; sheet: number; row: number; col: number; value: Cell }
  | { kind: 'delete-row' | 'duplicate-row' | 'insert-row' | 'shift-row'; sheet: number; row: number }
  | { kind: 'rename'; sheet: number; name: string }
  | { kind: 'drop'; sheet: number };

const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const cellValue: fc.Arbitrary<Cell> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(...nastyValues),
  fc.double({ noNaN: false }),
  fc.integer({ min: -10, max: 3000 }),
  fc.string({ maxLength: 10 }),
);
export const sheetEditArb: fc.Arbitrary<SheetEdit> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record({ kind: fc.constant('set' as const), sheet: unit, row: unit, col: unit, value: cellValue }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom(
        'delete-row' as const,
        'duplicate-row' as const,
        'insert-row' as const,
        'shift-row' as const,
      ),
      sheet: unit,
      row: unit,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('rename' as const),
      sheet: unit,
      name: fc.oneof(
        fc.constantFrom('1 Total demand', '2 Total supply', '3.1 Cleantech', 'Notice', 'x'),
        fc.string({ minLength: 1, maxLength: 20 }),
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), sheet: unit }) },
);

export function editSheets(edits: SheetEdit[]): Sheets {
  let sheets = Object.entries(minimalSheets()).map(([name, rows]) => ({ name, rows: rows.map((r) => [...r]) }));
  const pick = (n: number, f: number) => Math.min(Math.max(n - 1, 0), Math.floor(f * n));
  for (const e of edits) {
    if (sheets.length === 0) break;
    const s = sheets[pick(sheets.length, e.sheet)];
    if (e.kind === 'drop') sheets = sheets.filter((x) => x !== s);
    else if (e.kind === 'rename') {
      // Excel sheet names: at most 31 characters, none of : \ / ? * [ ], unique.
      const name =
        e.name
          .replace(/[:\\/?*[\]]/g, '_')
          .slice(0, 31)
          .trim() || 'Sheet';
      if (!sheets.some((x) => x.name.toLowerCase() === name.toLowerCase())) s.name = name;
    } else if (s.rows.length > 0) {
      const r = pick(s.rows.length, e.row);
      if (e.kind === 'set') {
        const row = s.rows[r];
        row[pick(Math.max(row.length + 2, 12), e.col)] = e.value;
        for (let i = 0; i < row.length; i++) row[i] ??= null;
      } else if (e.kind === 'delete-row') s.rows.splice(r, 1);
      else if (e.kind === 'duplicate-row') s.rows.splice(r, 0, [...s.rows[r]]);
      else if (e.kind === 'insert-row') s.rows.splice(r, 0, []);
      else s.rows[r] = [null, ...s.rows[r]];
    }
  }
  return Object.fromEntries(sheets.map((s) => [s.name, s.rows]));
}

const workbookName = 'CM_Data_Explorer.xlsx';

/** The importer's steps after reading the workbook (iea-cm/importer.ts): sheet kinds, parsing, totals check. */
function ieaGridLayer(): ParseLayer<SheetEdit[]> {
  return {
    describe: 'sheet kinds, parseDemandSheet/parseSupplySheet and the totals check over the grids (iea-cm/parse.ts)',
    arbitrary: fc.array(sheetEditArb, { minLength: 1, maxLength: 4 }),
    files: () => [{ name: workbookName }],
    run: async (edits) => {
      const grids: Grid[] = Object.entries(editSheets(edits)).map(([sheet, rows]) => ({
        file: workbookName,
        sheet,
        rows: rows.map((r) =>
          Array.from(r, (v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : (v ?? null))),
        ),
      }));
      const demandGrids = grids.filter((g) => tableKindOf(g.sheet));
      for (const kind of ['total-demand', 'clean-tech-by-technology', 'clean-tech-by-mineral']) {
        if (!demandGrids.some((g) => tableKindOf(g.sheet)?.kind === kind))
          throw new UserError(`${workbookName}: no sheet of kind ${kind}`);
      }
      const supplyGrid = grids.find((g) => /^2 total supply/.test(normaliseLabel(g.sheet)));
      if (!supplyGrid) throw new UserError(`${workbookName}: no sheet "2 Total supply for key minerals"`);
      const demand = demandGrids.flatMap((g) => parseDemandSheet(g).values);
      const supply = parseSupplySheet(supplyGrid).values;
      const errors = [...checkDemand(demand), ...checkSupply(supply)].filter((f) => f.severity === 'error');
      if (errors.length)
        throw new UserError(`${workbookName} [${errors[0].sheet}]!${errors[0].cell}: ${errors[0].message}`);
    },
  };
}

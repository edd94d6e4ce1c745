import { basename, extname } from 'node:path';
import { UserError } from '../../domain/errors.js';
import type { Importer, LoadContext, LoadOutcome, SourceFile } from '../importer.js';
import {
  ensureSquareIndustries,
  ensureUniqueLabels,
  type IoLabel,
  ioTableNames,
  openCellWriter,
  parseCell,
  readCsvLines,
  writeTableMeta,
} from '../oecd-iot/io-table-writer.js';

/**
 * OECD Inter-Country Input-Output tables (ICIO), one wide CSV per year, USD million at basic prices
 * (docs/data-sources.md §8). Both label sets are accepted:
 * - 2018/2021 editions: rows `{REG}_{industry}`, `{REG}_TAXSUB`, `VALU`, `OUTPUT`; columns `{REG}_{industry}`,
 *   `{REG}_{HFCE|NPISH|GGFC|GFCF|INVNT|P33}`, `TOTAL` (the pymrio format mock ICIO2018_2010);
 * - 2023 edition: rows `{REG}_{industry}`, `TLS`, `VA`, `OUT`; columns add `{REG}_DPABR` and end with `OUT`.
 * The 2016 edition's reversed final-demand labels (`HFCE_AUS`) are read too. Split regions (MX1, MX2, CN1, CN2) are
 * kept as their own regions, as published; the region of every label is recorded in io_labels.
 */
export const importer: Importer = {
  id: 'oecd-icio',
  title: 'OECD Inter-Country Input-Output tables (ICIO)',
  licence: 'OECD terms and conditions (free reuse with attribution)',
  url: 'https://www.oecd.org/en/data/datasets/inter-country-input-output-tables.html',
  accepts: 'ICIO year files, e.g. ICIO2023_2019.csv or ICIO2018_2010.CSV',
  tables: ioTableNames,
  load,
};

const finalDemandCodes = new Set([
  'HFCE',
  'NPISH',
  'NPS',
  'GGFC',
  'GFCF',
  'INVNT',
  'INV',
  'P33',
  'DPABR',
  'NONRES',
  'DIRP',
  'FD',
  'DISC',
  'CONS_NONRES',
]);
const outputLabels = new Set(['OUT', 'OUTPUT', 'TOTAL']);
const valueAddedLabels = new Set(['VA', 'VALU']);
const regionPattern = /^[A-Z][A-Z0-9]{1,3}$/;

export function classifyIcioColumn(label: string): IoLabel | undefined {
  if (outputLabels.has(label)) return { label, kind: 'output' };
  const i = label.indexOf('_');
  if (i < 0) return undefined;
  const [a, b] = [label.slice(0, i), label.slice(i + 1)];
  if (finalDemandCodes.has(b) && regionPattern.test(a)) return { label, kind: 'final_demand', region: a, sector: b };
  if (finalDemandCodes.has(a) && regionPattern.test(b)) return { label, kind: 'final_demand', region: b, sector: a };
  if (regionPattern.test(a) && b) return { label, kind: 'industry', region: a, sector: b };
  return undefined;
}

export function classifyIcioRow(label: string): IoLabel | undefined {
  if (outputLabels.has(label)) return { label, kind: 'output' };
  if (valueAddedLabels.has(label)) return { label, kind: 'value_added' };
  if (label === 'TLS' || label === 'TAXSUB') return { label, kind: 'tax' };
  const i = label.indexOf('_');
  if (i < 0) return undefined;
  const [a, b] = [label.slice(0, i), label.slice(i + 1)];
  if (!regionPattern.test(a) || !b) return undefined;
  if (b === 'TAXSUB' || b === 'TLS') return { label, kind: 'tax', region: a };
  if (valueAddedLabels.has(b)) return { label, kind: 'value_added', region: a };
  return { label, kind: 'industry', region: a, sector: b };
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  let cells = 0;
  const tables: string[] = [];
  for (const file of ctx.files) {
    const tableId = basename(file.name, extname(file.name)).replace(/_mock$/i, '');
    if (tables.includes(tableId))
      throw new UserError(`${file.name}: two files for table ${tableId}. Nothing was imported.`);
    cells += await loadFile(ctx, file, tableId);
    tables.push(tableId);
  }
  return { rows: cells, vintage: tables.join('+'), params: { tables } };
}

async function loadFile(ctx: LoadContext, file: SourceFile, tableId: string): Promise<number> {
  const m = /ICIO(\d{4})_(\d{4})/i.exec(file.name);
  if (!m) ctx.warn(`${file.name}: no edition and year in the file name (expected e.g. ICIO2023_2019.csv)`);
  const writer = await openCellWriter(ctx.db, ctx.datasetId, tableId);
  let cols: IoLabel[] | undefined;
  const rows: IoLabel[] = [];
  try {
    for await (const { line, cells } of readCsvLines(file)) {
      if (!cols) {
        cols = readHeader(file.name, line, cells);
        continue;
      }
      if (cells.length !== cols.length + 1) {
        throw new UserError(
          `${file.name}:${line}: ${cells.length} fields, expected ${cols.length + 1} (a row label and one value per column). Nothing was imported.`,
        );
      }
      const label = cells[0].trim();
      const row = classifyIcioRow(label);
      if (!row) {
        throw new UserError(
          `${file.name}:${line}: unknown row label "${label}" (expected REG_industry such as AUS_D01T02, REG_TAXSUB or TLS, VALU or VA, OUTPUT or OUT). Nothing was imported.`,
        );
      }
      rows.push(row);
      for (let j = 0; j < cols.length; j++)
        writer.add(label, cols[j].label, parseCell(cells[j + 1], file.name, line, cols[j].label));
      ctx.progress(writer.count);
    }
  } finally {
    writer.close();
  }
  if (!cols) throw new UserError(`${file.name}: the file is empty. Nothing was imported.`);
  ensureUniqueLabels(
    file.name,
    2,
    rows.map((r) => r.label),
    'row',
  );
  ensureSquareIndustries(file.name, rows, cols);
  if (!rows.some((r) => r.kind === 'value_added')) {
    throw new UserError(
      `${file.name}: no value-added row (VALU or VA): the file looks truncated. Nothing was imported.`,
    );
  }
  const industries = cols.filter((c) => c.kind === 'industry');
  await writeTableMeta(
    ctx.db,
    ctx.datasetId,
    {
      tableId,
      source: 'oecd-icio',
      layout: 'multi-regional',
      country: null,
      year: m ? Number(m[2]) : null,
      edition: m ? m[1] : null,
      unit: 'USD million',
      valuation: 'basic prices',
      classification: `ISIC Rev.4 (OECD ICIO, ${new Set(industries.map((c) => c.sector)).size} industries)`,
      importSplit: true,
    },
    rows,
    cols,
  );
  return writer.count;
}

function readHeader(file: string, line: number, cells: string[]): IoLabel[] {
  const labels = cells.slice(1).map((c) => c.trim());
  ensureUniqueLabels(file, line, labels, 'column');
  return labels.map((label) => {
    const c = classifyIcioColumn(label);
    if (!c) {
      throw new UserError(
        `${file}:${line}: unknown column "${label}" (expected REG_industry, REG_HFCE/NPISH/GGFC/GFCF/INVNT/P33/DPABR, or TOTAL/OUT). Nothing was imported.`,
      );
    }
    return c;
  });
}

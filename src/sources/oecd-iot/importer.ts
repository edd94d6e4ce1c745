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
} from './io-table-writer.js';

/**
 * OECD harmonised national input–output tables (2021/2023 editions, ISIC Rev.4, industry by industry, USD million
 * at basic prices), one CSV per country, year and flow: `BEL2020ttl.csv` (total use), `…dom.csv` (domestic output),
 * `…imp.csv` (imports). Layout (../shared/data/real/io-tables/OECD_IOT_BEL2020ttl.csv): a blank first header cell,
 * industry columns `D01 … D97T98`, final-use columns `HFCE NPISH GGFC GFCF INVNT DPABR CONS_NONRES EXPO`, the
 * negative `IMPO` column; rows `TTL_xx` (or `DOM_xx` / `IMP_xx`) per product, `TXS_IMP_FNL`, `TXS_INT_FNL` (taxes
 * less subsidies on imported / domestic products), `TTL_INT_FNL` (intermediate consumption at purchasers' prices),
 * `VALU` (value added) and `OUTPUT`.
 * Files of the same country and year form one table; with dom and imp files the table has the domestic/imported use
 * split (`import_split`). Column balances (TTL_INT_FNL + VALU = OUTPUT) are checked and reported as warnings: the
 * published tables differ by up to 0.6 % in some service industries.
 */
export const importer: Importer = {
  id: 'oecd-iot',
  title: 'OECD national input–output tables',
  licence: 'OECD terms and conditions (free reuse with attribution)',
  url: 'https://www.oecd.org/en/data/datasets/input-output-tables.html',
  accepts: 'OECD IOT CSV files, e.g. BEL2020ttl.csv (+ BEL2020dom.csv, BEL2020imp.csv for the import split)',
  tables: ioTableNames,
  load,
};

const finalDemand = new Set([
  'HFCE',
  'NPISH',
  'GGFC',
  'GFCF',
  'INVNT',
  'DPABR',
  'CONS_NONRES',
  'CONS_ABR',
  'EXPO',
  'NONRES',
]);
const rowSpecials: Record<string, IoLabel['kind']> = {
  TXS_IMP_FNL: 'tax',
  TXS_INT_FNL: 'tax',
  TTL_INT_FNL: 'total',
  VALU: 'value_added',
  OUTPUT: 'output',
};
const origins = { TTL: 'total', DOM: 'domestic', IMP: 'imported' } as const;

export function classifyColumn(label: string): IoLabel | undefined {
  if (finalDemand.has(label)) return { label, kind: 'final_demand' };
  const industry = /^D(\w+)$/.exec(label);
  if (industry) return { label, kind: 'industry', sector: industry[1] };
  if (label === 'IMPO') return { label, kind: 'imports' };
  if (label === 'TOTAL' || label === 'OUTPUT') return { label, kind: 'output' };
  return undefined;
}

export function classifyRow(label: string): IoLabel | undefined {
  if (label in rowSpecials) return { label, kind: rowSpecials[label] };
  const product = /^(TTL|DOM|IMP)_(\w+)$/.exec(label);
  if (product)
    return { label, kind: 'industry', origin: origins[product[1] as keyof typeof origins], sector: product[2] };
  return undefined;
}

interface Group {
  tableId: string;
  country: string | null;
  year: number | null;
  files: SourceFile[];
}

function groupFiles(files: SourceFile[]): Group[] {
  const groups = new Map<string, Group>();
  for (const file of files) {
    const m = /([A-Z]{3})(\d{4})(ttl|dom|imp)?/i.exec(file.name);
    const tableId = m ? `${m[1].toUpperCase()}${m[2]}` : basename(file.name, extname(file.name));
    const group = groups.get(tableId) ?? {
      tableId,
      country: m ? m[1].toUpperCase() : null,
      year: m ? Number(m[2]) : null,
      files: [],
    };
    group.files.push(file);
    groups.set(tableId, group);
  }
  return [...groups.values()];
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  let cells = 0;
  const tables: string[] = [];
  for (const group of groupFiles(ctx.files)) {
    if (!group.country)
      ctx.warn(`${group.files[0].name}: no country and year in the file name (expected e.g. BEL2020ttl.csv)`);
    cells += await loadTable(ctx, group);
    tables.push(group.tableId);
  }
  return { rows: cells, vintage: tables.join('+'), params: { tables } };
}

async function loadTable(ctx: LoadContext, group: Group): Promise<number> {
  const writer = await openCellWriter(ctx.db, ctx.datasetId, group.tableId);
  const rowLabels = new Map<string, IoLabel>();
  let colLabels: IoLabel[] | undefined;
  const columnTotals = new Map<string, number>();
  try {
    for (const file of group.files) {
      let header: IoLabel[] | undefined;
      const seenRows: string[] = [];
      for await (const { line, cells } of readCsvLines(file)) {
        if (!header) {
          header = readHeader(file.name, line, cells);
          if (colLabels && colLabels.map((c) => c.label).join() !== header.map((c) => c.label).join()) {
            throw new UserError(
              `${file.name}:${line}: the columns differ from those of ${group.files[0].name}; files of one table must share their columns. Nothing was imported.`,
            );
          }
          colLabels ??= header;
          continue;
        }
        if (cells.length !== header.length + 1) {
          throw new UserError(
            `${file.name}:${line}: ${cells.length} fields, expected ${header.length + 1} (a row label and one value per column). Nothing was imported.`,
          );
        }
        const label = cells[0].trim();
        const row = classifyRow(label);
        if (!row) {
          throw new UserError(
            `${file.name}:${line}: unknown row label "${label}" (expected TTL_xx, DOM_xx or IMP_xx products, TXS_IMP_FNL, TXS_INT_FNL, TTL_INT_FNL, VALU or OUTPUT). Nothing was imported.`,
          );
        }
        seenRows.push(label);
        // dom and imp files repeat VALU, OUTPUT and the totals of the ttl file: keep the first copy.
        if (rowLabels.has(label)) continue;
        rowLabels.set(label, row);
        for (let j = 0; j < header.length; j++) {
          const value = parseCell(cells[j + 1], file.name, line, header[j].label);
          writer.add(label, header[j].label, value);
          if (
            header[j].kind === 'industry' &&
            (row.kind === 'total' || row.kind === 'value_added' || row.kind === 'output')
          ) {
            columnTotals.set(`${label}|${header[j].label}`, value);
          }
        }
        ctx.progress(writer.count);
      }
      if (!header)
        throw new UserError(
          `${file.name}: the file is empty (expected a header row with D01…, HFCE…). Nothing was imported.`,
        );
      ensureUniqueLabels(file.name, 1, seenRows, 'row');
      if (!seenRows.some((r) => classifyRow(r)?.kind === 'industry')) {
        throw new UserError(
          `${file.name}: no product rows (TTL_xx, DOM_xx or IMP_xx): the file looks truncated. Nothing was imported.`,
        );
      }
    }
  } finally {
    writer.close();
  }
  const rows = [...rowLabels.values()];
  const cols = colLabels ?? [];
  const primary = rows.filter((r) => r.kind === 'industry' && r.origin !== 'imported');
  const byOrigin = new Set(rows.filter((r) => r.kind === 'industry').map((r) => r.origin));
  ensureSquareIndustries(
    group.files.map((f) => f.name).join(', '),
    primary.filter((r) => r.origin === (byOrigin.has('total') ? 'total' : 'domestic')),
    cols,
  );
  for (const r of rows) r.region = group.country ?? undefined;
  for (const c of cols) if (c.kind === 'industry') c.region = group.country ?? undefined;
  checkColumnBalance(ctx, group.tableId, cols, columnTotals);
  await writeTableMeta(
    ctx.db,
    ctx.datasetId,
    {
      tableId: group.tableId,
      source: 'oecd-iot',
      layout: 'national',
      country: group.country,
      year: group.year,
      edition: null,
      unit: 'USD million',
      valuation: 'basic prices',
      classification: 'ISIC Rev.4 (OECD IOT industries)',
      importSplit: byOrigin.has('domestic') && byOrigin.has('imported'),
    },
    rows,
    cols,
  );
  return writer.count;
}

function readHeader(file: string, line: number, cells: string[]): IoLabel[] {
  const labels = cells.slice(1).map((c) => c.trim());
  ensureUniqueLabels(file, line, labels, 'column');
  const cols = labels.map((label) => {
    const c = classifyColumn(label);
    if (!c) {
      throw new UserError(
        `${file}:${line}: unknown column "${label}" (expected industries D01…D97T98 and HFCE, NPISH, GGFC, GFCF, INVNT, DPABR, CONS_NONRES, EXPO, IMPO). Nothing was imported.`,
      );
    }
    return c;
  });
  if (!cols.some((c) => c.kind === 'industry')) {
    throw new UserError(
      `${file}:${line}: no industry columns (D01, D02, …): this is not an OECD IOT file. Nothing was imported.`,
    );
  }
  return cols;
}

/** TTL_INT_FNL + VALU = OUTPUT per industry; differences above 0.1 % are reported (not fatal: see the header). */
function checkColumnBalance(ctx: LoadContext, tableId: string, cols: IoLabel[], totals: Map<string, number>): void {
  let worst: { label: string; share: number } | undefined;
  let count = 0;
  for (const c of cols.filter((col) => col.kind === 'industry')) {
    const out = totals.get(`OUTPUT|${c.label}`);
    const ic = totals.get(`TTL_INT_FNL|${c.label}`);
    const va = totals.get(`VALU|${c.label}`);
    if (out === undefined || ic === undefined || va === undefined || out === 0) continue;
    const share = Math.abs(ic + va - out) / out;
    if (share > 0.001) {
      count++;
      if (!worst || share > worst.share) worst = { label: c.label, share };
    }
  }
  if (worst) {
    ctx.warn(
      `${tableId}: intermediate consumption + value added differs from output by more than 0.1 % in ${count} industries (largest ${(worst.share * 100).toFixed(2)} % in ${worst.label}); output is taken from the OUTPUT row`,
    );
  }
}

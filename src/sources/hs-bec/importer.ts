import type { DuckDBValue } from '@duckdb/node-api';
import { UserError } from '../../domain/errors.js';
import { appendRows, cellError, padCode, readTable, type Table, type TableRow } from '../code-table-files.js';
import type { Importer, LoadContext, LoadOutcome, RemoteFile } from '../importer.js';
import { stageMappingNote, stageOfProcessing } from './stage.js';

/**
 * HS6 → BEC Rev.4, with the stage of processing, into `hs_bec`, and BEC Rev.4 labels into `bec_categories`
 * (migrations/124-hs-bec.ts; docs: ../shared/docs/data-sources.md §9). Layouts:
 * - UNSD HS→BEC tables as CSV: `HS 2022,BEC 4,Relationship` or `HS 2017,BEC,Relationship` (rows of empty cells
 *   at the end are skipped);
 * - UNSD "HS-SITC-BEC Correlations_2022.xlsx", sheet with columns HS92 … HS22, BEC4, BEC5, SITC1 … SITC4 (layout
 *   from a third-party description, not seen in a sample): the HS17 and HS22 links are read, their relation
 *   derived (n:n when an HS6 code has several BEC4 codes, else n:1);
 * - BEC Rev.4 labels, UN Comtrade style: pfCode,cmdCode,cmdDescE,parentCmdCode,aggrlevel,isLeaf (CSV or .xlsx).
 */
export const importer: Importer = {
  id: 'hs-bec',
  title: 'UNSD HS to BEC Rev.4 correlation, with stage of processing',
  licence: 'UN terms of use, with attribution (UNSD)',
  url: 'https://unstats.un.org/unsd/classifications/Econ',
  accepts:
    'HS2022_to_BEC4.csv / HS2017_to_BEC4.csv (HS,BEC,Relationship), HS-SITC-BEC Correlations_2022.xlsx, BEC4 labels',
  tables: ['hs_bec', 'bec_categories'],
  load,
  remote,
};

/** `radar fetch hs-bec`: UNSD's complete HS–SITC–BEC correlation workbook (2022). */
function remote(): RemoteFile[] {
  return [
    {
      url: 'https://unstats.un.org/unsd/classifications/Econ/tables/HS-SITC-BEC%20Correlations_2022.xlsx',
      file: 'HS-SITC-BEC Correlations_2022.xlsx',
    },
  ];
}

type Link = [edition: string, hs6: string, bec4: string, relation: string | null];
type Category = [bec4: string, description: string, parent: string | null, level: number];

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const links: Link[] = [];
  const categories: Category[] = [];
  let blank = 0;
  for (const file of ctx.files) {
    const tables = await readTable(file.path, file.name);
    let matched = false;
    for (const table of tables) {
      const header = table.rows[0]?.cells ?? [];
      if (/^HS\s*\d{4}$/i.test(header[0] ?? '') && /^BEC(\s*4)?$/i.test(header[1] ?? '')) {
        const read = readLinks(table);
        links.push(...read.links);
        blank += read.blank;
      } else if (header.includes('HS22') && header.includes('BEC4')) links.push(...readCorrelations(table));
      else if (header[0] === 'pfCode' && header[1] === 'cmdCode') categories.push(...readCategories(table));
      else continue;
      matched = true;
    }
    if (!matched) {
      throw new UserError(
        `${file.name}:1:1: header is "${tables[0]?.rows[0]?.cells.join(',') ?? ''}"; expected "HS 2022,BEC 4,` +
          'Relationship", "HS 2017,BEC,Relationship", the HS-SITC-BEC workbook (HS22 … BEC4 …) or BEC labels ' +
          '(pfCode,cmdCode,cmdDescE,…). Nothing was imported.',
      );
    }
  }
  const seen = new Set<string>();
  for (const l of links) {
    const key = l.slice(0, 3).join('|');
    if (seen.has(key))
      throw new UserError(`${l[0]} ${l[1]} → BEC ${l[2]} appears twice; expected once. Nothing was imported.`);
    seen.add(key);
  }
  if (blank > 0) ctx.warn(`${blank} rows with empty cells skipped`);
  await appendRows(
    ctx.db,
    'hs_bec',
    links.map(
      ([e, hs6, bec4, relation]) => [ctx.datasetId, e, hs6, bec4, relation, stageOfProcessing(bec4)] as DuckDBValue[],
    ),
  );
  await appendRows(
    ctx.db,
    'bec_categories',
    categories.map((c) => [ctx.datasetId, ...c] as DuckDBValue[]),
  );
  ctx.progress(links.length + categories.length);
  return {
    rows: links.length + categories.length,
    vintage: [...new Set(links.map((l) => l[0]))].join('+') || 'BEC4',
    params: { links: links.length, categories: categories.length, stage_of_processing: stageMappingNote },
  };
}

function editionOf(text: string): string {
  return `HS${/(\d{4})/.exec(text)![1].slice(2)}`;
}

function readLinks(table: Table): { links: Link[]; blank: number } {
  const edition = editionOf(table.rows[0].cells[0]);
  const links: Link[] = [];
  let blank = 0;
  for (const row of table.rows.slice(1)) {
    if (row.cells.every((c) => c === '')) {
      blank++;
      continue;
    }
    links.push(link(table, row, edition, 0, 1, row.cells[2]));
  }
  return { links, blank };
}

function link(table: Table, row: TableRow, edition: string, hsAt: number, becAt: number, relation?: string): Link {
  const hs6 = padCode(row.cells[hsAt] ?? '', 6);
  const bec4 = row.cells[becAt] ?? '';
  if (!/^\d{6}$/.test(hs6)) throw cellError(table, row, hsAt, edition, 'an HS6 code (6 digits)');
  if (!/^[1-7]\d{0,2}$/.test(bec4)) throw cellError(table, row, becAt, 'BEC', 'a BEC Rev.4 code such as 21 or 111');
  if (relation !== undefined && !['n:1', 'n:n', '1:1', '1:n'].includes(relation)) {
    throw cellError(table, row, 2, 'Relationship', 'n:1, n:n, 1:1 or 1:n');
  }
  return [edition, hs6, bec4, relation ?? null];
}

/** The HS-SITC-BEC workbook: distinct HS17/HS22 × BEC4 pairs; relation from the number of BEC4 codes per HS6. */
function readCorrelations(table: Table): Link[] {
  const header = table.rows[0].cells;
  const bec = header.indexOf('BEC4');
  const pairs = new Map<string, Link>();
  for (const column of ['HS17', 'HS22']) {
    const at = header.indexOf(column);
    if (at < 0) continue;
    const edition = column;
    for (const row of table.rows.slice(1)) {
      if (!row.cells[at] || !row.cells[bec]) continue; // a code with no counterpart in this edition
      const l = link(table, row, edition, at, bec);
      pairs.set(l.slice(0, 3).join('|'), l);
    }
  }
  const links = [...pairs.values()];
  const count = new Map<string, number>();
  for (const [e, hs6] of links) count.set(`${e}|${hs6}`, (count.get(`${e}|${hs6}`) ?? 0) + 1);
  return links.map(([e, hs6, bec4]) => [e, hs6, bec4, (count.get(`${e}|${hs6}`) ?? 0) > 1 ? 'n:n' : 'n:1']);
}

function readCategories(table: Table): Category[] {
  const header = table.rows[0].cells;
  const at = (name: string) => header.indexOf(name);
  for (const name of ['cmdCode', 'cmdDescE', 'parentCmdCode', 'aggrlevel']) {
    if (at(name) < 0) throw cellError(table, table.rows[0], header.length, 'the header', `a column ${name}`);
  }
  return table.rows
    .slice(1)
    .filter((row) => /^\d+$/.test(row.cells[at('cmdCode')] ?? '')) // TOTAL is the list's root, not a category
    .map((row) => {
      const level = Number(row.cells[at('aggrlevel')]);
      if (![1, 2, 3].includes(level)) throw cellError(table, row, at('aggrlevel'), 'aggrlevel', '1, 2 or 3');
      const parent = row.cells[at('parentCmdCode')];
      return [row.cells[at('cmdCode')], row.cells[at('cmdDescE')], parent && parent !== 'TOTAL' ? parent : null, level];
    });
}

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { createApp } from '../../src/server/app.js';
import { json } from '../support/json.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await tempStore();
  app = createApp(store.db);
});
after(() => store.cleanup());

const xlsx = (resource: string) => app.request(`/api/export/xlsx?resource=${encodeURIComponent(resource)}`);

async function workbook(res: Response): Promise<ExcelJS.Workbook> {
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /spreadsheetml/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.arrayBuffer());
  return book;
}

test('an API Result exports as a workbook: typed rows, then sources with method, parameters and datasets', async () => {
  const res = await xlsx('/api/materials?list=eu-crm&edition=2023&format=csv');
  assert.match(res.headers.get('content-disposition') ?? '', /radar-reference\.list-members\.xlsx/);
  const book = await workbook(res);
  const data = book.getWorksheet('data')!;
  assert.equal(data.rowCount, 35);
  const header = (data.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header.slice(0, 6), ['material', 'name', 'kind', 'grade', 'sr (index)', 'ei (index)']);
  const gallium = data.getRows(2, 34)!.find((r) => r.getCell(1).value === 'gallium')!;
  assert.equal(gallium.getCell(5).value, 3.9); // a number cell, not text
  const sources = book.getWorksheet('sources')!;
  const text = sources.getSheetValues().flat().join(' ');
  assert.match(text, /method reference\.list-members v1/);
  assert.match(text, /ref:list_membership/);
  assert.match(text, /edition 2023 +verified/);
});

test('nested Results (a material’s listings and technologies) become sheets of their own; warnings are kept', async () => {
  const book = await workbook(await xlsx('/api/materials/gallium'));
  assert.deepEqual(
    book.worksheets.map((w) => w.name),
    ['data', 'listings', 'technologies', 'sources'],
  );
  assert.equal(book.getWorksheet('data')!.rowCount, 6);
  const imports = await workbook(await xlsx('/api/belgium/crm-imports'));
  assert.match(imports.getWorksheet('sources')!.getSheetValues().flat().join(' '), /warning .*7\.42 below/);
});

test('the export passes the resource’s own error through, and refuses what is not an API Result', async () => {
  const unknown = await xlsx('/api/materials/unobtainium');
  assert.equal(unknown.status, 404);
  assert.match((await json(unknown)).error, /unknown material/);
  const outside = await xlsx('/health');
  assert.equal(outside.status, 400);
  assert.match((await json(outside)).error, /must be an API path/);
  const recursive = await xlsx('/api/export/xlsx?resource=/api/lists');
  assert.equal(recursive.status, 400);
  assert.equal((await app.request('/api/export/xlsx')).status, 400);
});

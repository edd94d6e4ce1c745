import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import ExcelJS from 'exceljs';
import { UsageError } from '../../domain/errors.js';
import type { Column, Result } from '../../domain/result.js';
import { errorResponses } from '../result-schema.js';

/**
 * XLSX export of any Result the API serves: `/api/export/xlsx?resource=/api/materials%3Flist%3Deu-crm`.
 * The resource is answered by the app itself (same validation, same errors), so every analysis route is exportable
 * the day it is registered. The workbook holds the rows with typed cells, one sheet per nested Result (e.g. a
 * material's listings), and a "sources" sheet with provenance, method, parameters (assumed or not) and warnings.
 */
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerExportRoutes(app: OpenAPIHono): void {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/export/xlsx',
      summary: 'Any API Result as an Excel workbook (rows, nested tables, sources and parameters)',
      request: {
        query: z.object({
          resource: z
            .string()
            .max(2000)
            .regex(/^\/api\//, 'must be an API path starting with /api/')
            .openapi({ description: 'the API path and query of a Result, URL-encoded', example: '/api/lists' }),
        }),
      },
      responses: {
        200: { content: { [xlsxType]: { schema: z.string().openapi({ format: 'binary' }) } }, description: 'XLSX' },
        ...errorResponses,
      },
    }),
    async (c) => {
      const url = new URL(c.req.valid('query').resource, 'http://radar.invalid');
      if (url.pathname.startsWith('/api/export'))
        throw new UsageError(`invalid resource: "${url.pathname}" is an export itself`);
      url.searchParams.delete('format');
      const inner = await app.request(`${url.pathname}${url.search}`, { headers: { accept: 'application/json' } });
      if (!inner.ok) return inner as never;
      const body = (await inner.json()) as unknown;
      if (!isResult(body))
        throw new UsageError(`invalid resource: ${url.pathname} does not answer a Result (rows with columns)`);
      const bytes = await workbookOf(body, `${url.pathname}${url.search}`);
      const name = `radar-${body.method.id.replace(/[^a-z0-9.-]+/gi, '-')}.xlsx`;
      return c.body(new Uint8Array(bytes), 200, {
        'content-type': xlsxType,
        'content-disposition': `attachment; filename="${name}"`,
      }) as never;
    },
  );
}

function isResult(value: unknown): value is Result {
  const v = value as Partial<Result> | null;
  return !!v && Array.isArray(v.columns) && Array.isArray(v.rows) && Array.isArray(v.provenance) && !!v.method;
}

async function workbookOf(main: Result, resource: string): Promise<ArrayBuffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Radar';
  addRowsSheet(book, 'data', main);
  const nested = Object.entries(main).filter(([, v]) => isResult(v)) as [string, Result][];
  for (const [key, part] of nested) addRowsSheet(book, key.slice(0, 31), part);
  addSourcesSheet(book, resource, [['data', main], ...nested]);
  return book.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}

function addRowsSheet(book: ExcelJS.Workbook, name: string, r: Result): void {
  const sheet = book.addWorksheet(name);
  sheet.columns = r.columns.map((col) => ({ header: headerOf(col), key: col.name, width: widthOf(col) }));
  for (const row of r.rows) sheet.addRow(Object.fromEntries(r.columns.map((col) => [col.name, cellOf(row[col.name])])));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

const headerOf = (col: Column) => (col.unit ? `${col.name} (${col.unit})` : col.name);
const widthOf = (col: Column) => (col.type === 'string' ? 28 : Math.max(12, headerOf(col).length + 2));

function cellOf(value: unknown): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

function addSourcesSheet(book: ExcelJS.Workbook, resource: string, parts: [string, Result][]): void {
  const sheet = book.addWorksheet('sources');
  sheet.columns = [{ width: 22 }, { width: 40 }, { width: 60 }, { width: 14 }, { width: 30 }, { width: 20 }];
  const heading = (text: string) => {
    sheet.addRow([]);
    sheet.addRow([text]).font = { bold: true };
  };
  sheet.addRow(['Radar export', resource]).font = { bold: true };
  for (const [name, r] of parts) {
    heading(`${name}: method ${r.method.id} v${r.method.version}${r.method.spec ? ` (${r.method.spec})` : ''}`);
    sheet.addRow(['parameter', 'value', 'description', 'assumed']).font = { italic: true };
    for (const [key, p] of Object.entries(r.method.params))
      sheet.addRow([key, cellOf(p.value), p.description ?? '', p.assumed ? 'assumed' : 'verified']);
    sheet.addRow(['dataset', 'source', 'url', 'vintage', 'licence', 'sha256']).font = { italic: true };
    for (const p of r.provenance) sheet.addRow([p.dataset, p.source, p.url, p.vintage, p.licence, p.sha256]);
    for (const w of r.warnings) sheet.addRow(['warning', w]);
  }
}

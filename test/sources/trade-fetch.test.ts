import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { fetchSource } from '../../src/cli/commands/fetch.js';
import { importerFor } from '../../src/sources/catalogue.js';
import { mirrored } from '../../src/sources/fetch.js';
import { openStore } from '../../src/store/open.js';
import { captureContext, tempDir } from '../support/store.js';
import { fixture, makeArchive } from './trade-helpers.js';

/**
 * `radar fetch` for the trade and code-table sources, against a local HTTP server that answers the real public URLs
 * (through the mirror mapping of src/sources/fetch.ts) with fixture files. No test touches the internet.
 */
const tmp = tempDir();
const served = new Map<string, Buffer>();
const requests: string[] = [];
let server: Server;
let mirror: string;
const previousDataDir = process.env.RADAR_DATA_DIR;

async function serve(source: string, years: number[], body: (file: string) => Buffer | Promise<Buffer>) {
  for (const remote of (await importerFor(source)).remote!({ years })) {
    served.set(
      new URL(mirrored(remote.url, 'http://m')).pathname + new URL(mirrored(remote.url, 'http://m')).search,
      await body(remote.file),
    );
  }
}

before(async () => {
  process.env.RADAR_DATA_DIR = join(tmp.dir, 'data');
  const staging = join(tmp.dir, 'staging');
  mkdirSync(staging, { recursive: true });
  await serve('comext', [2023], () =>
    readFileSync(
      makeArchive(
        join(staging, 'full_v2_202352.7z'),
        [['full_202352.dat', fixture('comext', 'full_202352.dat')]],
        staging,
      ),
    ),
  );
  await serve('baci', [], () =>
    readFileSync(
      makeArchive(
        join(staging, 'BACI.zip'),
        [
          ['BACI_HS17_Y2021_V202501.csv', fixture('baci', 'BACI_HS17_Y2021_V202501.csv')],
          ['country_codes_V202501.csv', fixture('baci', 'country_codes_V202501-small.csv')],
        ],
        staging,
      ),
    ),
  );
  const h5 = readFileSync(fixture('hs', 'H5.json'), 'utf8');
  await serve('hs', [], (file) => Buffer.from(file === 'H5.json' ? h5 : h5.replace('"H5"', '"H6"')));
  await serve('hs-conversion', [], async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('HS2022-HS2017 Conversions').addRows([
      ['From HS2022', 'To HS2017'],
      ['811231', '811292'],
    ]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  });
  await serve('hs-bec', [], async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('HS SITC BEC').addRows([
      ['HS92', 'HS96', 'HS02', 'HS07', 'HS12', 'HS17', 'HS22', 'BEC4', 'BEC5', 'SITC1', 'SITC2', 'SITC3', 'SITC4'],
      ['260500', '260500', '260500', '260500', '260500', '260500', '260500', '21', '111', '', '', '', ''],
    ]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  });
  server = createServer((req, res) => {
    requests.push(`${req.url} ${req.headers.range ?? ''}`);
    const body = served.get(req.url ?? '');
    if (!body) return res.writeHead(404).end();
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? '');
    const start = m ? Number(m[1]) : 0;
    res.writeHead(m ? 206 : 200, { 'content-length': body.length - start });
    res.end(body.subarray(start));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
  if (previousDataDir === undefined) delete process.env.RADAR_DATA_DIR;
  else process.env.RADAR_DATA_DIR = previousDataDir;
  tmp.cleanup();
});

const storePath = () => join(tmp.dir, 'radar.duckdb');

async function fetchJson(source: string, year?: string[]) {
  const ctx = captureContext(storePath());
  await fetchSource(ctx, source, { year, mirror, json: true });
  return JSON.parse(ctx.out());
}

async function tableCount(table: string): Promise<number> {
  const db = await openStore({ path: storePath(), readOnly: true });
  try {
    return Number((await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n);
  } finally {
    db.close();
  }
}

test('fetch comext --year 2023 downloads full_v2_202352.7z from the files API URL and imports it', async () => {
  const report = await fetchJson('comext', ['2023']);
  assert.equal(report.status, 'imported');
  assert.equal(report.rows, 10);
  assert.equal(report.vintage, '2023');
  assert.ok(
    requests.some((r) =>
      r.startsWith(
        '/ec.europa.eu/eurostat/api/dissemination/files?file=comext%2FCOMEXT_DATA%2FPRODUCTS%2Ffull_v2_202352.7z',
      ),
    ),
  );
});

test('a second fetch uses the cache (no request) and imports nothing new', async () => {
  requests.length = 0;
  const report = await fetchJson('comext', ['2023']);
  assert.equal(report.status, 'unchanged');
  assert.equal(requests.length, 0);
});

test('an interrupted download resumes with a Range request', async () => {
  const cache = join(process.env.RADAR_DATA_DIR!, 'cache', 'baci');
  mkdirSync(cache, { recursive: true });
  const [remote] = (await importerFor('baci')).remote!({});
  const body = served.get(new URL(mirrored(remote.url, 'http://m')).pathname)!;
  writeFileSync(join(cache, `${remote.file}.part`), body.subarray(0, 200));
  requests.length = 0;
  const report = await fetchJson('baci');
  assert.equal(report.rows, 6);
  assert.match(requests[0], /^\/www\.cepii\.fr\/DATA_DOWNLOAD\/baci\/data\/BACI_HS17_V202601\.zip bytes=200-$/);
});

test('fetch hs, hs-conversion and hs-bec import the files served at the UN URLs', async () => {
  assert.equal((await fetchJson('hs')).rows, 14); // 7 codes in each of H5 and H6
  assert.equal((await fetchJson('hs-conversion')).rows, 1);
  assert.equal((await fetchJson('hs-bec')).rows, 2); // 260500 → 21 in HS17 and HS22
  assert.equal(await tableCount('hs_codes'), 14);
  assert.equal(await tableCount('hs_bec'), 2);
  assert.ok(
    requests.some((r) =>
      r.startsWith('/unstats.un.org/unsd/classifications/Econ/tables/HS-SITC-BEC%20Correlations_2022.xlsx'),
    ),
  );
});

test('fetch comtrade and cn-concordance are refused with a hint to import the file', async () => {
  for (const source of ['comtrade', 'cn-concordance']) {
    await assert.rejects(fetchJson(source), /has no public download; use `radar import/);
  }
});

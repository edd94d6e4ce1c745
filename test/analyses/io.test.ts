import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ioMultipliers } from '../../src/analyses/io-multipliers.js';
import { shockImpact } from '../../src/analyses/shock.js';
import { runCli } from '../../src/cli/main.js';
import { createApp } from '../../src/server/app.js';
import { importer as icio } from '../../src/sources/oecd-icio/importer.js';
import { importer as iot } from '../../src/sources/oecd-iot/importer.js';
import { runImport } from '../../src/sources/run-import.js';
import type { Db } from '../../src/store/db.js';
import { json } from '../support/json.js';
import { realFile, repoRoot } from '../support/real-data.js';
import { captureContext, tempStore } from '../support/store.js';

const bel = realFile('io-tables/OECD_IOT_BEL2020ttl.csv');
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'io', name);
const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
  if (bel) await runImport(db, iot, [bel], { vintage: 'BEL2020' });
  await runImport(db, iot, ['XYZ2020ttl.csv', 'XYZ2020dom.csv', 'XYZ2020imp.csv'].map(fixture), { vintage: 'XYZ2020' });
  await runImport(db, icio, [fixture('ICIO2023_2020.csv')], { vintage: 'ICIO2023' });
});
after(() => store.cleanup());

/*
 * An independent computation of the Belgian multipliers: numpy reads the real CSV itself, builds the domestic flows
 * under import proportionality (s_p = −IMPO_p / (Σ_j Z_pj + Σ non-export final use_p)), A = Z_d / x with 1/0 := 0,
 * and inverts I − A with LAPACK. Nothing is shared with the TypeScript path but the file.
 */
const numpyScript = `
import csv, json, sys
import numpy as np
rows = list(csv.reader(open(sys.argv[1])))
h = rows[0][1:]; R = {r[0]: np.array([float(v) for v in r[1:]]) for r in rows[1:]}
ind = [j for j, c in enumerate(h) if c.startswith('D') and c != 'DPABR']
fin = [j for j, c in enumerate(h) if not c.startswith('D') or c == 'DPABR']
fin_use = [j for j in fin if h[j] not in ('EXPO', 'IMPO')]
impo = h.index('IMPO')
prods = ['TTL_' + h[j][1:] for j in ind]
Z = np.array([[R[p][j] for j in ind] for p in prods])
use = Z.sum(1) + np.array([sum(R[p][j] for j in fin_use) for p in prods])
m = np.array([-R[p][impo] for p in prods])
s = np.where(use > 0, np.clip(m / np.where(use > 0, use, 1), 0, 1), 0)
Zd = Z * (1 - s)[:, None]
x = np.array([R['OUTPUT'][j] for j in ind]); va = np.array([R['VALU'][j] for j in ind])
inv = np.where(x != 0, 1 / np.where(x != 0, x, 1), 0)
L = np.linalg.inv(np.eye(len(ind)) - Zd * inv[None, :])
print(json.dumps({'industry': [h[j] for j in ind], 'om': L.sum(0).tolist(), 'vam': ((va * inv) @ L).tolist()}))
`;

test('the Belgian OECD 2020 multipliers equal an independent numpy computation (1e-9)', {
  skip: (!bel && 'real data absent') || (!hasNumpy && 'python3 with numpy absent'),
}, async () => {
  const expected = JSON.parse(execFileSync('python3', ['-c', numpyScript, bel!], { encoding: 'utf8' }));
  for (const solver of ['dense', 'iterative'] as const) {
    const r = await ioMultipliers(db, { table: 'oecd-iot:BEL2020', solver });
    assert.deepEqual(
      r.rows.map((row) => row.industry),
      expected.industry,
    );
    r.rows.forEach((row, j) => {
      assert.ok(Math.abs((row.output_multiplier as number) - expected.om[j]) < 1e-9, `${solver} om ${row.industry}`);
      assert.ok(Math.abs((row.va_multiplier as number) - expected.vam[j]) < 1e-9, `${solver} vam ${row.industry}`);
    });
    assert.equal(r.method.params.import_split.assumed, true);
  }
});

test('radar io multipliers --table DATASET --json prints industry, output_multiplier, va_multiplier', async () => {
  const ctx = captureContext(store.path);
  store.db.close();
  try {
    assert.equal(await runCli(['io', 'multipliers', '--table', 'oecd-iot:XYZ2020', '--json'], ctx), 0, ctx.err());
    const out = JSON.parse(ctx.out());
    assert.deepEqual(
      out.rows.map((r: { industry: string }) => r.industry),
      ['D01', 'D20', 'D24B'],
    );
    for (const r of out.rows) assert.ok(r.output_multiplier >= 1 && r.va_multiplier > 0 && r.va_multiplier <= 1);
    assert.equal(out.method.params.import_split.value, 'table');
    assert.equal(await runCli(['io', 'multipliers', '--table', 'nope'], ctx), 2);
    assert.match(ctx.err(), /unknown IO table: "nope"/);
  } finally {
    db = (await tempStoreReopen()).db;
  }
});

async function tempStoreReopen() {
  const { openStore } = await import('../../src/store/open.js');
  store.db = await openStore({ path: store.path });
  return store;
}

/*
 * XYZ fixture (domestic/imported split given): imports of product 24B are used by D24B (15) and D20 (5), so a 40 %
 * cut gives, under leontief_fixed_prop, direct Δx = −0.4·x for D20 (136) and D24B (108): −54.4 and −43.2.
 */
test('import stop on a table with the import split: direct effects by hand; manufacturing share', async () => {
  const r = await shockImpact(db, { table: 'oecd-iot:XYZ2020', importCuts: [{ code: '24B', fraction: 0.4 }] });
  const row = (name: string) => r.rows.find((x) => x.industry === name)!;
  assert.equal(Math.abs(row('D01').output_change_direct as number), 0);
  assert.ok(Math.abs((row('D20').output_change_direct as number) + 54.4) < 1e-9);
  assert.ok(Math.abs((row('D24B').output_change_direct as number) + 43.2) < 1e-9);
  const manufacturing = r.rows[1];
  assert.equal(manufacturing.industry, 'manufacturing');
  const vaMan = 74 + 60;
  assert.ok(
    Math.abs(
      (manufacturing.share_of_manufacturing_va as number) - (manufacturing.value_added_change as number) / vaMan,
    ) < 1e-12,
  );
  assert.equal(r.method.params.variant.assumed, true);
  assert.equal(r.method.params.import_split.value, 'table');
  assert.ok((r.method.params.solver_max_residual.value as number) < 1e-12);
});

test('--from-screen with a radar screen --json file: CN8 values → CPA → IO products, in table units', async () => {
  const screen = join(store.dir, 'screen.json');
  writeFileSync(
    screen,
    JSON.stringify({
      columns: [],
      provenance: [],
      warnings: [],
      method: { id: 'screen', version: '1', params: {} },
      rows: [
        { reporter: 'XYZ', product: '81129200', dependent: true, strategic: true, value: 3_000_000, currency: 'USD' },
        { reporter: 'XYZ', product: '28053000', dependent: true, strategic: true, value: 1_000_000, currency: 'USD' },
        { reporter: 'XYZ', product: '01012100', dependent: true, strategic: false, value: 9_000_000, currency: 'USD' },
      ],
    }),
  );
  const ctx = captureContext(store.path);
  store.db.close();
  try {
    assert.equal(
      await runCli(['shock', '--from-screen', screen, '--table', 'oecd-iot:XYZ2020', '--json'], ctx),
      0,
      ctx.err(),
    );
    const out = JSON.parse(ctx.out());
    // 24B imports in the table: 0 + 4 + 15 (intermediate) + 1 + 1 + 2 (final) = 23 million; 3 million stop → 3/23.
    assert.ok(Math.abs(out.method.params.import_cuts.value['24B'] - 3 / 23) < 1e-12);
    // 20 imports: 3 + 12 + 5 + 10 + 2 + 3 = 35 million; 1 million stops (HS 2805 → CPA 20).
    assert.ok(Math.abs(out.method.params.import_cuts.value['20'] - 1 / 35) < 1e-12);
    assert.equal(out.method.params.import_cuts.value['01'], undefined, 'a non-strategic product does not stop');
    assert.equal(out.method.params.screen_selection.value, 'strategic');
    assert.ok(out.rows[0].value_added_change < 0);
  } finally {
    await tempStoreReopen();
    db = store.db;
  }
});

test('--from-screen with a saved screen id reads it through readScreenResult (export side → export stop)', async () => {
  const { writeScreenResult } = await import('../../src/store/screen-queries.js');
  await writeScreenResult(
    db,
    'xyz-exports',
    {
      preset: 'fpb',
      reporters: 'XYZ',
      side: 'export',
      level: 'CN8',
      years: [2020],
      datasets: ['oecd-iot:XYZ2020'],
      source: null,
      currency: 'USD',
      trade_concept: 'national',
      strategic_list: null,
    },
    {
      columns: [],
      provenance: [],
      warnings: [],
      method: { id: 'screen', version: '1', params: {} },
      rows: [{ reporter: 'XYZ', product: '28053000', dependent: true, value: 6_300_000, currency: 'USD' }],
    },
  );
  const ctx = captureContext(store.path);
  store.db.close();
  try {
    assert.equal(
      await runCli(['shock', '--from-screen', 'xyz-exports', '--table', 'oecd-iot:XYZ2020', '--json'], ctx),
      0,
      ctx.err(),
    );
    const out = JSON.parse(ctx.out());
    // domestic exports of product 20 (DOM_20 × EXPO) = 60 million; 6.3 million stop → 0.105
    assert.ok(Math.abs(out.method.params.export_cuts.value['20'] - 0.105) < 1e-12);
    assert.equal(out.method.params.screen_selection.value, 'dependent');
    assert.ok(out.rows[0].output_change < 0);
    assert.equal(await runCli(['shock', '--from-screen', 'no-such-screen', '--table', 'oecd-iot:XYZ2020'], ctx), 2);
  } finally {
    await tempStoreReopen();
    db = store.db;
  }
});

test('a multi-regional shock: the iterative solver equals dense LU, and needs a region', async () => {
  const run = (solver: 'dense' | 'iterative') =>
    shockImpact(db, {
      table: 'icio:ICIO2023'.replace('icio', 'oecd-icio'),
      region: 'AAA',
      importCuts: [{ code: 'D20', fraction: 0.5 }],
      exportCuts: [{ code: 'D01T02', fraction: 0.2 }],
      solver,
    });
  const [dense, iterative] = [await run('dense'), await run('iterative')];
  assert.equal(dense.rows.length, 4, '2 summary rows + the 2 industries of AAA');
  dense.rows.forEach((row, k) => {
    for (const key of ['output_change', 'value_added_change', 'output_change_upstream', 'output_change_downstream']) {
      const a = row[key] as number;
      const b = iterative.rows[k][key] as number;
      assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)), `${row.industry} ${key}: ${a} vs ${b}`);
    }
  });
  assert.equal(iterative.method.params.solver.value, 'bicgstab');
  assert.ok((iterative.method.params.solver_max_residual.value as number) < 1e-10);
  await assert.rejects(
    shockImpact(db, { table: 'oecd-icio:ICIO2023', importCuts: [{ code: 'D20', fraction: 0.5 }] }),
    /needs --region/,
  );
  await assert.rejects(
    shockImpact(db, { table: 'oecd-iot:XYZ2020', importCuts: [{ code: '24B', fraction: 1.5 }] }),
    /between 0 and 1/,
  );
  await assert.rejects(
    shockImpact(db, { table: 'oecd-iot:XYZ2020', importCuts: [{ code: 'ZZ', fraction: 0.5 }] }),
    /unknown product: "ZZ"/,
  );
});

test('GET /api/io/multipliers and /api/io/shock answer with Results', async () => {
  const app = createApp(db);
  const m = await app.request('/api/io/multipliers?table=oecd-iot:XYZ2020');
  assert.equal(m.status, 200);
  assert.equal((await json(m)).rows.length, 3);
  const s = await app.request('/api/io/shock?table=oecd-iot:XYZ2020&imports_cut=24B=0.4&variant=ghosh');
  assert.equal(s.status, 200);
  const body = await json(s);
  assert.equal(body.method.params.variant.value, 'ghosh');
  assert.equal((await app.request('/api/io/shock?table=oecd-iot:XYZ2020&imports_cut=24B=2')).status, 422);
  assert.equal((await app.request('/api/io/multipliers?table=missing')).status, 404);
});

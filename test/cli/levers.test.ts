import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../src/cli/main.js';
import { openStore } from '../../src/store/open.js';
import { repoRoot } from '../support/real-data.js';
import { captureContext, tempDir } from '../support/store.js';

const tmp = tempDir();
const path = join(tmp.dir, 'radar.duckdb');
const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'levers', name);
before(async () => (await openStore({ path })).close());
after(tmp.cleanup);

async function radar(...argv: string[]) {
  const ctx = captureContext(path);
  const code = await runCli(argv, ctx);
  return { code, out: ctx.out(), err: ctx.err() };
}

test('radar stockpile --net-imports-t 36500 --days 60 --price-eur-per-kg 2 --json → tonnes, value_eur, days', async () => {
  const r = await radar('stockpile', '--net-imports-t', '36500', '--days', '60', '--price-eur-per-kg', '2', '--json');
  assert.equal(r.code, 0, r.err);
  const row = JSON.parse(r.out).rows[0];
  assert.deepEqual([row.tonnes, row.value_eur, row.days], [6000, 12_000_000, 60]);
});

test('radar stockpile: an impossible parameter exits 1 with the value named; nothing given exits 1', async () => {
  const r = await radar('stockpile', '--net-imports-t', '100', '--days', '-3');
  assert.equal(r.code, 1);
  const none = await radar('stockpile');
  assert.equal(none.code, 1);
  assert.match(none.err, /give --material \(data mode\) or --net-imports-t/);
});

test('radar joint-purchase register / aggregate / withdraw / audit (alias purchase)', async () => {
  const ok = await radar(
    'joint-purchase',
    'register',
    '--buyer',
    'Umicore',
    '--country',
    'BE',
    '--material',
    'cobalt',
    '--stage',
    'processing',
    '--quantity-t',
    '500',
    '--period',
    '2026',
    '--json',
  );
  assert.equal(ok.code, 0, ok.err);
  const id = JSON.parse(ok.out).rows[0].id;
  const bad = await radar(
    'purchase',
    'register',
    '--buyer',
    'X',
    '--country',
    'US',
    '--material',
    'potash',
    '--stage',
    'processing',
    '--quantity-t',
    '5',
    '--period',
    '2026',
  );
  assert.equal(bad.code, 1);
  assert.match(bad.err, /country "US" is not an EU member state/);
  const file = join(tmp.dir, 'batch.json');
  writeFileSync(
    file,
    JSON.stringify([
      {
        buyer: 'A',
        country: 'FR',
        material: 'lithium',
        stage: 'processing',
        quantity_t: 10,
        period: '2026',
        sme: true,
      },
      { buyer: 'B', country: 'FR', material: 'lithium', stage: 'melting', quantity_t: 10, period: '2026' },
    ]),
  );
  const batch = await radar('purchase', 'register', '--file', file);
  assert.equal(batch.code, 1);
  assert.match(batch.err, /batch\.json: registration 2: invalid stage/);
  const agg = await radar('purchase', 'aggregate', '--minimum', 'cobalt=100', '--json');
  assert.equal(agg.code, 0, agg.err);
  assert.deepEqual(
    JSON.parse(agg.out).rows.map((r: Record<string, unknown>) => [r.material, r.aggregated_t]),
    [['cobalt', 500]],
  );
  assert.equal((await radar('purchase', 'withdraw', String(id))).code, 0);
  const audit = JSON.parse((await radar('purchase', 'audit', '--json')).out).rows;
  assert.deepEqual(
    audit.map((r: Record<string, unknown>) => r.action),
    ['register', 'withdraw'],
  );
  assert.match(audit[0].actor, /^cli:/);
});

test('radar scenario FILE.json runs a by-product scenario; --save stores it; --list shows it', async () => {
  const file = join(tmp.dir, 'zinc.json');
  writeFileSync(file, JSON.stringify({ kind: 'by-product', hosts: { zinc: -0.2 } }));
  const r = await radar('scenario', file, '--save', 'zinc-cut', '--json');
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    [...new Set(JSON.parse(r.out).rows.map((x: Record<string, unknown>) => x.companion))],
    ['gallium', 'germanium', 'indium'],
  );
  assert.deepEqual(
    JSON.parse((await radar('scenario', '--list', '--json')).out).rows.map((x: Record<string, unknown>) => x.id),
    ['zinc-cut'],
  );
  const again = await radar('scenario', '--saved', 'zinc-cut', '--json');
  assert.equal(again.code, 0, again.err);
  const unknown = await radar('scenario', '--saved', 'nope');
  assert.equal(unknown.code, 2);
});

test('radar assess (alias company-report): good file → report; bad file → exit 1, one error per row, no report', async () => {
  const out = join(tmp.dir, 'report');
  const good = await radar('assess', fixture('purchases-good.csv'), '--out', out, '--as-of', '2025-06-30', '--json');
  assert.equal(good.code, 0, good.err);
  assert.deepEqual(readdirSync(out).sort(), ['purchases-good-assessment.html', 'purchases-good-assessment.xlsx']);
  assert.ok(JSON.parse(good.out).rows.some((r: Record<string, unknown>) => r.material === 'company'));
  const badOut = join(tmp.dir, 'bad-report');
  const bad = await radar('company-report', fixture('purchases-bad.csv'), '--out', badOut, '--save');
  assert.equal(bad.code, 1);
  assert.equal(bad.err.split('\n').filter((l) => /^purchases-bad\.csv:\d+: /.test(l)).length, 5);
  assert.equal(existsSync(badOut), false);
  const db = await openStore({ path, readOnly: true });
  try {
    assert.equal((await db.one<{ n: number }>('SELECT count(*) AS n FROM company_uploads'))?.n, 0);
  } finally {
    db.close();
  }
});

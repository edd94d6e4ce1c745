import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  aggregateJointPurchase,
  listRegistrations,
  registerDemand,
  registrationAudit,
  withdrawRegistration,
} from '../../src/analyses/joint-purchase.js';
import type { Db } from '../../src/store/db.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let db: Db;
before(async () => {
  store = await tempStore();
  db = store.db;
});
after(() => store.cleanup());

const counts = async () => ({
  registrations: (await db.one<{ n: number }>('SELECT count(*) AS n FROM jp_registrations'))?.n,
  audit: (await db.one<{ n: number }>('SELECT count(*) AS n FROM jp_audit'))?.n,
});

const good = (over: Record<string, unknown> = {}) => ({
  buyer: 'Umicore',
  country: 'BE',
  material: 'cobalt',
  stage: 'processing',
  quantity_t: 500,
  period: '2026',
  ...over,
});

test('a batch with one bad line writes nothing, and says which line and why', async () => {
  await assert.rejects(
    registerDemand(db, [good(), good({ material: 'potash' }), good({ country: 'US' }), good({ quantity_t: -1 })], {
      actor: 'test',
    }),
    (e: Error) => {
      assert.match(e.message, /^3 of 4 registrations invalid; nothing was registered:/);
      assert.match(e.message, /registration 2: potash is not a strategic raw material \(CRMA Annex I\)/);
      assert.match(e.message, /registration 3: country "US" is not an EU member state/);
      assert.match(e.message, /registration 4: invalid quantity_t: /);
      return true;
    },
  );
  assert.deepEqual(await counts(), { registrations: 0, audit: 0 });
});

test('a failure inside the transaction leaves neither registration nor audit row', async () => {
  // Move the audit table away: the audit INSERT fails after the registration INSERT succeeded.
  await db.run('ALTER TABLE jp_audit RENAME TO jp_audit_moved');
  try {
    await assert.rejects(registerDemand(db, [good()], { actor: 'test' }), /jp_audit/);
  } finally {
    await db.run('ALTER TABLE jp_audit_moved RENAME TO jp_audit');
  }
  assert.deepEqual(await counts(), { registrations: 0, audit: 0 });
});

test('registrations are written with an audit row each; names and members resolve', async () => {
  const res = await registerDemand(
    db,
    [
      good(),
      good({ buyer: 'SME 1', quantity_t: 60, sme: true }),
      good({ buyer: 'SME 2', quantity_t: 50, sme: true }),
      good({ buyer: 'Small', quantity_t: 30 }),
      good({ buyer: 'Magnets NV', country: 'DEU', material: 'Neodymium', quantity_t: 20 }),
      good({ buyer: 'Cu Co', material: 'koper', quantity_t: 1000, stage: 'extraction', period: '2026-Q1' }),
    ],
    { actor: 'test' },
  );
  assert.deepEqual(
    res.rows.map((r) => r.material_id),
    ['cobalt', 'cobalt', 'cobalt', 'cobalt', 'neodymium', 'copper'],
  );
  assert.equal(res.rows[4].country_iso3, 'DEU');
  assert.deepEqual(await counts(), { registrations: 6, audit: 6 });
  const audit = await registrationAudit(db);
  assert.equal(new Set(audit.rows.map((r) => r.request_id)).size, 1, 'one request id for the batch');
  assert.equal(JSON.parse(audit.rows[0].after as string).buyer, 'Umicore');
});

test('withdrawal keeps the row, marks it and audits before/after; twice is a conflict', async () => {
  const id = (await listRegistrations(db)).rows.find((r) => r.buyer === 'Small')?.id as number;
  await withdrawRegistration(db, id, { actor: 'test' });
  const audit = await registrationAudit(db, { registration: id });
  assert.deepEqual(
    audit.rows.map((r) => r.action),
    ['register', 'withdraw'],
  );
  assert.equal(JSON.parse(audit.rows[1].before as string).status, 'active');
  assert.equal(JSON.parse(audit.rows[1].after as string).status, 'withdrawn');
  await assert.rejects(withdrawRegistration(db, id, { actor: 'test' }), /already withdrawn/);
  await assert.rejects(withdrawRegistration(db, 99999, { actor: 'test' }), /unknown registration: 99999/);
  assert.equal((await listRegistrations(db, { status: 'active' })).rows.length, 5);
});

test('aggregation: minimum 100 t, SME pool, eligibility by relative supply risk (published SR 2023)', async () => {
  const res = await aggregateJointPurchase(db, { defaultMinimumT: 100 });
  const cobalt = res.rows.find((r) => r.material === 'cobalt' && r.period === '2026') as Record<string, unknown>;
  // Umicore 500 takes part; SME 60 + 50 = 110 ≥ 100 pool; "Small" (30) was withdrawn.
  assert.deepEqual(
    [cobalt.demand_t, cobalt.aggregated_t, cobalt.sme_pool_t, cobalt.buyers, cobalt.sme_buyers],
    [610, 610, 110, 3, 2],
  );
  const nd = res.rows.find((r) => r.material === 'neodymium') as Record<string, unknown>;
  assert.deepEqual([nd.aggregated_t, nd.excluded_t], [0, 20], 'below the minimum, not an SME');
  // Relative SR: copper 0.1 is far below cobalt 2.8 (EU 2023, sr-ei.csv); at 0.3 copper is not eligible.
  const strict = await aggregateJointPurchase(db, { minRelativeSupplyRisk: 0.3 });
  const copper = strict.rows.find((r) => r.material === 'copper') as Record<string, unknown>;
  assert.equal(copper.eligible, false);
  assert.equal(copper.aggregated_t, 0);
  assert.equal(strict.rows.find((r) => r.material === 'cobalt')?.eligible, true);
  assert.equal(res.method.params.default_minimum_t.assumed, false);
  assert.equal(strict.method.params.default_minimum_t.assumed, true);
  assert.ok(strict.warnings.some((w) => /no minimum quantity set/.test(w)));
});

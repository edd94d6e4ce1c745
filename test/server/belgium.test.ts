import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { type Json, json } from '../support/json.js';
import { tempStore } from '../support/store.js';

let store: Awaited<ReturnType<typeof tempStore>>;
let app: ReturnType<typeof createApp>;
before(async () => {
  store = await tempStore();
  app = createApp(store.db);
});
after(() => store.cleanup());

test('GET /api/belgium/crm-imports gives SERV Table 24, largest first, with shares of the stated total', async () => {
  const body: Json = await json(await app.request('/api/belgium/crm-imports'));
  assert.equal(body.rows.length, 22);
  assert.deepEqual(
    body.rows.slice(0, 4).map((r: Json) => [r.material, r.import_value]),
    [
      ['pgm', 1133.59],
      ['coking-coal', 918.91],
      ['copper', 857.65],
      ['nickel', 472.86],
    ],
  );
  const sum = body.rows.reduce((s: number, r: Json) => s + r.import_value, 0);
  assert.ok(Math.abs(sum - 4347.91) < 1e-6, `rows sum to ${sum}`);
  assert.equal(body.method.params.stated_total.value, 4355.33);
  assert.ok(Math.abs(body.rows[0].share_of_total - 1133.59 / 4355.33) < 1e-12);
  assert.match(body.warnings[0], /22 table rows sum to 4347\.91 EUR million, 7\.42 below the total of 4355\.33/);
  assert.equal(body.rows[0].name_nl, 'Platinagroepmetalen');
});

test('GET /api/belgium/crm-import-partners gives the named partners by rank with the values the report states', async () => {
  const body: Json = await json(await app.request('/api/belgium/crm-import-partners'));
  assert.deepEqual(
    body.rows.map((r: Json) => [r.partner, r.rank, r.share, r.value_stated]),
    [
      ['USA', 1, 0.199, 865],
      ['GBR', 2, 0.146, 635.72],
      ['ZAF', 3, 0.142, 616.67],
      ['AUS', 4, 0.119, 519.98],
      ['CHN', 8, 0.026, 113.01],
      ['RUS', 10, 0.0197, 85.9],
    ],
  );
  // The stated values agree with share × stated total to within the rounding of the shares (0.05 points).
  for (const r of body.rows)
    assert.ok(Math.abs(r.value_from_share - r.value_stated) <= 0.0005 * 4355.33 + 0.01, r.partner);
  assert.equal(body.rows[0].partner_iso2, 'US');
  assert.match(body.warnings[0], /names 6 of the top 10 partners/);
});

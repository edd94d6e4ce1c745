import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { crmaBenchmarks } from '../../src/analyses/benchmarks.js';
import { realFile } from '../support/real-data.js';
import { tempStore } from '../support/store.js';

/**
 * Real data: the EU CRM 2023 study's EU-sourcing shares (../shared/data/real/eu-crm-2023, Windows-1252) for five
 * strategic materials, loaded row by row into eu_crm_supply_shares, then the benchmarks compared with sums and
 * maxima read off the file's own lines.
 */
const csv = realFile('eu-crm-2023/fact_EUSupplyShares&t.csv');

test('CRMA benchmarks from the EU CRM study EU-sourcing shares equal the file', {
  skip: !csv && 'real data absent',
}, async () => {
  const store = await tempStore();
  try {
    const db = store.db;
    const text = new TextDecoder('windows-1252').decode(readFileSync(csv!));
    const records: string[][] = parse(text, { from_line: 2 });
    const materials: Record<string, string> = {
      Cobalt: 'cobalt',
      Lithium: 'lithium',
      Gallium: 'gallium',
      Germanium: 'germanium',
      'Natural Graphite': 'natural-graphite',
    };
    let line = 1;
    for (const [name, stage, country, share] of records) {
      line++;
      if (!materials[name]) continue;
      const iso3 = await db.one<{ iso3: string }>(
        `SELECT iso3 FROM countries WHERE lower(name_en) = lower($1)
         UNION SELECT iso3 FROM country_aliases WHERE scheme = 'name' AND lower(alias) = lower($1) LIMIT 1`,
        [country],
      );
      await db.run(
        `INSERT INTO eu_crm_supply_shares (dataset_id, material_id, material_name, stage, scope, country_iso3, country_name,
           share, share_text, share_bound, t, source_line)
         VALUES ('eu-crm-study:real', $1, $2, $3, 'eu_sourcing', $4, $5, $6, $7, NULL, 1, $8)`,
        [
          materials[name],
          name,
          stage === 'E' ? 'extraction' : 'processing',
          iso3?.iso3 ?? null,
          country,
          Number(share.replace('%', '')) / 100,
          share,
          line,
        ],
      );
    }
    const r = await crmaBenchmarks(db, {});
    const get = (material: string, benchmark: string, stage: string) =>
      r.rows.find((x) => x.material === material && x.benchmark === benchmark && x.stage === stage)!;
    const close = (a: unknown, b: number) => assert.ok(Math.abs((a as number) - b) < 1e-12, `${a} ≠ ${b}`);

    close(get('cobalt', 'processing', 'processing').value, 0.29 + 0.62); // Belgium + Finland
    assert.equal(get('cobalt', 'processing', 'processing').meets, true);
    close(get('germanium', 'processing', 'processing').value, 0.04 + 0.03); // Belgium + Germany
    close(get('gallium', 'processing', 'processing').value, 0.02); // Germany
    const gaThird = get('gallium', 'single-third-country', 'processing');
    assert.deepEqual([gaThird.country, gaThird.meets], ['CHN', false]);
    close(gaThird.value, 0.69);
    const liThird = get('lithium', 'single-third-country', 'processing');
    assert.equal(liThird.country, 'CHL');
    close(liThird.value, 0.79);
    const graphite = get('natural-graphite', 'single-third-country', 'extraction');
    assert.equal(graphite.country, 'CHN');
    close(graphite.value, 0.4);
    assert.equal(get('natural-graphite', 'extraction', 'extraction').value, 0); // Norway is not in the EU
    assert.ok(r.rows.every((x) => x.proxy === true && x.basis === 'eu-sourcing-share'));
  } finally {
    store.cleanup();
  }
});

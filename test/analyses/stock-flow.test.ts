import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { stockFlow } from '../../src/analyses/stock-flow.js';
import { tempDir } from '../support/store.js';

const tmp = tempDir();
after(() => tmp.cleanup());
const file = (name: string, text: string) => {
  const path = join(tmp.dir, name);
  writeFileSync(path, text);
  return path;
};

test('a stock series: inflows, outflows, early retirement, and secondary supply by year (hand-computed)', () => {
  const path = file('stock.csv', 'year,stock\n2020,100\n2021,120\n2022,140\n2023,100\n2024,100\n');
  const r = stockFlow({ file: path, lifetime: 'fixed:10', content: 2, collection: 0.5, recycling: 0.8 });
  const col = (name: string) => r.rows.map((x) => Math.round((x[name] as number) * 1e9) / 1e9);
  assert.deepEqual(col('inflow'), [10, 30, 30, 0, Math.round(((10 * 100) / 130) * 1e9) / 1e9]);
  assert.deepEqual(col('early_retirement'), [0, 0, 0, 30, 0]);
  assert.deepEqual(col('stock'), [100, 120, 140, 100, 100]);
  assert.deepEqual(col('stock_change'), [0, 20, 20, -40, 0]);
  assert.deepEqual(col('end_of_life_material'), [20, 20, 20, 80, Math.round(((2 * 1000) / 130) * 1e9) / 1e9]);
  assert.deepEqual(
    col('secondary_supply'),
    col('end_of_life_material').map((v) => Math.round(v * 0.4 * 1e9) / 1e9),
  );
  assert.match(r.warnings.join('\n'), /2023: 30 retired early/);
  assert.equal(r.method.params.lifetime.assumed, true);
  for (const x of r.rows) {
    const balance =
      (x.inflow as number) - (x.outflow as number) - (x.early_retirement as number) - (x.stock_change as number);
    assert.ok(Math.abs(balance) < 1e-9);
  }
});

test('an inflow series with a Weibull lifetime conserves mass over the whole run', () => {
  const lines = ['year,inflow', ...Array.from({ length: 30 }, (_, i) => `${2000 + i},${(i * 37) % 11}`)];
  const r = stockFlow({ file: file('inflow.csv', `${lines.join('\n')}\n`), lifetime: 'weibull:2.5:8' });
  const total = (name: string) => r.rows.reduce((s, x) => s + (x[name] as number), 0);
  const finalStock = r.rows.at(-1)!.stock as number;
  assert.ok(Math.abs(total('inflow') - total('outflow') - finalStock) < 1e-9);
});

test('bad series files name the line and what was expected', () => {
  assert.throws(
    () => stockFlow({ file: file('gap.csv', 'year,inflow\n2020,1\n2022,1\n'), lifetime: 'fixed:5' }),
    /gap\.csv:3: years must be consecutive and ascending \(2020 → 2022\)/,
  );
  assert.throws(
    () => stockFlow({ file: file('both.csv', 'year,inflow,stock\n2020,1,1\n'), lifetime: 'fixed:5' }),
    /both\.csv:1: expected a column "inflow" or a column "stock"/,
  );
  assert.throws(
    () => stockFlow({ file: file('neg.csv', 'year,stock\n2020,-4\n'), lifetime: 'fixed:5' }),
    /neg\.csv:2: column stock: must be ≥ 0/,
  );
  assert.throws(
    () =>
      stockFlow({
        file: file('fall.csv', 'year,stock\n2020,100\n2021,10\n'),
        lifetime: 'fixed:10',
        negativeInflow: 'error',
      }),
    /fall\.csv: the stock falls by more than products retire in 2021/,
  );
  assert.throws(
    () => stockFlow({ file: file('ok.csv', 'year,stock\n2020,100\n'), lifetime: 'normal:10:-1' }),
    /lifetime standard deviation must be > 0/,
  );
});

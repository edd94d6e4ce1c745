import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  art23Benchmark,
  daysInYear,
  daysOfCover,
  itreStock,
  shortfallStock,
  stockForDays,
  stockValueEur,
} from '../../../src/methods/levers/stockpile.js';

const close = (actual: number | null, expected: number, tol = 1e-9) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tol, `${actual} ≠ ${expected} (±${tol})`);

test('Art. 23: average daily net imports of the previous year × days (hand-computed)', () => {
  // 2023 has 365 days: 36,500 t net imports → 100 t/day → 60 days = 6,000 t.
  assert.deepEqual(art23Benchmark({ netImportsT: 36_500, year: 2023, days: 60 }), {
    dailyNetImportsT: 100,
    tonnes: 6000,
    days: 60,
  });
  // 2024 is a leap year: 36,600 t / 366 = 100 t/day.
  close(art23Benchmark({ netImportsT: 36_600, year: 2024, days: 90 }).tonnes, 9000);
});

test('Art. 23: a net exporter needs no stock', () => {
  assert.equal(art23Benchmark({ netImportsT: -1200, year: 2023, days: 60 }).tonnes, 0);
});

test('calendar years: leap-year rule', () => {
  assert.deepEqual([1900, 2000, 2023, 2024].map(daysInYear), [365, 366, 365, 366]);
});

test('manual mode and value: 36,500 t/yr, 60 days, €2/kg → 6,000 t, €12 m', () => {
  const s = stockForDays(36_500, 60, 365);
  assert.equal(s.tonnes, 6000);
  assert.equal(stockValueEur(s.tonnes, 2), 12_000_000);
});

test('ITRE: the implied annual import bases of methods.md §7.1 give the report’s €6.45 bn, €25.8 bn and 8.6 Mt', () => {
  // SERV L8528–8548 gives only the outputs (60 days; €6.45–25.8 bn at 2021 prices; 8.6 Mt). methods.md §7.1 [D]
  // derives the annual bases €39.2 bn (lower), €157 bn (upper) and 52 Mt/yr; 60/365 of them must round back.
  const { lines, value, tonnes } = itreStock(
    [
      { label: 'raw materials (lower bound)', importValue: 39.2e9 },
      { label: '~300 product groups (upper bound)', importValue: 157e9, importMassT: 52.3e6 },
    ],
    { days: 60, yearDays: 365 },
  );
  assert.equal(Math.round(lines[0].value / 1e7) / 100, 6.44); // €6.44 bn: 39.2 is itself rounded (6.45 ↔ 39.24)
  assert.equal(Math.round(lines[1].value / 1e8) / 10, 25.8);
  assert.equal(Math.round((lines[1].tonnes ?? 0) / 1e5) / 10, 8.6);
  assert.equal(tonnes, null, 'total tonnes unknown when one basket has no mass');
  close(value, lines[0].value + lines[1].value, 1);
  // The exact inverse of the published rounding: €6.45 bn ↔ €39.24 bn base.
  assert.equal(
    Math.round(itreStock([{ label: 'x', importValue: 39.2375e9 }], { days: 60, yearDays: 365 }).value / 1e7),
    645,
  );
});

test('ITRE: "60 days" as 1/6 of a year (yearDays 360) needs the €154.8 bn base of methods.md §7.1', () => {
  const { value } = itreStock([{ label: 'upper', importValue: 154.8e9 }], { days: 60, yearDays: 360 });
  close(value, 25.8e9, 1);
});

test('shortfall sizing (§7.4): demand − assured supply − inventory (hand-computed)', () => {
  assert.deepEqual(
    shortfallStock({
      demandT: 100,
      domesticT: 10,
      foreign: [
        { country: 'CHN', supplyT: 80, reliability: 0 },
        { country: 'USA', supplyT: 10, reliability: 1 },
      ],
      inventoryT: 30,
    }),
    { assuredSupplyT: 20, shortfallT: 80, stockpileT: 50 },
  );
});

test('days of cover: IEA-style 10% unavailability deduction', () => {
  close(daysOfCover({ stockT: 1100, dailyNetImportsT: 10, unavailableShare: 0.1 }), 99);
  assert.equal(daysOfCover({ stockT: 1100, dailyNetImportsT: 0, unavailableShare: 0 }), null);
});

test('impossible inputs are user errors naming the value', () => {
  assert.throws(() => art23Benchmark({ netImportsT: 1, year: 2023, days: 0 }), /impossible number of days: 0/);
  assert.throws(() => stockValueEur(1, -2), /impossible price: -2/);
  assert.throws(
    () =>
      shortfallStock({
        demandT: 1,
        domesticT: 0,
        foreign: [{ country: 'X', supplyT: 1, reliability: 2 }],
        inventoryT: 0,
      }),
    /reliability for X: 2/,
  );
});

test('property: the benchmark is linear in days and never negative (seed 8)', () => {
  fc.assert(
    fc.property(
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.integer({ min: 1, max: 365 }),
      fc.integer({ min: 1990, max: 2030 }),
      (net, days, year) => {
        const one = art23Benchmark({ netImportsT: net, year, days: 1 }).tonnes;
        const many = art23Benchmark({ netImportsT: net, year, days }).tonnes;
        return many >= 0 && Math.abs(many - one * days) <= 1e-6 * Math.max(1, many);
      },
    ),
    { seed: 8, numRuns: 300 },
  );
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { InternalError } from '../../../src/domain/errors.js';
import {
  allocationCoefficients,
  csrFromDense,
  exportStop,
  ghoshFromLeontief,
  ghoshInverse,
  hypotheticalExtraction,
  identity,
  importStop,
  importStopDefaults,
  leontiefInverse,
  leontiefSolver,
  type Matrix,
  matrix,
  maxAbsDifference,
  multiply,
  solveLeontief,
  technicalCoefficients,
  vector,
} from '../../../src/methods/io/index.js';
import { assertClose } from './textbook.js';

const seed = 20241203;

/** A random productive table: Z ≥ 0 with column sums of A in [0.2, 0.8] (so ρ(A) < 1), sparse by `density`. */
function randomTable(n: number, rng: () => number, density = 0.5): { Z: Matrix; x: ReturnType<typeof vector> } {
  const labels = Array.from({ length: n }, (_, i) => `s${String(i + 1).padStart(2, '0')}`);
  const x = labels.map(() => 100 + 900 * rng());
  const Z: number[][] = labels.map(() => new Array(n).fill(0));
  for (let j = 0; j < n; j++) {
    const weights = labels.map((_, i) => (i === j || rng() < density ? rng() : 0));
    const sum = weights.reduce((s, w) => s + w, 0) || 1;
    const colShare = 0.2 + 0.6 * rng();
    for (let i = 0; i < n; i++) Z[i][j] = (weights[i] / sum) * colShare * x[j];
  }
  return { Z: matrix(labels, labels, Z), x: vector(labels, x) };
}

function mulberry(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('Miller & Blair (2009) ch. 2: L of the two-sector example', () => {
  const L = leontiefInverse(
    matrix(
      ['s1', 's2'],
      ['s1', 's2'],
      [
        [0.15, 0.25],
        [0.2, 0.05],
      ],
    ),
  );
  assertClose(L.values, [1.2541, 0.33, 0.264, 1.1221], 1e-4, 'L');
});

test('(I − A)·L = I to 1e-9 on random productive tables (property, seeded)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 40 }), fc.integer(), (n, s) => {
      const { Z, x } = randomTable(n, mulberry(s));
      const A = technicalCoefficients(Z, x).matrix;
      const L = leontiefInverse(A);
      const IminusA: Matrix = { ...A, values: identity(A.rows).values.map((v, k) => v - A.values[k]) };
      assert.ok(maxAbsDifference(multiply(IminusA, L), identity(A.rows)) < 1e-9);
      assert.ok(maxAbsDifference(multiply(L, IminusA), identity(A.rows)) < 1e-9);
    }),
    { seed, numRuns: 60 },
  );
});

test('the iterative solve equals dense LU on a 50-sector table (both solvers, plain and transposed)', () => {
  const { Z, x } = randomTable(50, mulberry(7), 0.3);
  const A = technicalCoefficients(Z, x).matrix;
  const dense = leontiefSolver(A, { solver: 'dense' });
  const y = Array.from({ length: 50 }, (_, i) => (i % 7) * 10 + 1);
  for (const method of ['bicgstab', 'neumann'] as const) {
    const iterative = leontiefSolver(A, { solver: 'iterative', method });
    const a = dense.solve(y);
    const b = iterative.solve(y);
    const c = dense.solveTransposed(y);
    const d = iterative.solveTransposed(y);
    for (let i = 0; i < 50; i++) {
      assert.ok(Math.abs(a[i] - b[i]) <= 1e-9 * Math.abs(a[i]), `${method} solve ${i}`);
      assert.ok(Math.abs(c[i] - d[i]) <= 1e-9 * Math.abs(c[i]), `${method} transposed ${i}`);
    }
    const report = iterative.report();
    assert.equal(report.solver, method);
    assert.ok(report.converged && report.maxResidual < 1e-11, `residual ${report.maxResidual}`);
  }
  assert.ok(dense.report().maxResidual < 1e-12);
});

test('the iterative solver reports its residual and iterations', () => {
  const s = solveLeontief(csrFromDense([0.15, 0.25, 0.2, 0.05], 2, 2), [100, 50], { method: 'neumann' });
  assert.ok(s.converged && s.iterations > 5 && s.residual < 1e-11);
  assertClose(s.x, [1.2541 * 100 + 0.33 * 50, 0.264 * 100 + 1.1221 * 50], 0.01, 'x');
});

test('the Ghosh inverse built from L and x equals the direct inverse', () => {
  const { Z, x } = randomTable(12, mulberry(3));
  const L = leontiefInverse(technicalCoefficients(Z, x).matrix);
  const G = ghoshInverse(allocationCoefficients(Z, x).matrix);
  assert.ok(maxAbsDifference(ghoshFromLeontief(L, x), G) < 1e-10);
});

test('hypothetical extraction: closed forms equal re-solving with the column (row) zeroed', () => {
  const { Z, x } = randomTable(8, mulberry(11));
  const A = technicalCoefficients(Z, x).matrix;
  const L = leontiefInverse(A);
  const ex = hypotheticalExtraction(L, x);
  const n = 8;
  const y = Array.from(
    { length: n },
    (_, i) => x.values[i] - Z.values.slice(i * n, i * n + n).reduce((s, v) => s + v, 0),
  );
  const total = x.values.reduce((s, v) => s + v, 0);
  for (let j = 0; j < n; j++) {
    const Abar = { ...A, values: A.values.map((v, k) => (k % n === j ? 0 : v)) };
    const xbar = leontiefSolver(Abar, { solver: 'dense' }).solve(y);
    assert.ok(Math.abs(total - xbar.reduce((s, v) => s + v, 0) - ex.backward[j]) < 1e-8, `backward ${j}`);
    const B = allocationCoefficients(Z, x).matrix;
    const Bbar = { ...B, values: B.values.map((v, k) => (Math.floor(k / n) === j ? 0 : v)) };
    const va = Array.from(
      { length: n },
      (_, k) => x.values[k] - Z.values.filter((_, q) => q % n === k).reduce((s, v) => s + v, 0),
    );
    const xbarF = leontiefSolver(Bbar, { solver: 'dense' }).solveTransposed(va);
    assert.ok(Math.abs(total - xbarF.reduce((s, v) => s + v, 0) - ex.forward[j]) < 1e-8, `forward ${j}`);
  }
});

test('mismatched labels are an InternalError, never a silent misalignment', () => {
  const Z = matrix(
    ['a', 'b'],
    ['a', 'b'],
    [
      [1, 2],
      [3, 4],
    ],
  );
  assert.throws(() => technicalCoefficients(Z, vector(['a', 'c'], [10, 10])), InternalError);
  assert.throws(
    () =>
      multiply(
        Z,
        matrix(
          ['b', 'a'],
          ['a', 'b'],
          [
            [1, 0],
            [0, 1],
          ],
        ),
      ),
    /inner labels/,
  );
  assert.throws(
    () =>
      leontiefInverse(
        matrix(
          ['a', 'b'],
          ['b', 'a'],
          [
            [0, 0],
            [0, 0],
          ],
        ),
      ),
    InternalError,
  );
});

test('technical coefficients of a zero-output industry are 0 and its label is reported', () => {
  const { matrix: A, zeroOutput } = technicalCoefficients(
    matrix(
      ['a', 'b'],
      ['a', 'b'],
      [
        [1, 0],
        [2, 0],
      ],
    ),
    vector(['a', 'b'], [10, 0]),
  );
  assert.deepEqual(zeroOutput, ['b']);
  assert.deepEqual([...A.values], [0.1, 0, 0.2, 0]);
});

/*
 * Hand-computed import stop (docs/methods.md §2, leontief_fixed_prop) on Miller & Blair's two-sector table:
 * Z = [[150, 500], [200, 100]], x = [1000, 2000], VA = x − column sums = [650, 1400]. Sector s2 imports 100 of
 * product m; imports of m fall by 40 %. Direct: Δx2 = −0.4·2000 = −800. Upstream: L·A·Δx = L·[−200, −40]
 * = [−264.02, −97.69]. Downstream: x̂·Lᵀ·Aᵀ·x̂⁻¹·Δx with x̂⁻¹Δx = [0, −0.4]: Aᵀ·s = [−0.08, −0.02],
 * Lᵀ·that = [−0.105610, −0.048845], × x = [−105.61, −97.69].
 */
test('import stop (leontief_fixed_prop): the hand-computed two-sector case', () => {
  const labels = ['s1', 's2'];
  const Z = matrix(labels, labels, [
    [150, 500],
    [200, 100],
  ]);
  const x = vector(labels, [1000, 2000]);
  const solver = leontiefSolver(technicalCoefficients(Z, x).matrix);
  const out = importStop({ solver, x: x.values, va: [650, 1400] }, [
    { product: 'm', fraction: 0.4, users: [{ industry: 1, value: 100 }], finalUse: 50 },
  ]);
  assertClose(out.direct, [0, -800], 1e-9, 'direct');
  assertClose(out.upstream, [-264.026, -97.69], 0.01, 'upstream');
  assertClose(out.downstream, [-105.61, -97.69], 0.01, 'downstream');
  assertClose(out.total, [-369.64, -995.38], 0.02, 'total');
  assertClose(out.valueAdded, [-0.65 * 369.64, -0.7 * 995.38], 0.02, 'ΔVA');
  assert.equal(out.lostIntermediateImports, 40);
  assert.equal(out.lostFinalImports, 20);
  const upstreamOnly = importStop(
    { solver, x: x.values, va: [650, 1400] },
    [{ product: 'm', fraction: 0.4, users: [{ industry: 1, value: 100 }], finalUse: 0 }],
    { ...importStopDefaults, downstream: false },
  );
  assertClose(upstreamOnly.total, [-264.026, -897.69], 0.01, 'no downstream');
});

test("import stop (ghosh): Δx' = Δv'·G with the lost imports as a primary-input cut", () => {
  const labels = ['s1', 's2'];
  const Z = matrix(labels, labels, [
    [150, 500],
    [200, 100],
  ]);
  const x = vector(labels, [1000, 2000]);
  const solver = leontiefSolver(technicalCoefficients(Z, x).matrix);
  const G = ghoshInverse(allocationCoefficients(Z, x).matrix);
  const out = importStop(
    { solver, x: x.values, va: [650, 1400] },
    [{ product: 'm', fraction: 0.4, users: [{ industry: 1, value: 100 }], finalUse: 0 }],
    { ...importStopDefaults, variant: 'ghosh', upstream: false },
  );
  // Δv = [0, −40] → Δx' = −40·G[1, :]
  assertClose(out.direct, [-40 * G.values[2], -40 * G.values[3]], 1e-9, 'ghosh');
});

test('a full stop never removes more than an industry produces (capped, and reported)', () => {
  const labels = ['s1', 's2'];
  const Z = matrix(labels, labels, [
    [150, 500],
    [200, 100],
  ]);
  const x = vector(labels, [1000, 2000]);
  const solver = leontiefSolver(technicalCoefficients(Z, x).matrix);
  const out = importStop({ solver, x: x.values, va: [650, 1400] }, [
    {
      product: 'm',
      fraction: 1,
      users: [
        { industry: 0, value: 10 },
        { industry: 1, value: 10 },
      ],
      finalUse: 0,
    },
  ]);
  assert.deepEqual(out.capped, [0, 1]);
  assertClose(out.total, [-1000, -2000], 1e-9, 'capped');
});

test('export stop: Δx = L·Δf', () => {
  const labels = ['s1', 's2'];
  const Z = matrix(labels, labels, [
    [150, 500],
    [200, 100],
  ]);
  const x = vector(labels, [1000, 2000]);
  const solver = leontiefSolver(technicalCoefficients(Z, x).matrix);
  const out = exportStop({ solver, x: x.values, va: [650, 1400] }, [
    { product: 's1', fraction: 0.5, industry: 0, exports: 200 },
  ]);
  assertClose(out.total, [-125.41, -26.4], 0.01, 'Δx');
  assert.equal(out.lostExports, 100);
});

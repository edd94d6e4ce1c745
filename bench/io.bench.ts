/**
 * `npm run bench io`: a generated FIGARO-size system (n = 2,944 = 46 regions × 64 industries) with a realistic
 * sparsity pattern — dense-ish domestic blocks (50 % of cells), sparse trade blocks (4 %), column sums of A in
 * [0.35, 0.75] — timed for one import-stop shock (direct + upstream + downstream: one plain and one transposed
 * iterative solve) and for the full dense inverse, each as a ratio to numpy on the same matrix in the same run
 * (python3 with numpy; scipy's sparse BiCGSTAB too when scipy is there). Results are checked against numpy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importStop } from '../src/methods/io/import-stop.js';
import { iMinus, leontiefSolver } from '../src/methods/io/leontief.js';
import { luFactor, luInverse } from '../src/methods/io/lu.js';
import { csrFromTriplets } from '../src/methods/io/sparse.js';

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateFigaroLike(regions = 46, sectors = 64, seed = 2944) {
  const n = regions * sectors;
  const r = rng(seed);
  const rows: number[] = [];
  const cols: number[] = [];
  const vals: number[] = [];
  for (let j = 0; j < n; j++) {
    const rj = Math.floor(j / sectors);
    const entries: [number, number][] = [];
    for (let i = 0; i < n; i++) {
      const domestic = Math.floor(i / sectors) === rj;
      if (i === j || r() < (domestic ? 0.5 : 0.04)) entries.push([i, (domestic ? 1 : 0.15) * r() ** 2]);
    }
    const sum = entries.reduce((s, [, v]) => s + v, 0);
    const colSum = 0.35 + 0.4 * r();
    for (const [i, v] of entries) {
      rows.push(i);
      cols.push(j);
      vals.push((v / sum) * colSum);
    }
  }
  const x = Float64Array.from({ length: n }, () => 100 + 10_000 * r());
  return { n, csr: csrFromTriplets(n, n, rows, cols, vals), x };
}

const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, (performance.now() - t) / 1000];
};

const python = `
import sys, time, json
import numpy as np
n = int(sys.argv[2]); A = np.fromfile(sys.argv[1] + '/A.bin').reshape(n, n)
b1 = np.fromfile(sys.argv[1] + '/b1.bin'); b2 = np.fromfile(sys.argv[1] + '/b2.bin')
M = np.eye(n) - A
out = {}
t = time.perf_counter(); u = np.linalg.solve(M, b1); w = np.linalg.solve(M.T, b2); out['shock'] = time.perf_counter() - t
t = time.perf_counter(); L = np.linalg.inv(M); out['inverse'] = time.perf_counter() - t
out['u'] = u.tolist(); out['w'] = w.tolist(); out['L00'] = float(L[0, 0]); out['Lsum'] = float(L.sum())
try:
    import scipy.sparse as sp, scipy.sparse.linalg as sla
    S = sp.csr_matrix(M)
    t = time.perf_counter(); u2, _ = sla.bicgstab(S, b1, rtol=1e-12); w2, _ = sla.bicgstab(S.T.tocsr(), b2, rtol=1e-12); out['scipy_bicgstab'] = time.perf_counter() - t
except Exception as e:
    out['scipy_bicgstab'] = None
print(json.dumps(out))
`;

export async function run(): Promise<void> {
  const [{ n, csr, x }, genSeconds] = time(() => generateFigaroLike());
  console.log(
    `generated n = ${n}, ${csr.values.length} non-zeros (${((100 * csr.values.length) / (n * n)).toFixed(1)} %) in ${genSeconds.toFixed(1)} s`,
  );
  const labels = Array.from({ length: n }, (_, i) => `r${Math.floor(i / 64)}_s${i % 64}`);
  const A = { rows: labels, cols: labels, csr };
  // One shock: imports of 3 products of region 0 fall by 50 %, used by 20 industries each.
  const cuts = [3, 17, 40].map((p) => ({
    product: `s${p}`,
    fraction: 0.5,
    users: Array.from({ length: 20 }, (_, k) => ({ industry: (k * 7 + p) % 64, value: 10 })),
    finalUse: 5,
  }));
  const va = x.map((v) => v * 0.4);
  const [shock, shockSeconds] = time(() => {
    const solver = leontiefSolver(A, { solver: 'iterative' });
    const out = importStop({ solver, x, va }, cuts);
    return { out, report: solver.report() };
  });
  console.log(
    `one shock (iterative BiCGSTAB, ${shock.report.solves} solves, ${shock.report.iterations} iterations, max residual ${shock.report.maxResidual.toExponential(1)}): ${shockSeconds.toFixed(3)} s`,
  );
  // The same two right-hand sides for numpy.
  const solver = leontiefSolver(A, { solver: 'iterative' });
  const dx = shock.out.direct;
  const b1 = solver.multiplyA(dx);
  const s = dx.map((v, j) => v / x[j]);
  const b2 = solver.multiplyATransposed(s);
  const [[u, w], solveSeconds] = time(() => [solver.solve(b1), solver.solveTransposed(b2)]);
  const dense = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) dense[i * n + csr.colIdx[k]] = csr.values[k];
  const [L, inverseSeconds] = time(() => luInverse(luFactor(iMinus(dense, n), n)));
  console.log(`full inverse (dense LU in Float64Array kernels): ${inverseSeconds.toFixed(1)} s`);
  const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
  if (!hasNumpy) {
    console.log('python3 with numpy is absent: no numpy floor; ratios are against our own dense LU instead');
    console.log(`shock / dense inverse = ${(shockSeconds / inverseSeconds).toFixed(4)}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'radar-io-bench-'));
  try {
    writeFileSync(join(dir, 'A.bin'), Buffer.from(dense.buffer));
    writeFileSync(join(dir, 'b1.bin'), Buffer.from(Float64Array.from(b1).buffer));
    writeFileSync(join(dir, 'b2.bin'), Buffer.from(Float64Array.from(b2).buffer));
    const np = JSON.parse(
      execFileSync('python3', ['-c', python, dir, String(n)], { encoding: 'utf8', maxBuffer: 1 << 28 }),
    );
    const rel = (a: ArrayLike<number>, b: number[]) => {
      let m = 0;
      let scale = 0;
      for (let i = 0; i < b.length; i++) {
        m = Math.max(m, Math.abs(a[i] - b[i]));
        scale = Math.max(scale, Math.abs(b[i]));
      }
      return m / scale;
    };
    let Lsum = 0;
    for (let k = 0; k < L.length; k++) Lsum += L[k];
    console.log(
      `check: iterative vs numpy solve, max relative difference ${rel(u, np.u).toExponential(1)} (plain), ${rel(w, np.w).toExponential(1)} (transposed); L[0,0] ${L[0].toFixed(12)} vs ${np.L00.toFixed(12)}; ΣL rel. diff ${Math.abs(Lsum - np.Lsum) / np.Lsum}`,
    );
    console.log('| measure | Radar (TS) | numpy | ratio TS/numpy |');
    console.log('|---|---|---|---|');
    console.log(
      `| one shock, 2 solves (TS iterative vs numpy dense LAPACK solve) | ${solveSeconds.toFixed(3)} s | ${np.shock.toFixed(3)} s | ${(solveSeconds / np.shock).toFixed(2)} |`,
    );
    console.log(
      `| one shock, whole importStop incl. setup | ${shockSeconds.toFixed(3)} s | ${np.shock.toFixed(3)} s | ${(shockSeconds / np.shock).toFixed(2)} |`,
    );
    console.log(
      `| full inverse (TS dense LU vs numpy inv) | ${inverseSeconds.toFixed(1)} s | ${np.inverse.toFixed(2)} s | ${(inverseSeconds / np.inverse).toFixed(1)} |`,
    );
    if (np.scipy_bicgstab)
      console.log(
        `| 2 solves, scipy.sparse BiCGSTAB (same tolerance) | ${solveSeconds.toFixed(3)} s | ${np.scipy_bicgstab.toFixed(3)} s | ${(solveSeconds / np.scipy_bicgstab).toFixed(2)} |`,
      );
    console.log(`goal "a shock in < 1 s": ${shockSeconds < 1 ? 'met' : 'NOT met'} (${shockSeconds.toFixed(3)} s)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

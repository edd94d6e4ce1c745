/**
 * Export-stop shock (demand side): foreign demand for given products falls by a fraction (docs/methods.md §2,
 * "Export stop (demand-side)"; FPB 2024: about €1 bn, 0.5 % of Belgian manufacturing VA for a full stop).
 *   Δf_p = − cut_p · exports_p,   Δx = L·Δf,   ΔVA = v̂·Δx.
 * Parameters: `exportOrigin` = 'domestic' [U, assumed]: the lost exports are domestic output of the producing
 * industry (re-exports of imported goods are not separated unless the table has a domestic/imported split);
 * `capAtOutput` = true. L·Δf already contains the direct effect (Δf) and the upstream effects.
 */
import { finish, type ShockOutcome, type ShockSystem } from './import-stop.js';

export interface ExportCut {
  product: string;
  fraction: number;
  /** Index of the industry producing the product (solver labels). */
  industry: number;
  /** Exports of the product (table units). */
  exports: number;
}

export interface ExportStopParams {
  exportOrigin: 'domestic';
  capAtOutput: boolean;
}

export const exportStopDefaults: ExportStopParams = { exportOrigin: 'domestic', capAtOutput: true };

export function exportStop(
  system: ShockSystem,
  cuts: readonly ExportCut[],
  params: ExportStopParams = exportStopDefaults,
): ShockOutcome {
  const n = system.solver.labels.length;
  const df = new Float64Array(n);
  let lost = 0;
  for (const cut of cuts) {
    df[cut.industry] -= cut.fraction * cut.exports;
    lost += cut.fraction * cut.exports;
  }
  const dx = system.solver.solve(df);
  const upstream = new Float64Array(n);
  for (let j = 0; j < n; j++) upstream[j] = dx[j] - df[j];
  return finish(system, df, upstream, new Float64Array(n), params.capAtOutput, {
    lostIntermediateImports: 0,
    lostFinalImports: 0,
    lostExports: lost,
  });
}

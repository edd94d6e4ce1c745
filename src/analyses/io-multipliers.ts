/**
 * "Which industries pull the economy most?" Output and value-added multipliers, backward and forward linkages and
 * (on tables small enough for the explicit inverse) hypothetical extraction, per industry of an IO table
 * (docs/methods.md §2; Eurostat Manual 2008 ch. 15). On large tables each column is one iterative solve; the
 * solver and its residual are reported in method.params.
 * Parameter `coefficients`: A from domestic flows (default; the Eurostat Manual's domestic table; for tables
 * without an imported-use split the split is estimated by import proportionality, assumed).
 */
import { type Result, result } from '../domain/result.js';
import { sparseTechnicalCoefficients } from '../methods/io/coefficients.js';
import { hypotheticalExtraction } from '../methods/io/extraction.js';
import { leontiefInverse, leontiefSolver, type SolverChoice } from '../methods/io/leontief.js';
import { backwardLinkages, forwardLinkages } from '../methods/io/linkages.js';
import { vector } from '../methods/io/matrix.js';
import { outputMultipliers, totalCoefficientMultipliers } from '../methods/io/multipliers.js';
import { csrToDense } from '../methods/io/sparse.js';
import type { Db } from '../store/db.js';
import { readIoSystem } from './io-system.js';
import { provenance } from './provenance.js';

export interface IoMultipliersOptions {
  table: string;
  region?: string;
  solver?: SolverChoice;
  /** Hypothetical extraction needs the explicit L: only up to this many industries. */
  extractionLimit?: number;
}

/**
 * @example (await ioMultipliers(db, { table: 'oecd-iot:BEL2020' })).rows[0]
 * // { industry: 'D01', output_multiplier: 1.6…, va_multiplier: 0.6…, … }
 */
export async function ioMultipliers(db: Db, options: IoMultipliersOptions): Promise<Result> {
  const sys = await readIoSystem(db, options.table);
  const warnings = [...sys.warnings];
  const n = sys.industries.length;
  const coef = sparseTechnicalCoefficients(sys.Z, vector(sys.Z.cols, sys.x));
  if (coef.zeroOutput.length)
    warnings.push(
      `${coef.zeroOutput.length} industries have zero output; their coefficients and multipliers are set from zero columns (${coef.zeroOutput.slice(0, 8).join(', ')})`,
    );
  const solver = leontiefSolver(coef.matrix, { solver: options.solver ?? 'auto' });
  const om = outputMultipliers(solver);
  const v = sys.va.map((va, j) => (sys.x[j] === 0 ? 0 : va / sys.x[j]));
  const vam = totalCoefficientMultipliers(solver, v);
  const bl = backwardLinkages(solver);
  const fl = forwardLinkages(solver, sys.x);
  const limit = options.extractionLimit ?? 800;
  const extraction =
    n <= limit
      ? hypotheticalExtraction(
          leontiefInverse({ rows: coef.matrix.rows, cols: coef.matrix.cols, values: csrToDense(coef.matrix.csr) }),
          vector(sys.Z.cols, sys.x),
        )
      : undefined;
  if (!extraction)
    warnings.push(
      `hypothetical extraction skipped: ${n} industries (the explicit inverse is formed only up to ${limit})`,
    );
  const report = solver.report();
  const rows = sys.industries.flatMap((ind, j) =>
    !options.region || ind.region === options.region
      ? [
          {
            industry: ind.label,
            region: ind.region,
            sector: ind.sector,
            output: sys.x[j],
            value_added: sys.va[j],
            output_multiplier: om[j],
            va_multiplier: vam[j],
            backward_linkage: bl.normalised[j],
            forward_linkage: fl.normalised[j],
            forward_linkage_total: fl.total[j],
            extraction_backward_loss: extraction?.backward[j] ?? null,
            extraction_forward_loss: extraction?.forward[j] ?? null,
            extraction_backward_share: extraction?.backwardShare[j] ?? null,
            extraction_forward_share: extraction?.forwardShare[j] ?? null,
          },
        ]
      : [],
  );
  const unit = sys.table.unit;
  return result({
    columns: [
      { name: 'industry', type: 'string' },
      { name: 'region', type: 'string' },
      { name: 'sector', type: 'string' },
      { name: 'output', type: 'number', unit },
      { name: 'value_added', type: 'number', unit },
      { name: 'output_multiplier', type: 'number', description: 'column sum of the Leontief inverse' },
      { name: 'va_multiplier', type: 'number', description: "value added per unit of final demand (v'L)" },
      { name: 'backward_linkage', type: 'number', description: 'output multiplier / mean (Rasmussen)' },
      { name: 'forward_linkage', type: 'number', description: 'Ghosh row sum / mean' },
      { name: 'forward_linkage_total', type: 'number', description: 'row sum of the Ghosh inverse' },
      {
        name: 'extraction_backward_loss',
        type: 'number',
        unit,
        description: 'output lost if the industry bought nothing from the system',
      },
      {
        name: 'extraction_forward_loss',
        type: 'number',
        unit,
        description: 'output lost if the industry sold nothing to the system',
      },
      { name: 'extraction_backward_share', type: 'number', unit: 'fraction', description: 'of total output' },
      { name: 'extraction_forward_share', type: 'number', unit: 'fraction', description: 'of total output' },
    ],
    rows,
    provenance: await provenance(db, [sys.table.dataset_id]),
    method: {
      id: 'io.multipliers',
      version: '1',
      spec: 'docs/methods.md §2',
      params: {
        table: { value: `${sys.table.dataset_id}/${sys.table.table_id}`, assumed: false },
        coefficients: { value: sys.table.layout === 'national' ? 'domestic' : 'inter-regional', assumed: false },
        import_split: { value: sys.assumptions.importSplit, assumed: sys.assumptions.importSplit === 'proportional' },
        solver: {
          value: report.solver,
          assumed: false,
          description: `n = ${report.n}, ${report.nonZeros} non-zeros, ${report.solves} solves, ${report.iterations} iterations`,
        },
        solver_max_residual: { value: report.maxResidual, assumed: false, description: 'measured, not a parameter' },
      },
    },
    warnings,
  });
}

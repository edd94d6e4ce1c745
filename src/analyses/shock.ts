/**
 * "What value added is lost when strategic imports (or exports) stop?" (docs/methods.md §2, FPB IO shock; issue 6).
 * Composes: the IO table from the store (io-system.ts), products → IO industries (io-concordance.ts), and the pure
 * shocks in methods/io/import-stop.ts and export-stop.ts. Rows: two summary rows (all industries, manufacturing)
 * followed by one row per industry of the focal country; every assumption is a named parameter in method.params,
 * and the solver's residual is reported there too.
 */
import { UsageError, UserError } from '../domain/errors.js';
import { type Column, type ParamValue, type Result, result } from '../domain/result.js';
import { sparseTechnicalCoefficients } from '../methods/io/coefficients.js';
import { exportStop } from '../methods/io/export-stop.js';
import {
  type ImportCut,
  type ImportStopParams,
  importStop,
  importStopDefaults,
  type ShockOutcome,
} from '../methods/io/import-stop.js';
import { type LeontiefSolver, leontiefSolver, type SolverChoice } from '../methods/io/leontief.js';
import { vector } from '../methods/io/matrix.js';
import type { Db } from '../store/db.js';
import { cpaForHs, isManufacturing, sectorForCpa } from './io-concordance.js';
import { type IoSystemData, readIoSystem } from './io-system.js';
import { provenance } from './provenance.js';

export interface CodeCut {
  /** A table sector ('24B', 'C24'), 'HS:8112' or 'CPA:24.4'. */
  code: string;
  fraction: number;
}

/** A lost value of one traded product (from a screening result), in its own currency units. */
export interface ValueCut {
  product: string;
  value: number;
  currency: string;
}

export interface ShockOptions {
  table: string;
  importCuts?: CodeCut[];
  exportCuts?: CodeCut[];
  /** Product values to stop (from a saved screen); `stopFraction` of each is lost. */
  importValues?: ValueCut[];
  exportValues?: ValueCut[];
  stopFraction?: number;
  region?: string;
  variant?: ImportStopParams['variant'];
  upstream?: boolean;
  downstream?: boolean;
  solver?: SolverChoice;
  /** USD per EUR, to put EUR trade values into a USD table. */
  usdPerEur?: number;
  /** Extra parameters to show (e.g. the screen a shock came from). */
  extraParams?: Record<string, ParamValue>;
}

/** ECB reference rate USD per EUR, simple means of the monthly averages (../shared/data/real/fx-ecb/SOURCE.md). */
const usdPerEurByYear: Record<number, number> = {
  2019: 1.1196,
  2020: 1.1413,
  2021: 1.1835,
  2022: 1.0539,
  2023: 1.0816,
  2024: 1.0821,
};

/**
 * @example await shockImpact(db, { table: 'oecd-iot:BEL2020', importCuts: [{ code: '24B', fraction: 0.5 }] })
 * // rows[1] = { industry: 'manufacturing', value_added_change: −…, share_of_manufacturing_va: −0.0… }
 */
export async function shockImpact(db: Db, options: ShockOptions): Promise<Result> {
  const sys = await readIoSystem(db, options.table);
  const warnings = [...sys.warnings];
  const region = options.region ?? (sys.table.layout === 'national' ? undefined : undefined);
  if (sys.table.layout === 'multi-regional' && !region) {
    throw new UsageError(
      'a multi-regional table needs --region (the country whose imports or exports stop), e.g. --region BEL',
    );
  }
  const sectors = [...new Set(sys.industries.map((i) => i.sector))];
  const n = sys.industries.length;
  const coef = sparseTechnicalCoefficients(sys.Z, vector(sys.Z.cols, sys.x));
  if (coef.zeroOutput.length)
    warnings.push(
      `${coef.zeroOutput.length} industries have zero output; their coefficients are set to 0 (${coef.zeroOutput.slice(0, 8).join(', ')})`,
    );
  const solver = leontiefSolver(coef.matrix, { solver: options.solver ?? 'auto' });
  const system = { solver, x: sys.x, va: sys.va };
  const params: ImportStopParams = {
    ...importStopDefaults,
    variant: options.variant ?? importStopDefaults.variant,
    upstream: options.upstream ?? importStopDefaults.upstream,
    downstream: options.downstream ?? importStopDefaults.downstream,
  };
  const toTable = currencyConverter(sys, options, warnings);
  const imports = sys.imports(region);
  const exports = sys.exports(region);
  // Import cuts: codes with fractions, plus product values turned into fractions of the IO product's imports.
  const importFractions = new Map<string, number>();
  for (const c of options.importCuts ?? []) importFractions.set(resolveSector(c.code, sectors), checkFraction(c));
  const exportFractions = new Map<string, number>();
  for (const c of options.exportCuts ?? []) exportFractions.set(resolveSector(c.code, sectors), checkFraction(c));
  const stop = options.stopFraction ?? 1;
  valuesToFractions(
    options.importValues ?? [],
    stop,
    sectors,
    toTable,
    (s) => imports.get(s)?.total ?? 0,
    importFractions,
    warnings,
    'imports',
  );
  valuesToFractions(
    options.exportValues ?? [],
    stop,
    sectors,
    toTable,
    (s) => exports.get(s)?.value ?? 0,
    exportFractions,
    warnings,
    'exports',
  );
  if (importFractions.size === 0 && exportFractions.size === 0) {
    throw new UsageError(
      'no shock given: pass --imports-cut CODE=FRACTION, --exports-cut CODE=FRACTION or --from-screen RESULT',
    );
  }
  const cuts: ImportCut[] = [...importFractions].map(([sector, fraction]) => {
    const use = imports.get(sector);
    if (!use || use.total === 0) warnings.push(`the table records no imports of ${sector}: its cut has no effect`);
    return { product: sector, fraction, users: use?.users ?? [], finalUse: use?.finalUse ?? 0 };
  });
  const importOutcome = cuts.length ? importStop(system, cuts, params) : undefined;
  const exportOutcome = exportFractions.size
    ? exportStop(
        system,
        [...exportFractions].map(([sector, fraction]) => {
          const e = exports.get(sector);
          if (!e) throw new UsageError(`no exporting industry ${sector} in ${region ?? 'the table'}`);
          return { product: sector, fraction, industry: e.industry, exports: e.value };
        }),
      )
    : undefined;
  const outcome = combine(n, importOutcome, exportOutcome, sys.x, sys.va);
  if (outcome.capped.length)
    warnings.push(
      `${outcome.capped.length} industries lose all their output (loss capped at output): ${outcome.capped
        .slice(0, 8)
        .map((j) => sys.industries[j].label)
        .join(', ')}`,
    );
  const report = solver.report();
  if (!report.converged)
    warnings.push(`the iterative solver did not converge (largest residual ${report.maxResidual.toExponential(2)})`);
  return result({
    columns: shockColumns(sys.table.unit),
    rows: shockRows(sys, outcome, region),
    provenance: await provenance(db, [sys.table.dataset_id]),
    method: {
      id: 'io.shock',
      version: '1',
      spec: 'docs/methods.md §2 (FPB IO shock)',
      params: {
        table: { value: `${sys.table.dataset_id}/${sys.table.table_id}`, assumed: false },
        region: { value: region ?? sys.table.country, assumed: false },
        import_cuts: {
          value: Object.fromEntries(importFractions),
          assumed: false,
          description: "fraction of each IO product's imports that stops",
        },
        export_cuts: {
          value: Object.fromEntries(exportFractions),
          assumed: false,
          description: "fraction of each IO product's exports that stops",
        },
        variant: {
          value: params.variant,
          assumed: true,
          description:
            'leontief_fixed_prop: output limited by the scarcest imported input; ghosh: lost imports as a primary-input cut (methods.md §2 [U])',
        },
        substitution: {
          value: params.substitution,
          assumed: true,
          description: 'no substitution of the lost imports by other inputs or suppliers',
        },
        rationing: {
          value: params.rationing,
          assumed: true,
          description: 'every user of a product loses the same fraction of its imported use',
        },
        upstream: {
          value: params.upstream,
          assumed: true,
          description: 'hit industries buy less from their suppliers: L·A·Δx (Leontief)',
        },
        downstream: {
          value: params.variant === 'ghosh' ? 'in Ghosh' : params.downstream,
          assumed: true,
          description: "customers of hit industries get less supply: Δx'·B·G (Ghosh)",
        },
        cap_at_output: {
          value: params.capAtOutput,
          assumed: true,
          description: 'no industry loses more than its output',
        },
        import_split: {
          value: sys.assumptions.importSplit,
          assumed: sys.assumptions.importSplit === 'proportional',
          description:
            'table: imported-use table; proportional: import proportionality (imports serve all domestic users alike)',
        },
        export_origin: {
          value: sys.assumptions.exportOrigin,
          assumed: sys.assumptions.exportOrigin === 'domestic',
          description: 'exports are domestic output of the producing industry',
        },
        concordance: { value: 'reference/cpa-hs-concordance.csv (HS → CPA division, written by Radar)', assumed: true },
        ...(options.extraParams ?? {}),
        solver: {
          value: report.solver,
          assumed: false,
          description: `n = ${report.n}, ${report.nonZeros} non-zeros in A, ${report.solves} solves, ${report.iterations} iterations`,
        },
        solver_max_residual: {
          value: report.maxResidual,
          assumed: false,
          description: 'measured: largest ‖b − (I − A)x‖∞ / ‖b‖∞ over the solves (not a parameter)',
        },
      },
    },
    warnings,
  });
}

/** `CODE=FRACTION` → a cut; a bad pair is a usage error naming it. */
export function parseCuts(pairs: readonly string[] | undefined, option: string): CodeCut[] {
  return (pairs ?? []).map((pair) => {
    const m = /^([^=]+)=([-+0-9.eE]+)$/.exec(pair.trim());
    if (!m || !Number.isFinite(Number(m[2])))
      throw new UsageError(`invalid ${option}: "${pair}" (expected CODE=FRACTION, e.g. 24B=0.5)`);
    return { code: m[1], fraction: Number(m[2]) };
  });
}

function checkFraction(c: CodeCut): number {
  if (!(c.fraction >= 0 && c.fraction <= 1))
    throw new UserError(`cut ${c.code}=${c.fraction}: the fraction must be between 0 and 1`);
  return c.fraction;
}

/** A table sector from '24B', 'D24B', 'C24', 'HS:8112' or 'CPA:24.4'. */
export function resolveSector(code: string, sectors: readonly string[]): string {
  const direct = sectors.find((s) => s === code || s === code.replace(/^D(?=\d)/, '') || `D${s}` === code);
  if (direct) return direct;
  const [scheme, value] = code.includes(':') ? code.split(':') : ['', code];
  const cpa = /^hs$/i.test(scheme) ? cpaForHs(value) : /^cpa$/i.test(scheme) ? value : undefined;
  const sector = cpa ? sectorForCpa(cpa, sectors) : undefined;
  if (sector) return sector;
  throw new UsageError(
    `unknown product: "${code}" (expected a sector of the table, HS:code or CPA:division)`,
    `Sectors: ${sectors.slice(0, 40).join(', ')}`,
  );
}

function currencyConverter(sys: IoSystemData, options: ShockOptions, warnings: string[]) {
  const unit = sys.table.unit; // 'USD million' | 'EUR million'
  return (value: number, currency: string): number => {
    const cur = currency.toUpperCase();
    const tableCur = unit.split(' ')[0].toUpperCase();
    let v = value;
    if (cur !== tableCur) {
      if (cur === 'EUR' && tableCur === 'USD') {
        const year = sys.table.year ?? 0;
        const rate = options.usdPerEur ?? usdPerEurByYear[year];
        if (!rate)
          throw new UserError(
            `the table is in ${unit} and the values in EUR: pass --usd-per-eur (no default rate for ${year})`,
          );
        if (!options.usdPerEur && !warnings.some((w) => w.startsWith('EUR converted')))
          warnings.push(`EUR converted to USD at ${rate} USD/EUR (ECB mean of monthly averages, ${year}; assumed)`);
        v *= rate;
      } else if (cur === 'USD' && tableCur === 'EUR') {
        const rate = options.usdPerEur ?? usdPerEurByYear[sys.table.year ?? 0];
        if (!rate) throw new UserError(`the table is in ${unit} and the values in USD: pass --usd-per-eur`);
        v /= rate;
      } else throw new UserError(`cannot convert ${currency} into ${unit}`);
    }
    return /million/i.test(unit) ? v / 1e6 : v;
  };
}

function valuesToFractions(
  values: readonly ValueCut[],
  stop: number,
  sectors: readonly string[],
  toTable: (v: number, currency: string) => number,
  totalOf: (sector: string) => number,
  fractions: Map<string, number>,
  warnings: string[],
  what: string,
): void {
  if (!values.length) return;
  const lost = new Map<string, number>();
  const unmapped: string[] = [];
  for (const v of values) {
    const cpa = cpaForHs(v.product);
    const sector = cpa ? sectorForCpa(cpa, sectors) : undefined;
    if (!sector) {
      unmapped.push(v.product);
      continue;
    }
    lost.set(sector, (lost.get(sector) ?? 0) + stop * toTable(v.value, v.currency));
  }
  if (unmapped.length)
    warnings.push(
      `${unmapped.length} products have no IO industry in the concordance and are left out: ${unmapped.slice(0, 10).join(', ')}`,
    );
  for (const [sector, value] of lost) {
    const total = totalOf(sector);
    const fraction = total > 0 ? value / total : 0;
    if (fraction > 1)
      warnings.push(
        `the stopped ${what} of ${sector} (${value.toFixed(1)}) exceed the table's ${what} of it (${total.toFixed(1)}); the cut is capped at 100 %`,
      );
    if (total <= 0)
      warnings.push(`the table records no ${what} of ${sector}; ${value.toFixed(1)} of stopped ${what} have no effect`);
    fractions.set(sector, Math.min(1, (fractions.get(sector) ?? 0) + fraction));
  }
}

function combine(
  n: number,
  a: ShockOutcome | undefined,
  b: ShockOutcome | undefined,
  x: Float64Array,
  va: Float64Array,
): ShockOutcome {
  if (a && !b) return a;
  if (b && !a) return b;
  const sum = (k: 'direct' | 'upstream' | 'downstream') =>
    Float64Array.from({ length: n }, (_, j) => (a?.[k][j] ?? 0) + (b?.[k][j] ?? 0));
  const total = new Float64Array(n);
  const valueAdded = new Float64Array(n);
  const capped: number[] = [];
  for (let j = 0; j < n; j++) {
    let t = (a?.total[j] ?? 0) + (b?.total[j] ?? 0);
    if (-t > x[j]) {
      t = -x[j];
      if (x[j] > 0) capped.push(j);
    }
    total[j] = t;
    valueAdded[j] = x[j] === 0 ? 0 : (va[j] / x[j]) * t;
  }
  return {
    direct: sum('direct'),
    upstream: sum('upstream'),
    downstream: sum('downstream'),
    total,
    valueAdded,
    capped,
    lostIntermediateImports: a?.lostIntermediateImports ?? 0,
    lostFinalImports: a?.lostFinalImports ?? 0,
    lostExports: b?.lostExports ?? 0,
  };
}

function shockColumns(unit: string): Column[] {
  return [
    { name: 'row', type: 'string', description: "'summary' or 'industry'" },
    { name: 'industry', type: 'string', description: 'industry label of the table, or all / manufacturing' },
    { name: 'region', type: 'string' },
    { name: 'manufacturing', type: 'boolean', description: 'NACE section C (divisions 10–33)' },
    { name: 'output', type: 'number', unit },
    { name: 'value_added', type: 'number', unit },
    { name: 'output_change_direct', type: 'number', unit },
    { name: 'output_change_upstream', type: 'number', unit },
    { name: 'output_change_downstream', type: 'number', unit },
    { name: 'output_change', type: 'number', unit, description: 'after capping at output' },
    { name: 'value_added_change', type: 'number', unit },
    { name: 'value_added_change_share', type: 'number', unit: 'fraction', description: "of the row's own value added" },
    {
      name: 'share_of_manufacturing_va',
      type: 'number',
      unit: 'fraction',
      description: 'value added change / manufacturing value added of the country',
    },
  ];
}

function shockRows(sys: IoSystemData, o: ShockOutcome, region?: string) {
  const inFocus = (j: number) => !region || sys.industries[j].region === region;
  const manufacturing = sys.industries.map((ind) => isManufacturing(ind.sector));
  let manufacturingVa = 0;
  sys.industries.forEach((_, j) => {
    if (inFocus(j) && manufacturing[j]) manufacturingVa += sys.va[j];
  });
  const share = (v: number, base: number) => (base === 0 ? null : v / base);
  const industryRows = sys.industries.flatMap((ind, j) =>
    inFocus(j)
      ? [
          {
            row: 'industry',
            industry: ind.label,
            region: ind.region,
            manufacturing: manufacturing[j],
            output: sys.x[j],
            value_added: sys.va[j],
            output_change_direct: o.direct[j],
            output_change_upstream: o.upstream[j],
            output_change_downstream: o.downstream[j],
            output_change: o.total[j],
            value_added_change: o.valueAdded[j],
            value_added_change_share: share(o.valueAdded[j], sys.va[j]),
            share_of_manufacturing_va: share(o.valueAdded[j], manufacturingVa),
          },
        ]
      : [],
  );
  const summary = (name: string, rows: typeof industryRows) => {
    const add = (k: keyof (typeof industryRows)[number]) => rows.reduce((s, r) => s + (r[k] as number), 0);
    const vaChange = add('value_added_change');
    return {
      row: 'summary',
      industry: name,
      region: region ?? sys.table.country,
      manufacturing: name === 'manufacturing',
      output: add('output'),
      value_added: add('value_added'),
      output_change_direct: add('output_change_direct'),
      output_change_upstream: add('output_change_upstream'),
      output_change_downstream: add('output_change_downstream'),
      output_change: add('output_change'),
      value_added_change: vaChange,
      value_added_change_share: share(vaChange, add('value_added')),
      share_of_manufacturing_va: share(vaChange, manufacturingVa),
    };
  };
  return [
    summary('all', industryRows),
    summary(
      'manufacturing',
      industryRows.filter((r) => r.manufacturing),
    ),
    ...industryRows,
  ];
}

export type { LeontiefSolver };

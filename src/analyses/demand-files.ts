import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { UserError } from '../domain/errors.js';
import type { Provenance } from '../domain/result.js';
import type { IntensityRow } from '../methods/demand/bottom-up.js';
import { checkLifetime, type LifetimeModel } from '../methods/stock-flow/lifetime.js';
import { packageRoot } from '../store/package-root.js';

/**
 * User scenario files for the bottom-up demand model and the stock model: small CSVs a user writes (or the
 * bundled ones in reference/scenarios/). Every error names file:line and the column, and says what was expected.
 */

export interface CsvRecord {
  line: number;
  values: Record<string, string>;
}

export interface UserFile {
  path: string;
  name: string;
  sha256: string;
  records: CsvRecord[];
}

export const scenarioDir = join(packageRoot, 'reference', 'scenarios');

/** A bundled scenario name (e.g. "flanders-energy-plan") or a path → the file's path. */
export function scenarioPath(nameOrPath: string): string {
  if (existsSync(nameOrPath)) return nameOrPath;
  const bundled = join(scenarioDir, `${nameOrPath.replace(/\.csv$/, '')}.csv`);
  if (!/[\\/]/.test(nameOrPath) && existsSync(bundled)) return bundled;
  throw new UserError(
    `file not found: ${nameOrPath}`,
    'Give a CSV path, or the name of a file in reference/scenarios/.',
  );
}

export function readCsvFile(nameOrPath: string, required: readonly string[]): UserFile {
  const path = scenarioPath(nameOrPath);
  const name = basename(path);
  const bytes = readFileSync(path);
  let parsed: { record: Record<string, string>; info: { lines: number } }[];
  try {
    parsed = parse(bytes, { columns: true, bom: true, trim: true, skip_empty_lines: true, info: true });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new UserError(`${name}:${e.lines ?? 1}: not a readable CSV file (${e.message})`);
  }
  const header = parsed.length ? Object.keys(parsed[0].record) : [];
  const missing = required.filter((c) => !header.includes(c));
  if (parsed.length === 0) throw new UserError(`${name}: no rows under the header`);
  if (missing.length) {
    throw new UserError(
      `${name}:1: missing column(s) ${missing.join(', ')} (expected at least ${required.join(', ')})`,
    );
  }
  return {
    path,
    name,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    records: parsed.map((p) => ({ line: p.info.lines, values: p.record })),
  };
}

/** Provenance entry of a user file (it is not a store dataset; its sha256 identifies it). */
export function fileProvenance(file: UserFile, title: string): Provenance {
  return { dataset: `file:${file.name}`, source: title, vintage: null, url: null, sha256: file.sha256, licence: null };
}

export function numberAt(file: UserFile, r: CsvRecord, column: string, check?: (v: number) => string | null): number {
  const text = r.values[column] ?? '';
  const v = Number(text.replace(/_/g, ''));
  if (text === '' || !Number.isFinite(v)) {
    throw new UserError(`${file.name}:${r.line}: column ${column}: expected a number, found "${text}"`);
  }
  const problem = check?.(v);
  if (problem) throw new UserError(`${file.name}:${r.line}: column ${column}: ${problem}`);
  return v;
}

const yearCheck = (v: number) => (Number.isInteger(v) && v >= 1900 && v <= 2200 ? null : 'expected a year');
const nonNegative = (v: number) => (v >= 0 ? null : `must be ≥ 0 (got ${v})`);

/** Deployment units → MW (power capacity) or 'unit' (counted items, e.g. vehicles). */
const deploymentUnits: Record<string, { base: 'MW' | 'unit'; factor: number }> = {
  kw: { base: 'MW', factor: 1e-3 },
  kwp: { base: 'MW', factor: 1e-3 },
  mw: { base: 'MW', factor: 1 },
  mwp: { base: 'MW', factor: 1 },
  gw: { base: 'MW', factor: 1e3 },
  gwp: { base: 'MW', factor: 1e3 },
  unit: { base: 'unit', factor: 1 },
  units: { base: 'unit', factor: 1 },
};

/** Intensity units → t per MW or t per unit. */
const intensityUnits: Record<string, { base: 'MW' | 'unit'; factor: number }> = {
  't/mw': { base: 'MW', factor: 1 },
  'kg/mw': { base: 'MW', factor: 1e-3 },
  't/gw': { base: 'MW', factor: 1e-3 },
  'kg/kw': { base: 'MW', factor: 1 },
  'g/w': { base: 'MW', factor: 1 },
  't/unit': { base: 'unit', factor: 1 },
  'kg/unit': { base: 'unit', factor: 1e-3 },
};

export interface Deployment {
  file: UserFile;
  scenario: string;
  /** Per technology: cumulative stock (MW or units) by year, or additions by year. */
  series: Map<string, { basis: 'cumulative' | 'additions'; base: 'MW' | 'unit'; points: Map<number, number> }>;
}

/**
 * Deployment file: scenario, technology, year, value, unit, basis (cumulative | additions), source.
 * Units kW/MW/GW (p for peak) or unit; all of one technology must share a basis and a base unit.
 */
export function readDeployment(nameOrPath: string): Deployment {
  const file = readCsvFile(nameOrPath, ['technology', 'year', 'value', 'unit', 'basis']);
  const series: Deployment['series'] = new Map();
  const scenarios = new Set<string>();
  for (const r of file.records) {
    const technology = r.values.technology;
    if (!technology) throw new UserError(`${file.name}:${r.line}: column technology is empty`);
    const unit = deploymentUnits[(r.values.unit ?? '').toLowerCase()];
    if (!unit) {
      throw new UserError(
        `${file.name}:${r.line}: column unit: unknown unit "${r.values.unit}" (expected MW, MWp, GW, GWp, kW or unit)`,
      );
    }
    const basis = r.values.basis;
    if (basis !== 'cumulative' && basis !== 'additions') {
      throw new UserError(`${file.name}:${r.line}: column basis: expected cumulative or additions, found "${basis}"`);
    }
    const year = numberAt(file, r, 'year', yearCheck);
    const value = numberAt(file, r, 'value', nonNegative) * unit.factor;
    const s = series.get(technology) ?? { basis, base: unit.base, points: new Map<number, number>() };
    if (s.basis !== basis || s.base !== unit.base) {
      throw new UserError(
        `${file.name}:${r.line}: ${technology} mixes bases or units; use one basis and one kind of unit per technology`,
      );
    }
    if (s.points.has(year)) throw new UserError(`${file.name}:${r.line}: ${technology} ${year} is given twice`);
    s.points.set(year, value);
    series.set(technology, s);
    if (r.values.scenario) scenarios.add(r.values.scenario);
  }
  return { file, scenario: [...scenarios].join(', ') || file.name.replace(/\.csv$/, ''), series };
}

export interface Intensities {
  file: UserFile;
  rows: IntensityRow[];
  /** Base unit of each technology's intensities (per MW or per unit). */
  base: Map<string, 'MW' | 'unit'>;
  baseYear: number | null;
}

/** Intensity file: technology, sub_technology, sub_share, material, intensity, unit (t/MW, kg/MW, t/unit …), base_year. */
export function readIntensities(nameOrPath: string): Intensities {
  const file = readCsvFile(nameOrPath, ['technology', 'material', 'intensity', 'unit']);
  const rows: IntensityRow[] = [];
  const base = new Map<string, 'MW' | 'unit'>();
  const years = new Set<number>();
  for (const r of file.records) {
    const unit = intensityUnits[(r.values.unit ?? '').toLowerCase()];
    if (!unit) {
      throw new UserError(
        `${file.name}:${r.line}: column unit: unknown unit "${r.values.unit}" (expected t/MW, kg/MW, t/GW, kg/kW, t/unit or kg/unit)`,
      );
    }
    const technology = r.values.technology;
    if (base.has(technology) && base.get(technology) !== unit.base) {
      throw new UserError(`${file.name}:${r.line}: ${technology} mixes intensities per MW and per unit`);
    }
    base.set(technology, unit.base);
    if (r.values.base_year) years.add(numberAt(file, r, 'base_year', yearCheck));
    rows.push({
      technology,
      subTechnology: r.values.sub_technology || 'all',
      subShare: r.values.sub_share
        ? numberAt(file, r, 'sub_share', (v) => (v >= 0 && v <= 1 ? null : 'expected a share in [0, 1]'))
        : 1,
      material: r.values.material,
      intensity: numberAt(file, r, 'intensity', nonNegative) * unit.factor,
    });
  }
  if (years.size > 1)
    throw new UserError(`${file.name}: several base years (${[...years].join(', ')}); use one per file`);
  return { file, rows, base, baseYear: years.size ? [...years][0] : null };
}

/** "weibull:5.3759:30", "normal:25:5", "fixed:20" → a lifetime model. */
export function parseLifetimeSpec(spec: string, where = '--lifetime'): LifetimeModel {
  const [name, ...args] = spec.split(':');
  const n = args.map(Number);
  let model: LifetimeModel | undefined;
  if (name === 'normal' && n.length === 2) model = { distribution: 'normal', mean: n[0], sd: n[1] };
  if (name === 'weibull' && n.length === 2) model = { distribution: 'weibull', shape: n[0], scale: n[1] };
  if (name === 'fixed' && n.length === 1) model = { distribution: 'fixed', years: n[0] };
  if (!model) {
    throw new UserError(
      `${where}: cannot read lifetime "${spec}"`,
      'Use normal:<mean>:<sd>, weibull:<shape>:<scale> or fixed:<years> (years), e.g. weibull:5.3759:30',
    );
  }
  const problem = checkLifetime(model);
  if (problem) throw new UserError(`${where}: ${problem}`);
  return model;
}

/** Lifetime file: technology, lifetime (a spec as for --lifetime), source. */
export function readLifetimes(nameOrPath: string): { file: UserFile; models: Map<string, LifetimeModel> } {
  const file = readCsvFile(nameOrPath, ['technology', 'lifetime']);
  const models = new Map<string, LifetimeModel>();
  for (const r of file.records) {
    models.set(r.values.technology, parseLifetimeSpec(r.values.lifetime, `${file.name}:${r.line}: column lifetime`));
  }
  return { file, models };
}

/** A yearly series for the stock model: year plus inflow or stock (consecutive years). */
export function readSeries(nameOrPath: string): {
  file: UserFile;
  driver: 'inflow' | 'stock';
  years: number[];
  values: number[];
} {
  const file = readCsvFile(nameOrPath, ['year']);
  const columns = Object.keys(file.records[0].values);
  const driver = columns.includes('stock') ? 'stock' : columns.includes('inflow') ? 'inflow' : null;
  if (!driver || (columns.includes('stock') && columns.includes('inflow'))) {
    throw new UserError(`${file.name}:1: expected a column "inflow" or a column "stock" (one of them) next to "year"`);
  }
  const years: number[] = [];
  const values: number[] = [];
  for (const r of file.records) {
    const year = numberAt(file, r, 'year', yearCheck);
    if (years.length && year !== years.at(-1)! + 1) {
      throw new UserError(
        `${file.name}:${r.line}: years must be consecutive and ascending (${years.at(-1)} → ${year})`,
      );
    }
    years.push(year);
    values.push(numberAt(file, r, driver, nonNegative));
  }
  return { file, driver, years, values };
}

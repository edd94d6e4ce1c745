/**
 * Reads an IO table from the store into the arrays the methods in methods/io/ need: industries, output x, value
 * added, the intermediate flows used for A (sparse), imported use by product (for import stops) and exports by
 * product (for export stops). Every numerical choice the table leaves open is returned as a named assumption.
 *
 * National tables (oecd-iot):
 * - with the domestic/imported split (DOM_/IMP_ rows): A is built from domestic flows, imported use from IMP_ rows;
 * - without it (TTL_ rows only): `importSplit` = 'proportional' [U, assumed] — the import-proportionality
 *   assumption of the OECD TiVA / Eurostat manual: imports of product p serve every domestic user (intermediate and
 *   final, exports excluded) in the same share s_p = m_p / (total use_p − exports_p), m_p = −IMPO_p; imported use
 *   M_pj = s_p·Z_pj and domestic flows Z^d_pj = (1 − s_p)·Z_pj.
 * Multi-regional tables (oecd-icio, figaro): A covers every region; the imports of a focal region R are the flows
 * from other regions into R's industries and final demand, and R's exports the flows from R to other regions.
 * Output: the OUTPUT/OUT row when the table has one, else row sums over industries and final demand (FIGARO).
 */
import { UserError } from '../domain/errors.js';
import type { SparseMatrix } from '../methods/io/coefficients.js';
import { csrFromTriplets } from '../methods/io/sparse.js';
import type { Db } from '../store/db.js';
import { type IoLabelRow, type IoTableRow, readIoCells, readIoLabels, readIoTable } from '../store/io-queries.js';

export interface Industry {
  /** Column label in the file, e.g. 'D24B', 'BEL_24', 'BE_C24'. */
  label: string;
  region: string | null;
  sector: string;
}

export interface ImportedUse {
  /** Product (sector code), e.g. '24B' or 'C24'. */
  product: string;
  /** Imported intermediate use of the product by industry index. */
  users: { industry: number; value: number }[];
  finalUse: number;
  /** Total imports of the product (intermediate + final). */
  total: number;
}

export interface IoSystemData {
  table: IoTableRow;
  industries: Industry[];
  /** Flows used for A (domestic flows of a national table; all flows of a multi-regional one). */
  Z: SparseMatrix;
  x: Float64Array;
  va: Float64Array;
  /** Index of an industry by its sector (national) or region|sector (MR). */
  indexOf: Map<string, number>;
  assumptions: {
    importSplit: 'table' | 'proportional' | 'inter-regional';
    exportOrigin: 'domestic' | 'inter-regional';
  };
  warnings: string[];
  /** Imported use by product of the focal region (national: the country). */
  imports(region?: string): Map<string, ImportedUse>;
  /** Exports by product of the focal region: industry index and value. */
  exports(region?: string): Map<string, { industry: number; value: number }>;
}

export async function readIoSystem(db: Db, name: string): Promise<IoSystemData> {
  const table = await readIoTable(db, name);
  const labels = await readIoLabels(db, table);
  return table.layout === 'national' ? national(db, table, labels) : multiRegional(db, table, labels);
}

const key = (region: string | null, sector: string | null) => `${region ?? ''}|${sector ?? ''}`;

function industriesOf(labels: IoLabelRow[]) {
  const cols = labels.filter((l) => l.axis === 'col');
  const industries: Industry[] = [];
  const colIndex = new Map<number, number>();
  for (const c of cols) {
    if (c.kind !== 'industry') continue;
    colIndex.set(c.position, industries.length);
    industries.push({ label: c.label, region: c.region, sector: c.sector ?? c.label });
  }
  return { cols, industries, colIndex };
}

async function national(db: Db, table: IoTableRow, labels: IoLabelRow[]): Promise<IoSystemData> {
  const { cols, industries, colIndex } = industriesOf(labels);
  const n = industries.length;
  const rows = labels.filter((l) => l.axis === 'row');
  const bySector = new Map(industries.map((ind, i) => [ind.sector, i]));
  const rowPos = new Map(rows.map((r) => [r.position, r]));
  const colPos = new Map(cols.map((c) => [c.position, c]));
  const cells = await readIoCells(
    db,
    table,
    ['industry', 'value_added', 'output', 'tax', 'total'],
    ['industry', 'final_demand', 'imports', 'output'],
  );
  const split = table.import_split;
  const x = new Float64Array(n);
  const va = new Float64Array(n);
  const flows = {
    total: new Float64Array(n * n),
    domestic: new Float64Array(n * n),
    imported: new Float64Array(n * n),
  };
  const final = { total: new Float64Array(n), domestic: new Float64Array(n), imported: new Float64Array(n) };
  const exportsOf = { total: new Float64Array(n), domestic: new Float64Array(n), imported: new Float64Array(n) };
  const impo = new Float64Array(n);
  for (let k = 0; k < cells.length; k++) {
    const r = rowPos.get(cells.rows[k]);
    const c = colPos.get(cells.cols[k]);
    if (!r || !c) continue;
    const v = cells.values[k];
    const j = colIndex.get(c.position);
    if (r.kind === 'output' && j !== undefined) x[j] = v;
    else if (r.kind === 'value_added' && j !== undefined) va[j] = v;
    else if (r.kind === 'industry') {
      const p = bySector.get(r.sector ?? '');
      if (p === undefined) continue;
      const origin = r.origin ?? 'total';
      if (j !== undefined) flows[origin][p * n + j] += v;
      else if (c.kind === 'final_demand') {
        if (c.label === 'EXPO') exportsOf[origin][p] += v;
        else final[origin][p] += v;
      } else if (c.kind === 'imports' && origin === 'total') impo[p] += -v;
    }
  }
  const warnings: string[] = [];
  let domestic: Float64Array;
  const imported = new Float64Array(n * n);
  const importedFinal = new Float64Array(n);
  const exportsDomestic = split ? exportsOf.domestic : exportsOf.total;
  if (split) {
    domestic = flows.domestic;
    imported.set(flows.imported);
    importedFinal.set(final.imported);
    for (let p = 0; p < n; p++) importedFinal[p] += exportsOf.imported[p];
  } else {
    domestic = new Float64Array(n * n);
    for (let p = 0; p < n; p++) {
      let use = final.total[p];
      for (let j = 0; j < n; j++) use += flows.total[p * n + j];
      const share = use > 0 ? Math.min(1, Math.max(0, impo[p] / use)) : 0;
      if (use > 0 && impo[p] > use)
        warnings.push(`imports of ${industries[p].sector} exceed its domestic use; its import share is capped at 1`);
      for (let j = 0; j < n; j++) {
        imported[p * n + j] = share * flows.total[p * n + j];
        domestic[p * n + j] = flows.total[p * n + j] - imported[p * n + j];
      }
      importedFinal[p] = share * final.total[p];
    }
  }
  if (x.every((v) => v === 0)) throw new UserError(`IO table ${table.dataset_id}/${table.table_id} has no OUTPUT row`);
  const triplets = denseToTriplets(domestic, n);
  const indexOf = new Map(industries.map((ind, i) => [ind.sector, i]));
  return {
    table,
    industries,
    Z: {
      rows: industries.map((i) => i.label),
      cols: industries.map((i) => i.label),
      csr: csrFromTriplets(n, n, triplets.r, triplets.c, triplets.v),
    },
    x,
    va,
    indexOf,
    assumptions: { importSplit: split ? 'table' : 'proportional', exportOrigin: 'domestic' },
    warnings,
    imports: () => {
      const out = new Map<string, ImportedUse>();
      for (let p = 0; p < n; p++) {
        const users: ImportedUse['users'] = [];
        let total = importedFinal[p];
        for (let j = 0; j < n; j++) {
          const v = imported[p * n + j];
          if (v > 0) users.push({ industry: j, value: v });
          total += v;
        }
        out.set(industries[p].sector, {
          product: industries[p].sector,
          users,
          finalUse: importedFinal[p],
          total: split ? total : impo[p],
        });
      }
      return out;
    },
    exports: () => new Map(industries.map((ind, p) => [ind.sector, { industry: p, value: exportsDomestic[p] }])),
  };
}

function denseToTriplets(values: Float64Array, n: number) {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (values[i * n + j] !== 0) {
        r.push(i);
        c.push(j);
        v.push(values[i * n + j]);
      }
    }
  }
  return { r, c, v };
}

async function multiRegional(db: Db, table: IoTableRow, labels: IoLabelRow[]): Promise<IoSystemData> {
  const { cols, industries, colIndex } = industriesOf(labels);
  const n = industries.length;
  const indexOf = new Map(industries.map((ind, i) => [key(ind.region, ind.sector), i]));
  const rowIndex = new Map<number, number>();
  const rowKind = new Map<number, IoLabelRow>();
  for (const r of labels.filter((l) => l.axis === 'row')) {
    rowKind.set(r.position, r);
    if (r.kind === 'industry') {
      const i = indexOf.get(key(r.region, r.sector));
      if (i !== undefined) rowIndex.set(r.position, i);
    }
  }
  const colByPos = new Map(cols.map((c) => [c.position, c]));
  const zCells = await readIoCells(db, table, ['industry'], ['industry']);
  const zr = new Int32Array(zCells.length);
  const zc = new Int32Array(zCells.length);
  for (let k = 0; k < zCells.length; k++) {
    zr[k] = rowIndex.get(zCells.rows[k]) ?? -1;
    zc[k] = colIndex.get(zCells.cols[k]) ?? -1;
  }
  const csr = csrFromTriplets(n, n, zr, zc, zCells.values.subarray(0, zCells.length));
  const x = new Float64Array(n);
  const va = new Float64Array(n);
  const rowSums = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) rowSums[i] += csr.values[k];
  // final demand by (product row, destination region), and primary inputs / output rows
  const finalBy = new Map<number, Map<string, number>>();
  let hasOutputRow = false;
  const other = await readIoCells(db, table, ['industry', 'value_added', 'output'], ['final_demand', 'industry']);
  for (let k = 0; k < other.length; k++) {
    const r = rowKind.get(other.rows[k]);
    const c = colByPos.get(other.cols[k]);
    if (!r || !c) continue;
    const v = other.values[k];
    if (r.kind === 'industry' && c.kind === 'final_demand') {
      const i = rowIndex.get(r.position);
      if (i === undefined) continue;
      rowSums[i] += v;
      const m = finalBy.get(i) ?? new Map<string, number>();
      m.set(c.region ?? '', (m.get(c.region ?? '') ?? 0) + v);
      finalBy.set(i, m);
    } else if (c.kind === 'industry') {
      const j = colIndex.get(c.position);
      if (j === undefined) continue;
      if (r.kind === 'value_added') va[j] += v;
      else if (r.kind === 'output') {
        x[j] = v;
        hasOutputRow = true;
      }
    }
  }
  if (!hasOutputRow) x.set(rowSums);
  const regionOf = (i: number) => industries[i].region ?? '';
  const ensureRegion = (region?: string) => {
    if (!region)
      throw new UserError('a multi-regional table needs a focal region for this shock (--region, e.g. BEL or BE)');
    if (!industries.some((ind) => ind.region === region)) {
      throw new UserError(
        `region "${region}" is not in table ${table.table_id} (regions: ${[...new Set(industries.map((i) => i.region))].slice(0, 20).join(', ')}…)`,
      );
    }
    return region;
  };
  return {
    table,
    industries,
    Z: { rows: industries.map((i) => i.label), cols: industries.map((i) => i.label), csr },
    x,
    va,
    indexOf,
    assumptions: { importSplit: 'inter-regional', exportOrigin: 'inter-regional' },
    warnings: hasOutputRow
      ? []
      : ['output computed as row sums (intermediate + final use): the table has no output row'],
    imports(region) {
      const focal = ensureRegion(region);
      const out = new Map<string, ImportedUse>();
      const entry = (sector: string) => {
        let e = out.get(sector);
        if (!e) {
          e = { product: sector, users: [], finalUse: 0, total: 0 };
          out.set(sector, e);
        }
        return e;
      };
      const usersBy = new Map<string, Map<number, number>>();
      for (let i = 0; i < n; i++) {
        if (regionOf(i) === focal) continue;
        const sector = industries[i].sector;
        for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++) {
          const j = csr.colIdx[k];
          if (regionOf(j) !== focal) continue;
          const m = usersBy.get(sector) ?? new Map<number, number>();
          m.set(j, (m.get(j) ?? 0) + csr.values[k]);
          usersBy.set(sector, m);
          entry(sector).total += csr.values[k];
        }
        const f = finalBy.get(i)?.get(focal) ?? 0;
        if (f !== 0) {
          entry(sector).finalUse += f;
          entry(sector).total += f;
        }
      }
      for (const [sector, m] of usersBy) entry(sector).users = [...m].map(([industry, value]) => ({ industry, value }));
      return out;
    },
    exports(region) {
      const focal = ensureRegion(region);
      const out = new Map<string, { industry: number; value: number }>();
      for (let i = 0; i < n; i++) {
        if (regionOf(i) !== focal) continue;
        let value = 0;
        for (let k = csr.rowPtr[i]; k < csr.rowPtr[i + 1]; k++)
          if (regionOf(csr.colIdx[k]) !== focal) value += csr.values[k];
        for (const [dest, v] of finalBy.get(i) ?? []) if (dest !== focal) value += v;
        out.set(industries[i].sector, { industry: i, value });
      }
      return out;
    },
  };
}

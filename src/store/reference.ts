import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.js';
import { packageRoot } from './package-root.js';
import { readDatasets, writeDataset } from './registry.js';

/**
 * The reference tables the project writes itself (reference/*.csv, every row with its source), loaded into the
 * store as datasets `ref:<table>`. Loading is idempotent: a file whose sha256 is already registered is skipped.
 */
export const referenceFiles = [
  { table: 'materials', file: 'materials.csv', title: 'Material master (EU 2023 candidates and members)' },
  { table: 'group_members', file: 'group-members.csv', title: 'Material groups and their members' },
  { table: 'material_aliases', file: 'material-aliases.csv', title: 'Material names used by sources' },
  { table: 'lists', file: 'lists.csv', title: 'Critical and strategic raw material lists' },
  { table: 'list_membership', file: 'list-membership.csv', title: 'List membership per list × edition' },
  { table: 'sr_ei', file: 'sr-ei.csv', title: 'Published supply risk and economic importance (EU studies)' },
  { table: 'sectors', file: 'sectors.csv', title: 'JRC strategic sectors' },
  { table: 'technologies', file: 'technologies.csv', title: 'JRC strategic technologies' },
  { table: 'technology_materials', file: 'technology-materials.csv', title: 'Materials used per technology' },
  { table: 'countries', file: 'countries.csv', title: 'Countries and their codes' },
  { table: 'country_aliases', file: 'country-aliases.csv', title: 'Country codes and names used by sources' },
  { table: 'be_crm_imports_2023', file: 'be-crm-imports-2023.csv', title: 'Belgian CRM imports 2023 (SERV Table 24)' },
  {
    table: 'be_crm_import_partners_2023',
    file: 'be-crm-import-partners-2023.csv',
    title: 'Belgian CRM import partners 2023 (SERV report)',
  },
  { table: 'facts', file: 'facts.csv', title: 'Scalar facts from the report and public studies' },
  {
    table: 'crm_assessment_inputs',
    file: 'eu-crm-2023-sr-inputs.csv',
    title: 'EU CRM 2023 factsheet parameters (IR, EoL-RIR, SI)',
  },
  { table: 'export_restrictions', file: 'export-restrictions.csv', title: 'Export restrictions timeline (levers)' },
  { table: 'by_products', file: 'by-products.csv', title: 'By-product host → companion graph (levers)' },
  { table: 'cn_material_map', file: 'cn-material-map.csv', title: 'CN8/HS6 codes → raw materials (levers)' },
] as const;

export const referenceDir = join(packageRoot, 'reference');

export interface ReferencePlan {
  table: string;
  file: string;
  title: string;
  sha256: string;
  changed: boolean;
}

export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Plan first: which reference files differ from what the registry holds. Reads the store, writes nothing. */
export async function planReference(db: Db, dir = referenceDir): Promise<ReferencePlan[]> {
  const registered = new Map((await readDatasets(db, { kind: 'reference' })).map((d) => [d.id, d.sha256]));
  return referenceFiles.map((f) => {
    const hash = sha256(readFileSync(join(dir, f.file)));
    return { ...f, sha256: hash, changed: registered.get(`ref:${f.table}`) !== hash };
  });
}

/** Apply: replace the changed tables and their registry rows in one transaction (all or nothing). */
export async function applyReference(db: Db, plan: ReferencePlan[], dir = referenceDir): Promise<number> {
  const changed = plan.filter((p) => p.changed);
  if (changed.length === 0) return 0;
  await db.transaction(async () => {
    for (const p of changed) {
      await db.run(`DELETE FROM ${p.table}`);
      await db.run(
        `INSERT INTO ${p.table} BY NAME SELECT * FROM read_csv($path, header = true, all_varchar = true, quote = '"')`,
        { path: join(dir, p.file) },
      );
      const count = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${p.table}`);
      await writeDataset(db, {
        id: `ref:${p.table}`,
        source: 'reference',
        title: p.title,
        kind: 'reference',
        vintage: null,
        url: null,
        file: `reference/${p.file}`,
        sha256: p.sha256,
        licence: 'CC BY 4.0 (Radar reference tables; each row names its source)',
        rows: count?.n ?? 0,
        trade_concept: null,
        tables: [p.table],
        params: null,
      });
    }
  });
  return changed.length;
}

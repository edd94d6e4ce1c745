import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { assessCompany, storeUpload } from '../../analyses/company-assessment.js';
import { readPurchases } from '../../analyses/company-assessment-file.js';
import { writeAssessmentReport } from '../../analyses/company-assessment-report.js';
import { countryResolver } from '../../analyses/scenario-data.js';
import { UserError } from '../../domain/errors.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';
import { actor } from './scenario.js';

export interface AssessCliOptions {
  out?: string;
  asOf?: string;
  country?: string;
  save?: boolean;
  format?: string;
  json?: boolean;
}

/**
 * `radar assess PURCHASES.csv|.xlsx [--out DIR]`: the CRMA Art. 24 risk assessment of a purchases file. Every row is
 * validated first; with a bad row nothing is assessed, stored or written.
 */
export async function assess(ctx: CliContext, file: string, o: AssessCliOptions): Promise<void> {
  const label = basename(file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new UserError(
      `${label}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (o.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf))
    throw new UserError(`invalid --as-of: "${o.asOf}" (expected YYYY-MM-DD)`);
  if (o.country !== undefined && !/^[A-Z]{3}$/.test(o.country))
    throw new UserError(`invalid --country: "${o.country}" (expected ISO3, e.g. BEL)`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { assessment, purchases } = await withStore(ctx, async (db) => {
    const purchases = await readPurchases(bytes, label, await countryResolver(db));
    return {
      purchases,
      assessment: await assessCompany(db, purchases, { label, sha256, asOf: o.asOf, companyCountry: o.country }),
    };
  });
  if (o.save) {
    const db = await ctx.openStore({ readOnly: false });
    try {
      const id = await storeUpload(db, purchases, { label, bytes }, actor());
      assessment.result.warnings.push(`upload stored as ${id}`);
    } finally {
      db.close();
    }
  }
  if (o.out) {
    const paths = await writeAssessmentReport(assessment, o.out);
    assessment.result.warnings.push(`report written: ${paths.join(', ')}`);
  }
  ctx.stdout(renderResult(assessment.result, formatOf(o)));
}

import { UsageError, UserError } from '../../domain/errors.js';
import type { Importer, LoadContext, LoadOutcome, RemoteFile } from '../importer.js';
import { type InputUnit, isArchive, listArchive, withUnitFile } from '../trade-archive.js';
import { createCodeTable, dropCodeTable } from '../trade-codes.js';
import { estimateRows, RowProgress } from '../trade-rows.js';
import { legacyDeclarants } from './layouts.js';
import { type FileOutcome, loadComextFile } from './load-file.js';

/**
 * Eurostat Comext detailed trade in goods, CN8 (docs: ../shared/docs/data-sources.md §1). Community concept:
 * Eurostat records goods where they cross the EU border (the Rotterdam–Antwerp effect, docs/methods.md §0.2).
 * Accepts the bulk .7z archives, the .dat files inside, and the layouts of layouts.ts.
 */
export const importer: Importer = {
  id: 'comext',
  title: 'Eurostat Comext detailed trade in goods (CN8)',
  licence: 'CC BY 4.0 (Commission Decision 2011/833/EU); indicate changes',
  url: 'https://ec.europa.eu/eurostat/databrowser/bulk?lang=en&selectedTab=fileComext',
  accepts:
    'full_v2_YYYYMM.7z / full_v2_YYYY52.7z (annual) or the full_YYYYMM.dat inside; the 2010s and legacy .dat ' +
    'layouts; Eurostat extracts DECLARANT_ISO,PARTNER_ISO,PRODUCT_NC,FLOW,PERIOD,VALUE_IN_EUROS (.csv, .gz)',
  tables: ['trade_flows'],
  tradeConcept: 'community',
  load,
  remote,
};

/** `radar fetch comext --year Y`: the annual file of each year (PERIOD YYYY52), through Eurostat's files API. */
function remote({ years = [] }: { years?: number[] }): RemoteFile[] {
  if (years.length === 0) {
    throw new UsageError(
      'comext needs --year: each annual file is several hundred MB (e.g. radar fetch comext --year 2023)',
    );
  }
  return years.map((year) => {
    const file = `full_v2_${year}52.7z`;
    return {
      url: `https://ec.europa.eu/eurostat/api/dissemination/files?file=comext%2FCOMEXT_DATA%2FPRODUCTS%2F${file}`,
      file,
    };
  });
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const units: InputUnit[] = [];
  for (const file of ctx.files) {
    if (!isArchive(file.name)) {
      units.push({ label: file.name, path: file.path });
      continue;
    }
    const members = await listArchive(file.path, file.name);
    if (members.length === 0) throw new UserError(`${file.name}: the archive is empty; expected a .dat file inside`);
    for (const member of members) units.push({ label: `${file.name}:${member}`, archive: { path: file.path, member } });
  }
  await createCodeTable(ctx.db, 'radar_comext_geo', 'eurostat_geo');
  await createCodeTable(ctx.db, 'radar_comext_numeric', 'comext_numeric', legacyDeclarants);
  const estimates = await Promise.all(units.map((u) => (u.path ? estimateRows(u.path) : Promise.resolve(5e6))));
  const progress = new RowProgress(
    ctx.progress,
    estimates.reduce((a, b) => a + b, 0),
  );
  const outcomes: FileOutcome[] = [];
  try {
    for (const [i, unit] of units.entries()) {
      const outcome = await withUnitFile(unit, (file) =>
        loadComextFile(ctx, file, { progress, estimate: estimates[i], earlier: outcomes }),
      );
      outcomes.push(outcome);
    }
  } finally {
    await dropCodeTable(ctx.db, 'radar_comext_geo');
    await dropCodeTable(ctx.db, 'radar_comext_numeric');
  }
  warnMixedPeriods(ctx, outcomes);
  const periods = [...new Set(outcomes.flatMap((o) => o.periods))].sort();
  const years = [...new Set(periods.map((p) => p.slice(0, 4)))];
  return {
    rows: outcomes.reduce((n, o) => n + o.rows, 0),
    vintage: years.length === 1 ? years[0] : null,
    params: {
      layouts: [...new Set(outcomes.map((o) => o.layout))],
      periods,
      value: 'EUR statistical value: imports CIF, exports FOB',
      confidential_rows: outcomes.reduce((n, o) => n + o.confidential, 0),
      ...(outcomes.some((o) => o.skipped > 0)
        ? { skipped_aggregate_rows: outcomes.reduce((n, o) => n + o.skipped, 0) }
        : {}),
    },
  };
}

/** Annual totals and months of the same year in one dataset would double a yearly sum. */
function warnMixedPeriods(ctx: LoadContext, outcomes: FileOutcome[]) {
  const periods = new Set(outcomes.flatMap((o) => o.periods));
  for (const p of periods) {
    if (p.length === 4 && [...periods].some((q) => q.startsWith(`${p}-`))) {
      ctx.warn(`${p} holds both the annual total and months: summing trade_flows over ${p} counts it twice`);
    }
  }
}

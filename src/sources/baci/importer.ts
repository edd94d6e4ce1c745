import { basename } from 'node:path';
import { UserError } from '../../domain/errors.js';
import type { Importer, LoadContext, LoadOutcome, RemoteFile } from '../importer.js';
import { type InputUnit, isArchive, listArchive, withUnitFile } from '../trade-archive.js';
import { type CodeEntry, createCodeTable, dropCodeTable, textList, unnestTextList } from '../trade-codes.js';
import { estimateRows, RowProgress } from '../trade-rows.js';
import { readHeaderLine, splitHeader } from '../trade-text.js';
import { readCountryCodes } from './country-codes.js';
import { baciIso3Numeric, countryLayouts } from './layouts.js';
import { loadTradeFile, type TradeFileOutcome } from './load-trade.js';

/**
 * CEPII BACI: reconciled bilateral trade at HS6 (docs: ../shared/docs/data-sources.md §2). Accepts the release zip,
 * its year files and country-code files, and the ISO3 extract layouts of layouts.ts. Rows are stored once, in the
 * importer's view (migrations/100-trade-flows.ts), in USD and kg.
 */
export const importer: Importer = {
  id: 'baci',
  title: 'CEPII BACI bilateral trade (HS6, reconciled)',
  licence: 'Etalab Open Licence 2.0; cite Gaulier & Zignago (2010), CEPII WP 2010-23',
  url: 'https://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37',
  accepts:
    'BACI_HSxx_V2025xx.zip, BACI_HSxx_Yyyyy_V2025xx.csv (t,i,j,k,v,q; also with a pandas index column), ' +
    'country_codes_V*.csv (V202301 or V202501 header), ISO3 extracts (year,exporter,…,value_kusd,qty_t; i,j,cmd,value)',
  tables: ['trade_flows'],
  load,
  remote,
};

/** The release `radar fetch baci` downloads: one zip with every year of the HS revision. */
export const release = { hs: 'HS17', version: 'V202601' };

function remote(): RemoteFile[] {
  const file = `BACI_${release.hs}_${release.version}.zip`;
  return [{ url: `https://www.cepii.fr/DATA_DOWNLOAD/baci/data/${file}`, file }];
}

async function load(ctx: LoadContext): Promise<LoadOutcome> {
  const { trade, countries } = await sortInputs(ctx);
  if (trade.length === 0) {
    throw new UserError(
      `no BACI trade file among ${ctx.files.map((f) => f.name).join(', ')}; expected a BACI_*.csv year file ` +
        '(t,i,j,k,v,q), a release .zip or an ISO3 extract. Country-code files only help resolve codes.',
    );
  }
  const fromFiles: CodeEntry[] = [];
  for (const unit of countries)
    fromFiles.push(...(await withUnitFile(unit, (input) => readCountryCodes(ctx.db, input))));
  await createCodeTable(ctx.db, 'radar_baci_codes', 'baci', fromFiles);
  const numeric = await ctx.db.all<{ code: string; iso3: string | null }>(
    `SELECT code, iso3 FROM radar_baci_codes WHERE code IN (SELECT ${unnestTextList('$codes')})`,
    { codes: textList(Object.values(baciIso3Numeric)) },
  );
  const viaNumeric = Object.entries(baciIso3Numeric).map(([code, n]) => ({
    code,
    iso3: numeric.find((r) => r.code === n)?.iso3 ?? null,
  }));
  await createCodeTable(ctx.db, 'radar_baci_iso3', 'iso3', viaNumeric);

  const estimates = await Promise.all(trade.map((u) => (u.path ? estimateRows(u.path) : Promise.resolve(11e6))));
  const progress = new RowProgress(
    ctx.progress,
    estimates.reduce((a, b) => a + b, 0),
  );
  const outcomes: TradeFileOutcome[] = [];
  try {
    for (const [i, unit] of trade.entries()) {
      const outcome = await withUnitFile(unit, (input) =>
        loadTradeFile(ctx, input, { progress, estimate: estimates[i], earlier: outcomes }),
      );
      outcomes.push(outcome);
    }
  } finally {
    await dropCodeTable(ctx.db, 'radar_baci_codes');
    await dropCodeTable(ctx.db, 'radar_baci_iso3');
  }
  const releases = [...new Set(outcomes.map((o) => o.release).filter(Boolean))];
  const nomenclatures = [...new Set(outcomes.map((o) => o.nomenclature ?? null))];
  if (nomenclatures.includes(null)) {
    ctx.warn(
      'the HS revision is not in the file name (BACI_HS17_…), so `nomenclature` is empty; products may not be compared ' +
        'with another HS revision without a concordance',
    );
  }
  return {
    rows: outcomes.reduce((n, o) => n + o.rows, 0),
    vintage: releases.length === 1 ? releases[0] : null,
    params: {
      layouts: [...new Set(outcomes.map((o) => o.layout))],
      years: [...new Set(outcomes.flatMap((o) => o.years))].sort(),
      nomenclature: nomenclatures.filter(Boolean),
      view: 'import: reporter = importer (j), partner = exporter (i)',
      value: 'USD (BACI v in thousand USD × 1000), FOB',
      quantity: 'kg (BACI q in tonnes × 1000)',
    },
  };
}

/** Classify the inputs into trade files and country-code files, looking into zips. */
async function sortInputs(ctx: LoadContext): Promise<{ trade: InputUnit[]; countries: InputUnit[] }> {
  const trade: InputUnit[] = [];
  const countries: InputUnit[] = [];
  for (const file of ctx.files) {
    if (isArchive(file.name)) {
      for (const member of await listArchive(file.path, file.name)) {
        const unit = { label: `${file.name}:${member}`, archive: { path: file.path, member } };
        const name = basename(member);
        if (/^country_codes.*\.csv$/i.test(name)) countries.push(unit);
        else if (/^BACI_.*\.csv$/i.test(name)) trade.push(unit);
        else if (/\.csv$/i.test(name)) ctx.warn(`${unit.label} is not a BACI trade or country-code file; skipped`);
      }
      continue;
    }
    const header = splitHeader(await readHeaderLine(file.path, file.name), ',');
    const unit = { label: file.name, path: file.path };
    if (countryLayouts.some((l) => l.headers[0] === header[0])) countries.push(unit);
    else trade.push(unit);
  }
  return { trade, countries };
}

import { UsageError, UserError } from '../domain/errors.js';
import type { Level, PresetId, ReporterKind } from '../methods/dependency/params.js';
import type { Db } from '../store/db.js';
import {
  findCountryIn,
  readCountryCodes,
  readEuMembers,
  readTradeDatasets,
  type ScreenScope,
  type TradeDatasetInfo,
} from '../store/screen-queries.js';

/**
 * Which trade rows a screen reads, and who the reporter is: the checks that stop a screen before any heavy query
 * (unknown reporter, no data for a year, two datasets for the same year, mixed currencies, CN8 asked of HS6 data).
 */

export interface ResolvedReporter {
  scope: ScreenScope;
  kind: ReporterKind;
  name: string;
}

const euBlocNames = ['EU27', 'EU', 'EU27_2020', 'EU-27'];

/** EU27 (the 27 members of 2020) or one country. */
export async function resolveReporter(db: Db, text: string): Promise<ResolvedReporter> {
  return (await resolveReporters(db, [text]))[0];
}

/** Several reporters at once (one read of the EU members, one lookup per country). */
export async function resolveReporters(db: Db, texts: readonly string[]): Promise<ResolvedReporter[]> {
  const eu27 = await readEuMembers(db, '2020-02-01');
  const countries = await readCountryCodes(db);
  const out: ResolvedReporter[] = [];
  for (const text of texts) {
    if (euBlocNames.includes(text.trim().toUpperCase())) {
      out.push({ scope: { id: 'EU27', members: eu27, euBloc: true }, kind: 'eu-bloc', name: 'European Union (27)' });
      continue;
    }
    const country = findCountryIn(countries, text);
    if (!country) {
      throw new UsageError(
        `unknown reporter: "${text}" (expected EU27 or a country code such as BEL, BE, DEU)`,
        undefined,
        404,
      );
    }
    const member = eu27.includes(country.iso3);
    out.push({
      scope: { id: country.iso3, members: [country.iso3], euBloc: member },
      kind: member ? 'eu-member' : 'other',
      name: country.name_en,
    });
  }
  const ids = out.map((r) => r.scope.id);
  const twice = ids.find((id, i) => ids.indexOf(id) !== i);
  if (twice) throw new UsageError(`reporter ${twice} is named twice`);
  return out;
}

export interface TradeSelection {
  datasets: TradeDatasetInfo[];
  source: string;
  currency: string;
  exports: 'reported' | 'mirror';
  /** Years screened (the requested ones, or all available when none were requested), ascending. */
  years: number[];
  nomenclatures: string[];
  tradeConcept: string | null;
  warnings: string[];
}

const sourcePreference = ['comext', 'comtrade', 'baci'];

/**
 * Choose the datasets: those named, else those of the named source, else the preferred source present
 * (comext, comtrade, baci; GeoDep prefers baci, which has the world exports it needs).
 * An empty `years` means every year the chosen datasets hold.
 */
export async function selectTradeData(
  db: Db,
  options: { dataset?: string[]; source?: string; years: number[]; level: Level; preset: PresetId; basis: string },
): Promise<TradeSelection> {
  const all = await readTradeDatasets(db, options.dataset?.length ? options.dataset : undefined);
  if (all.length === 0 && options.dataset?.length) {
    const known = (await readTradeDatasets(db)).map((d) => d.dataset_id);
    throw new UsageError(
      `unknown trade dataset: "${options.dataset[0]}" (expected one of ${known.join(', ') || 'none: import trade first'})`,
      undefined,
      404,
    );
  }
  if (all.length === 0) {
    throw new UserError(
      'the store holds no trade data',
      'Import some first, e.g. `radar import baci BACI_HS17_Y2022_V202501.csv` or `radar fetch comext --year 2021`.',
    );
  }
  const warnings: string[] = [];
  let candidates: TradeDatasetInfo[];
  if (options.dataset?.length) {
    candidates = options.dataset.map((id) => {
      const found = all.find((d) => d.dataset_id === id);
      if (!found) {
        throw new UsageError(
          `unknown trade dataset: "${id}" (expected one of ${all.map((d) => d.dataset_id).join(', ')})`,
          undefined,
          404,
        );
      }
      return found;
    });
  } else {
    const sources = [...new Set(all.map((d) => d.source))].sort();
    let source = options.source;
    if (source && !sources.includes(source)) {
      throw new UsageError(
        `unknown trade source in the store: "${source}" (expected one of ${sources.join(', ')})`,
        undefined,
        404,
      );
    }
    if (!source) {
      const order = options.preset === 'geodep' ? ['baci', ...sourcePreference] : sourcePreference;
      const covering = sources.filter((s) =>
        all.some((d) => d.source === s && options.years.some((y) => d.years.includes(y))),
      );
      source =
        [...order, ...sources].find((s) => covering.includes(s)) ??
        [...order, ...sources].find((s) => sources.includes(s))!;
      if (sources.length > 1)
        warnings.push(`the store holds trade from ${sources.join(', ')}; screening ${source} (choose with --source)`);
    }
    candidates = all.filter(
      (d) => d.source === source && (options.years.length === 0 || options.years.some((y) => d.years.includes(y))),
    );
    if (candidates.length === 0) candidates = all.filter((d) => d.source === source);
  }
  const sources = [...new Set(candidates.map((d) => d.source))];
  if (sources.length > 1) {
    throw new UserError(
      `the datasets come from different sources (${sources.join(', ')}); screen one source at a time`,
    );
  }
  const byYear = new Map<number, string[]>();
  for (const d of candidates) for (const y of d.years) byYear.set(y, [...(byYear.get(y) ?? []), d.dataset_id]);
  const available = [...byYear.keys()].sort((a, b) => a - b);
  if (options.years.length === 0) options = { ...options, years: available };
  const missing = options.years.filter((y) => !byYear.has(y));
  if (missing.length) {
    throw new UserError(
      `no ${sources[0]} trade data for ${missing.join(', ')} (the store has ${available.join(', ') || 'no years'})`,
      `Pass --years within ${available[0]}–${available.at(-1)}, or import the missing years.`,
    );
  }
  const doubled = options.years.filter((y) => (byYear.get(y) ?? []).length > 1);
  if (doubled.length) {
    throw new UserError(
      `year ${doubled[0]} is in several datasets (${byYear.get(doubled[0])!.join(', ')}); they would be counted twice`,
      'Choose one with --dataset.',
    );
  }
  const used = candidates.filter((d) => options.years.some((y) => d.years.includes(y)));
  if (options.level === 'CN8' && used.some((d) => d.classification !== 'CN8')) {
    throw new UserError(
      `level CN8 needs CN8 data; ${used.find((d) => d.classification !== 'CN8')!.dataset_id} is ${used[0].classification}`,
      'Pass --level HS6 (or HS4), or screen Comext CN8 data.',
    );
  }
  const currencies = [...new Set(used.flatMap((d) => d.currencies))];
  if (currencies.length > 1) {
    throw new UserError(
      `the selected trade mixes currencies (${currencies.join(', ')}); screen one currency at a time`,
    );
  }
  if (options.basis === 'quantity' && !used.some((d) => d.has_quantity)) {
    throw new UserError('basis quantity: the selected trade has no quantities', 'Use --basis value.');
  }
  const nomenclatures = [...new Set(used.flatMap((d) => d.nomenclatures))].filter(Boolean).sort();
  if (nomenclatures.length > 1) {
    warnings.push(
      `product codes are compared across nomenclature versions (${nomenclatures.join(', ')}) without a concordance: ` +
        'codes that changed between versions break the series (docs/methods.md §0.2)',
    );
  }
  const hasExports = used.some((d) => d.has_exports);
  const mirror = !hasExports && sources[0] === 'baci';
  if (!hasExports && !mirror) {
    warnings.push(
      `${sources[0]} data without export rows: exports count as zero, so every import/export ratio is infinite`,
    );
  }
  const concepts = [...new Set(used.map((d) => d.trade_concept).filter((c): c is string => !!c))];
  return {
    datasets: used,
    source: sources[0],
    currency: currencies[0] ?? '',
    exports: mirror ? 'mirror' : 'reported',
    years: options.years,
    nomenclatures,
    tradeConcept: concepts.join(', ') || null,
    warnings,
  };
}

import { z } from 'zod';
import { UsageError, UserError } from '../domain/errors.js';
import { operators, parseThreshold, type Threshold } from '../methods/dependency/criteria.js';
import {
  levels,
  type ParamDefaults,
  type ParamEntry,
  type PresetId,
  type ReporterKind,
  type ScreenParams,
} from '../methods/dependency/params.js';
import { presetIds, presets } from '../methods/dependency/presets.js';

/**
 * What a user may pass to a screen, as one zod schema: the CLI maps its flags onto it and the API validates its
 * query with it, so both read the same `.describe()` texts. Every field but the preset is optional: the preset
 * gives the default and says whether it is verified or assumed (src/methods/dependency/<preset>.ts).
 */
const thresholdText = z
  .string()
  .describe('threshold with optional operator, e.g. ">0.4", ">=0.5", "0.25" (preset operator); "none" drops it');

export const ScreenOptionsSchema = z.object({
  preset: z.enum(presetIds as [PresetId, ...PresetId[]]).describe(`screen preset: ${presetIds.join(', ')}`),
  reporter: z
    .string()
    .default('EU27')
    .describe('EU27 (the bloc) or a country: ISO3, ISO2 or Eurostat code (BEL, BE); several comma-separated'),
  years: z.string().optional().describe('a year, a range or a list: 2021, 2014-2023, 2017,2019 (default: preset)'),
  level: z
    .enum(levels as ['CN8', 'HS6', 'HS4'])
    .optional()
    .describe('product level CN8, HS6, HS4 (default: preset)'),
  side: z.enum(['imports', 'exports']).optional().describe('imports, or exports for the export-side mirror'),
  hhiPartners: z
    .enum(['all', 'extraEU', 'extraEU_of_total'])
    .optional()
    .describe('partner set of the HHI: all, extraEU, extraEU_of_total (ECIPE)'),
  hhi: thresholdText.optional().describe('HHI threshold, e.g. ">0.4"'),
  hhiHigh: thresholdText.optional().describe('second HHI threshold reported alongside (FPB 0.5)'),
  extraShare: thresholdText.optional().describe('extra-EU share threshold, e.g. ">0.5"'),
  ratio: thresholdText.optional().describe('own flow / counter flow threshold, e.g. ">1" (EC), ">=2" (MERICS)'),
  worldExportHhi: thresholdText.optional().describe('world-export HHI threshold (GeoDep C2), e.g. ">0.4"'),
  ratioNumerator: z.enum(['extra', 'all']).optional().describe('partners of the own flow in the ratio numerator'),
  ratioDenominator: z.enum(['extra', 'all']).optional().describe('partners of the counter flow in the denominator'),
  mainPartnerExtra: z.boolean().optional().describe('also require the main partner to be outside the EU (FPB b)'),
  topShare: z.coerce.number().optional().describe('rank method: share of products kept, e.g. 0.1'),
  cutRounding: z.enum(['ceil', 'floor', 'round']).optional().describe('rank method: rounding of the cut'),
  combine: z.enum(['mean_of_annual', 'pooled']).optional().describe('rank method: how years combine'),
  persistence: z.string().optional().describe('k of the last n years: "all", "2/3", "8/10", "8" (of all years)'),
  basis: z.enum(['value', 'quantity']).optional().describe('value (default) or quantity (kg)'),
  euComposition: z
    .enum(['EU27_2020', 'as_of_year'])
    .optional()
    .describe('EU as the 27 of 2020 in every year, or membership as of 1 July of each year'),
  dataset: z.array(z.string()).optional().describe('trade dataset id(s) to screen (default: chosen by source)'),
  source: z
    .string()
    .optional()
    .describe('trade source: comext, baci, comtrade (default: comext, else comtrade, else baci)'),
  strategic: z
    .string()
    .optional()
    .describe('strategic product list: an id under reference/strategic-products/, "crm", or a CSV file'),
});

export type ScreenOptions = z.input<typeof ScreenOptionsSchema>;

const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Parse "2021", "2014-2023", "2017,2019,2021" into sorted distinct years. */
export function parseYears(text: string): number[] {
  const years = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d{4})(?:\s*[-–:]\s*(\d{4}))?$/.exec(part);
    if (!m) throw new UsageError(`invalid years: "${text}" (expected e.g. 2021, 2014-2023 or 2017,2019)`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from || to - from > 60) throw new UsageError(`invalid years: "${part}"`);
    for (let y = from; y <= to; y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

function threshold(name: string, text: string, preset: Threshold | null): Threshold | null {
  if (text.trim().toLowerCase() === 'none') return null;
  const parsed = parseThreshold(text, preset?.op ?? '>');
  if (!parsed) {
    throw new UsageError(`invalid ${name}: "${text}" (expected a number with an optional ${operators.join(' ')})`);
  }
  return parsed;
}

function parsePersistence(text: string): ScreenParams['persistence'] {
  const t = text.trim().toLowerCase();
  if (t === 'all') return { k: 'all', n: 'all' };
  const m = /^(\d+)(?:\s*(?:\/|of)\s*(\d+))?$/.exec(t);
  if (!m) throw new UsageError(`invalid persistence: "${text}" (expected all, k/n or k)`);
  const k = Number(m[1]);
  const n = m[2] ? Number(m[2]) : 'all';
  if (k < 1 || (n !== 'all' && k > n)) throw new UsageError(`invalid persistence: "${text}" (need 1 ≤ k ≤ n)`);
  return { k, n };
}

/**
 * Preset defaults with the user's overrides applied. A value the user sets is no longer "assumed": it is theirs.
 * @example resolveScreenParams({ preset: 'ec2021', years: '2021' }, 'eu-bloc').params.years // [2021]
 */
export function resolveScreenParams(
  raw: ScreenOptions,
  reporter: ReporterKind,
): { preset: PresetId; params: ScreenParams; table: ParamDefaults } {
  const parsed = ScreenOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0] ?? 'option');
    const given = (raw as Record<string, unknown>)[key];
    throw new UsageError(`invalid ${kebab(key)}: ${given === undefined ? 'missing' : `"${given}"`} (${issue.message})`);
  }
  const options = parsed.data;
  const preset = presets[options.preset];
  const table = { ...preset.defaults(reporter) } as ParamDefaults;
  const set = <K extends keyof ScreenParams>(key: K, value: ScreenParams[K] | undefined, what: string) => {
    if (value === undefined) return;
    (table[key] as ParamEntry<ScreenParams[K]>) = { value, assumed: false, description: `${what} (set by the user)` };
  };
  const d = (k: keyof ScreenParams) => table[k].value as Threshold | null;
  set('years', options.years ? parseYears(options.years) : undefined, 'years');
  set('level', options.level, 'product level');
  set('side', options.side, 'side');
  set('hhi_partners', options.hhiPartners, 'partner set of the HHI');
  set('hhi', options.hhi === undefined ? undefined : threshold('hhi', options.hhi, d('hhi')), 'HHI threshold');
  set(
    'hhi_high',
    options.hhiHigh === undefined ? undefined : threshold('hhi-high', options.hhiHigh, d('hhi_high')),
    'second HHI threshold',
  );
  set(
    'extra_share',
    options.extraShare === undefined ? undefined : threshold('extra-share', options.extraShare, d('extra_share')),
    'extra-EU share threshold',
  );
  set(
    'ratio',
    options.ratio === undefined ? undefined : threshold('ratio', options.ratio, d('ratio')),
    'ratio threshold',
  );
  set(
    'world_export_hhi',
    options.worldExportHhi === undefined
      ? undefined
      : threshold('world-export-hhi', options.worldExportHhi, d('world_export_hhi')),
    'world-export HHI threshold',
  );
  set('ratio_numerator', options.ratioNumerator, 'ratio numerator');
  set('ratio_denominator', options.ratioDenominator, 'ratio denominator');
  set('main_partner_extra', options.mainPartnerExtra, 'main partner outside the EU');
  if (options.topShare !== undefined && !(options.topShare > 0 && options.topShare <= 1)) {
    throw new UsageError(`invalid top-share: ${options.topShare} (expected a fraction in (0, 1], e.g. 0.1)`);
  }
  set('top_share', options.topShare, 'top share');
  set('cut_rounding', options.cutRounding, 'cut rounding');
  set('combine', options.combine, 'combination of years');
  set('persistence', options.persistence ? parsePersistence(options.persistence) : undefined, 'persistence');
  set('basis', options.basis, 'basis');
  set('eu_composition', options.euComposition, 'EU composition');
  const params = Object.fromEntries(Object.entries(table).map(([k, e]) => [k, e.value])) as unknown as ScreenParams;
  if (params.method === 'rank' && params.combine === 'pooled' && params.years.length === 1) {
    table.combine = { ...table.combine, description: `${table.combine.description} (one year: no effect)` };
  }
  const { k, n } = params.persistence;
  const window = n === 'all' ? params.years.length : n;
  if (params.method === 'thresholds' && k !== 'all' && k > params.years.length) {
    throw new UserError(
      `persistence ${k} of ${n} needs at least ${k} years; the screen has ${params.years.length}`,
      `Pass more --years (e.g. ${params.years[0] - (k - params.years.length)}-${params.years.at(-1)}) or --persistence all.`,
    );
  }
  if (params.method === 'thresholds' && n !== 'all' && window > params.years.length) {
    throw new UserError(
      `persistence over the last ${n} years needs ${n} years; the screen has ${params.years.length}`,
      `Pass --years ${params.years.at(-1)! - n + 1}-${params.years.at(-1)} or another --persistence.`,
    );
  }
  return { preset: options.preset, params, table };
}

/** Parameters as a Result shows them: thresholds as text, everything with its status. */
export function paramsForResult(table: ParamDefaults): Record<string, ParamEntry> {
  return Object.fromEntries(
    Object.entries(table).map(([key, entry]) => {
      const v = entry.value as unknown;
      const shown =
        v && typeof v === 'object' && 'op' in v && 'tau' in v ? `${(v as Threshold).op} ${(v as Threshold).tau}` : v;
      return [key, { value: shown, assumed: entry.assumed, description: entry.description }];
    }),
  );
}

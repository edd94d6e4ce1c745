import { z } from 'zod';
import { UsageError } from '../domain/errors.js';
import type { ParamValue } from '../domain/result.js';
import { defaultWgiYears } from '../methods/criticality/governance.js';
import type { CriticalityThresholds } from '../methods/criticality/verdict.js';
import { parseThreshold, type Threshold } from '../methods/dependency/criteria.js';

/**
 * What a user may ask of the EU criticality engine, as one zod schema: the CLI maps its flags onto it and the API
 * validates its query with it, so both read the same `.describe()` texts (docs/methods.md §5).
 */
export const CriticalityOptionsSchema = z.object({
  edition: z.coerce.number().int().default(2023).describe('EU assessment edition: 2011, 2014, 2017, 2020, 2023'),
  mode: z
    .enum(['published', 'recompute'])
    .default('published')
    .describe('published: the verdict from the published SR/EI; recompute: SR and EI from the study inputs and WGI'),
  perspective: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'an ISO3 country code such as BEL')
    .optional()
    .describe('a country whose own sourcing (its imports by partner, from trade data) replaces EU sourcing, e.g. BEL'),
  uncertainty: z.coerce
    .number()
    .int()
    .min(100)
    .max(1_000_000)
    .optional()
    .describe(
      'Monte Carlo draws over the inputs (shares, WGI, IR, EoL-RIR, SI); adds p_critical and a sensitivity table',
    ),
  seed: z.coerce.number().int().default(1).describe('seed of the Monte Carlo (same seed, same numbers)'),
  sr: z.string().default('>=1').describe('supply-risk threshold with operator, e.g. ">=1" (EU), ">1"'),
  ei: z.string().default('>=2.8').describe('economic-importance threshold with operator, e.g. ">=2.8" (EU)'),
  strategicRule: z
    .boolean()
    .optional()
    .describe('strategic raw materials are critical whatever their scores (CRMA; default: on from edition 2023)'),
  wgiYears: z
    .string()
    .optional()
    .describe('WGI years averaged per country, e.g. 2016-2020 (default; the 2023 data window, assumed) or 2019'),
  tradeYears: z
    .string()
    .optional()
    .describe("perspective: years of the country's imports, e.g. 2018-2022 (default: the 5 latest in the store)"),
  eucrm: z.string().optional().describe('eu-crm-study dataset id (default: the newest)'),
  wgi: z.string().optional().describe('wgi dataset id (default: the newest)'),
});

export type CriticalityOptions = z.input<typeof CriticalityOptionsSchema>;

export interface ResolvedCriticalityOptions {
  edition: number;
  mode: 'published' | 'recompute';
  perspective: string | null;
  uncertainty: number | null;
  seed: number;
  thresholds: CriticalityThresholds;
  strategicRule: boolean;
  wgiYears: number[];
  tradeYears: number[] | null;
  eucrm?: string;
  wgi?: string;
}

/** Parse and fill defaults once; messages in the one shape "invalid <name>: <value>". */
export function resolveCriticalityOptions(input: CriticalityOptions): ResolvedCriticalityOptions {
  const parsed = CriticalityOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue.path.join('.');
    throw new UsageError(
      `invalid ${name}: ${JSON.stringify((input as Record<string, unknown>)[name])} (${issue.message})`,
    );
  }
  const o = parsed.data;
  return {
    edition: o.edition,
    mode: o.mode,
    perspective: o.perspective?.toUpperCase() ?? null,
    uncertainty: o.uncertainty ?? null,
    seed: o.seed,
    thresholds: { sr: threshold('sr', o.sr), ei: threshold('ei', o.ei) },
    strategicRule: o.strategicRule ?? o.edition >= 2023,
    wgiYears: o.wgiYears ? parseYears('wgi-years', o.wgiYears) : [...defaultWgiYears],
    tradeYears: o.tradeYears ? parseYears('trade-years', o.tradeYears) : null,
    eucrm: o.eucrm,
    wgi: o.wgi,
  };
}

function threshold(name: string, text: string): Threshold {
  const t = parseThreshold(text, '>=');
  if (!t) throw new UsageError(`invalid ${name}: "${text}" (expected a threshold such as ">=1", ">2.8" or "1")`);
  return t;
}

/** "2019", "2016-2020", "2017,2019" → sorted distinct years. */
export function parseYears(name: string, text: string): number[] {
  const years = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d{4})(?:\s*[-–:]\s*(\d{4}))?$/.exec(part);
    const from = Number(m?.[1]);
    const to = Number(m?.[2] ?? m?.[1]);
    if (!m || to < from || to - from > 40) {
      throw new UsageError(`invalid ${name}: "${text}" (expected e.g. 2019, 2016-2020 or 2017,2019)`);
    }
    for (let y = from; y <= to; y++) years.add(y);
  }
  return [...years].sort((a, b) => a - b);
}

const fmt = (t: Threshold) => `${t.op}${t.tau}`;

/** The parameters of a criticality Result, each with its status (docs/methods.md §5 tags). */
export function criticalityParams(o: ResolvedCriticalityOptions, extra: Record<string, ParamValue> = {}) {
  const params: Record<string, ParamValue> = {
    edition: { value: o.edition, assumed: false },
    sr_threshold: {
      value: fmt(o.thresholds.sr),
      assumed: false,
      description: 'critical if SR ≥ 1 and EI ≥ 2.8 (SERV report L2486, L2506, L2514)',
    },
    ei_threshold: { value: fmt(o.thresholds.ei), assumed: false },
    strategic_rule: {
      value: o.strategicRule,
      assumed: false,
      description: 'strategic raw materials are critical whatever their scores (COM(2023) 160 lists Cu, Ni)',
    },
    strategic_list: { value: 'crma-strategic 2024', assumed: false, description: 'Regulation (EU) 2024/1252 Annex I' },
    ...extra,
  };
  return params;
}

/** Parameters of the recomputation (methods.md §5 parameter list). */
export function recomputeParams(o: ResolvedCriticalityOptions, qMax: number | null): Record<string, ParamValue> {
  return {
    wgi_aggregation: { value: 'mean of the 6 dimensions', assumed: true, description: 'CritMAT [S]' },
    wgi_scale: { value: '(x − 2.5) · (−2), 10 = worst', assumed: true, description: 'CritMAT [S]; 2010 rescaling' },
    wgi_years: { value: o.wgiYears, assumed: true, description: 'the 2023 data window is unverified (§5.1)' },
    wgi_missing: {
      value: 'nearest complete year, else the median of all countries',
      assumed: true,
      description: 'methods.md §0.3 design choice (regions not held)',
    },
    share_below_0_1_percent: { value: 0.0005, assumed: true, description: '"<0.1%" read as half the bound' },
    stage_aggregation: { value: 'max', assumed: true, description: 'bottleneck stage [S: STREAMLIT]' },
    group_aggregation: {
      value: 'mean of members',
      assumed: true,
      description: 'derived: the published HREE, LREE and PGM values are the means of their members',
    },
    ir_clip: { value: '[0, 1]', assumed: true },
    ei_normalisation: {
      value: '10 · ΣAQ / max(Q) · SI_EI',
      assumed: true,
      description: 'teaching implementation [S: STREAMLIT]; Q_max = largest sector VA in the study table',
    },
    q_max: { value: qMax, assumed: true, description: 'EUR million' },
    missing_scope: {
      value: 'the other scope alone',
      assumed: true,
      description: 'when the study used GS+EU but one scope has no shares [S: STREAMLIT]',
    },
    group_member_shares: {
      value: "the group's shares when a member has none",
      assumed: true,
      description: 'EU sourcing of HREE is given for the group only',
    },
  };
}

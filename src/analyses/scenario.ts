/**
 * What-if scenarios from a JSON file (or an API body): one `kind` per scenario.
 * - restriction: an export restriction (or an event of reference/export-restrictions.csv) → supply, SR, technologies,
 *   by-product companions, IO value added (restriction-scenario.ts);
 * - diversification / recycling: move sourcing or raise EoL-RIR → HHI, SR, benchmark proxies (diversification.ts);
 * - by-product: host output changes → companion supply (methods/levers/by-products.ts);
 * - shortfall: §7.4 shortfall-based stockpile sizing (methods/levers/stockpile.ts).
 * Saved scenarios are stored validated, with their sha256, in saved_scenarios (user data, migration 701).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { UsageError, UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import {
  type ByProductEdge,
  type ByProductParams,
  byProductDefaults,
  companionEffects,
} from '../methods/levers/by-products.js';
import { shortfallStock, stockValueEur } from '../methods/levers/stockpile.js';
import type { Db } from '../store/db.js';
import {
  DiversificationScenario,
  diversificationScenario,
  RecyclingScenario,
  recyclingScenario,
} from './diversification.js';
import { provenance } from './provenance.js';
import { RestrictionScenario, restrictionScenario } from './restriction-scenario.js';

export const ByProductScenario = z.object({
  kind: z.literal('by-product'),
  title: z.string().optional(),
  hosts: z
    .record(z.string(), z.number().min(-1))
    .describe('host material → output change as a fraction, e.g. { "zinc": -0.2 }'),
  relationWeight: z
    .object({ 'main-host': z.number().min(0), host: z.number().min(0), potential: z.number().min(0) })
    .partial()
    .optional(),
  byProductShare: z.record(z.string(), z.number().min(0).max(1)).optional(),
});

export const ShortfallScenario = z.object({
  kind: z.literal('shortfall'),
  title: z.string().optional(),
  material: z.string().min(1),
  demandT: z.number().nonnegative(),
  domesticT: z.number().nonnegative().default(0),
  foreign: z
    .array(z.object({ country: z.string(), supplyT: z.number().nonnegative(), reliability: z.number().min(0).max(1) }))
    .default([]),
  inventoryT: z.number().nonnegative().default(0),
  priceEurPerKg: z.number().nonnegative().optional(),
});

export const scenarioKinds = ['restriction', 'diversification', 'recycling', 'by-product', 'shortfall'] as const;
export type ScenarioKind = (typeof scenarioKinds)[number];

const schemas: Record<ScenarioKind, z.ZodType> = {
  restriction: RestrictionScenario,
  diversification: DiversificationScenario,
  recycling: RecyclingScenario,
  'by-product': ByProductScenario,
  shortfall: ShortfallScenario,
};

/**
 * Validate and run one scenario.
 * @example await runScenario(db, { kind: 'by-product', hosts: { zinc: -0.2 } })
 */
export async function runScenario(db: Db, spec: unknown, label = 'scenario'): Promise<Result> {
  const s = parseScenario(spec, label);
  switch (s.kind) {
    case 'restriction':
      return restrictionScenario(db, s as z.input<typeof RestrictionScenario>);
    case 'diversification':
      return diversificationScenario(db, s as z.input<typeof DiversificationScenario>);
    case 'recycling':
      return recyclingScenario(db, s as z.input<typeof RecyclingScenario>);
    case 'by-product':
      return byProductScenario(db, s as z.input<typeof ByProductScenario>);
    default:
      return shortfallScenario(s as z.input<typeof ShortfallScenario>);
  }
}

/** Check a scenario's shape; the message names the field (`label: invalid restrictions.0.measure: …`). */
export function parseScenario(spec: unknown, label = 'scenario'): { kind: ScenarioKind } & Record<string, unknown> {
  const kind = (spec as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(scenarioKinds as readonly string[]).includes(kind)) {
    throw new UsageError(
      `${label}: unknown scenario kind: ${JSON.stringify(kind)} (expected one of ${scenarioKinds.join(', ')})`,
    );
  }
  const parsed = schemas[kind as ScenarioKind].safeParse(spec);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${label}: invalid ${issue.path.join('.') || 'scenario'}: ${issue.message}`);
  }
  return spec as { kind: ScenarioKind } & Record<string, unknown>;
}

/** Read a scenario file; JSON syntax errors name file:line:column. */
export function readScenarioFile(path: string): { spec: unknown; label: string; text: string } {
  const label = basename(path);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(
      `${label}: cannot read the scenario file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  return { spec: parseJsonWithPosition(text, label), label, text };
}

export function parseJsonWithPosition(text: string, label: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const at = /position (\d+)/.exec(message);
    if (at) {
      const offset = Number(at[1]);
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      const column = offset - before.lastIndexOf('\n');
      throw new UserError(
        `${label}:${line}:${column}: not valid JSON (${message.replace(/ in JSON at position \d+.*$/, '')})`,
      );
    }
    throw new UserError(`${label}: not valid JSON (${message})`);
  }
}

async function byProductScenario(db: Db, s: z.input<typeof ByProductScenario>): Promise<Result> {
  const edges = await db.all<ByProductEdge>(
    'SELECT host_id AS host, companion_id AS companion, relation FROM by_products',
  );
  const hosts = new Set(edges.map((e) => e.host));
  const unknown = Object.keys(s.hosts).filter((h) => !hosts.has(h));
  if (unknown.length) {
    throw new UsageError(
      `not a host in reference/by-products.csv: ${unknown.join(', ')}`,
      `Hosts: ${[...hosts].sort().join(', ')}`,
    );
  }
  const params: ByProductParams = {
    relationWeight: { ...byProductDefaults.relationWeight, ...(s.relationWeight ?? {}) },
    byProductShare: s.byProductShare ?? {},
    defaultByProductShare: byProductDefaults.defaultByProductShare,
  };
  const effects = companionEffects(edges, s.hosts, params);
  return result({
    columns: [
      { name: 'companion', type: 'string' },
      { name: 'change', type: 'number', unit: 'fraction', description: 'change of the companion’s primary supply' },
      { name: 'host', type: 'string' },
      { name: 'relation', type: 'string' },
      { name: 'weight', type: 'number', unit: 'fraction', description: 'normalised weight of this host edge' },
      { name: 'host_change', type: 'number', unit: 'fraction' },
    ],
    rows: effects.flatMap((e) =>
      e.via.map((v) => ({
        companion: e.companion,
        change: e.change,
        host: v.host,
        relation: v.relation,
        weight: v.weight,
        host_change: v.hostChange,
      })),
    ),
    provenance: await provenance(db, ['ref:by_products']),
    method: {
      id: 'levers.scenario.by-product',
      version: '1',
      params: {
        hosts: { value: s.hosts, assumed: false },
        relation_weight: {
          value: params.relationWeight,
          assumed: s.relationWeight === undefined,
          description: 'sources give the relation, not shares',
        },
        by_product_share: { value: { default: 1, ...params.byProductShare }, assumed: s.byProductShare === undefined },
      },
    },
    warnings: [
      'weights by relation are assumed: the sources name hosts, not the share of the companion each host yields',
    ],
  });
}

function shortfallScenario(input: z.input<typeof ShortfallScenario>): Result {
  const s = ShortfallScenario.parse(input);
  const out = shortfallStock({
    demandT: s.demandT,
    domesticT: s.domesticT,
    foreign: s.foreign,
    inventoryT: s.inventoryT,
  });
  return result({
    columns: [
      { name: 'material', type: 'string' },
      { name: 'demand_t', type: 'number', unit: 't' },
      { name: 'assured_supply_t', type: 'number', unit: 't' },
      { name: 'shortfall_t', type: 'number', unit: 't' },
      { name: 'inventory_t', type: 'number', unit: 't' },
      { name: 'tonnes', type: 'number', unit: 't', description: 'stockpile needed: shortfall − inventory' },
      { name: 'value_eur', type: 'number', unit: 'EUR' },
    ],
    rows: [
      {
        material: s.material,
        demand_t: s.demandT,
        assured_supply_t: out.assuredSupplyT,
        shortfall_t: out.shortfallT,
        inventory_t: s.inventoryT,
        tonnes: out.stockpileT,
        value_eur: s.priceEurPerKg === undefined ? null : stockValueEur(out.stockpileT, s.priceEurPerKg),
      },
    ],
    provenance: [],
    method: {
      id: 'levers.stockpile.shortfall',
      version: '1',
      spec: 'docs/methods.md §7.4',
      params: {
        foreign: {
          value: s.foreign,
          assumed: false,
          description: 'supply and reliability per country in the scenario',
        },
      },
    },
  });
}

export interface SavedScenario {
  id: string;
  kind: string;
  title: string | null;
  sha256: string;
  actor: string;
  created_at: Date;
}

/** Validate and store a scenario under an id (a slug); an existing id is a conflict. */
export async function saveScenario(db: Db, id: string, spec: unknown, context: { actor: string }): Promise<Result> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(id))
    throw new UserError(
      `invalid scenario id: "${id}" (expected a lowercase slug, e.g. china-gallium-ban)`,
      undefined,
      400,
    );
  const s = parseScenario(spec, id);
  const json = JSON.stringify(spec);
  const sha = createHash('sha256').update(json).digest('hex');
  await db.transaction(async () => {
    const existing = await db.one('SELECT id FROM saved_scenarios WHERE id = $1', [id]);
    if (existing) throw new UserError(`scenario ${id} already exists`, 'Choose another id.', 409);
    await db.run('INSERT INTO saved_scenarios VALUES ($1, $2, $3, $4::JSON, $5, $6, now())', [
      id,
      s.kind,
      typeof s.title === 'string' ? s.title : null,
      json,
      sha,
      context.actor,
    ]);
  });
  return listScenarios(db, { id });
}

export async function listScenarios(db: Db, filter: { id?: string } = {}): Promise<Result> {
  const rows = await db.all<SavedScenario>(
    'SELECT id, kind, title, sha256, actor, created_at FROM saved_scenarios WHERE $1::VARCHAR IS NULL OR id = $1 ORDER BY created_at DESC, id',
    [filter.id ?? null],
  );
  return result({
    columns: [
      { name: 'id', type: 'string' },
      { name: 'kind', type: 'string' },
      { name: 'title', type: 'string' },
      { name: 'sha256', type: 'string' },
      { name: 'actor', type: 'string' },
      { name: 'created_at', type: 'date' },
    ],
    rows: rows.map((r) => ({ ...r })),
    provenance: [],
    method: { id: 'levers.scenario.saved', version: '1', params: {} },
  });
}

/** The stored scenario file of an id, or a 404. */
export async function readSavedScenario(db: Db, id: string): Promise<unknown> {
  const row = await db.one<{ spec: string }>('SELECT spec::VARCHAR AS spec FROM saved_scenarios WHERE id = $1', [id]);
  if (!row) throw new UsageError(`unknown scenario: "${id}"`, 'GET /api/levers/scenarios lists the saved ones', 404);
  return JSON.parse(row.spec);
}

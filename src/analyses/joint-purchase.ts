import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { UserError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import {
  aggregateDemand,
  type DemandLine,
  type JointPurchaseParams,
  jointPurchaseDefaults,
  materialEligibility,
  periodPattern,
  purchaseStages,
} from '../methods/levers/joint-purchase.js';
import type { Db } from '../store/db.js';
import { findMaterialIds } from '../store/reference-queries.js';
import { provenance } from './provenance.js';
import { readEuMembers, readPublishedSr, readStrategicMaterials } from './scenario-data.js';

/**
 * Joint purchasing under CRMA Art. 25 (docs/methods.md §6): buyers register demand, Radar aggregates it per
 * material × stage × period. Writes happen in one transaction with their audit rows: a batch with one bad line
 * writes nothing.
 */
export const Registration = z.object({
  buyer: z.string().trim().min(1).max(200).describe('undertaking registering demand'),
  country: z.string().trim().min(2).max(3).describe('member state where the buyer is established (ISO2 or ISO3)'),
  material: z.string().trim().min(1).max(80).describe('strategic raw material (CRMA Annex I), id or name'),
  stage: z.enum(purchaseStages).describe('extraction = unprocessed (ores, concentrates); processing = processed'),
  quantity_t: z.number().positive().finite().describe('demand in tonnes for the period'),
  period: z.string().regex(periodPattern, 'expected YYYY, YYYY-Qn or YYYY-MM').describe('delivery period'),
  sme: z.boolean().default(false).describe('the buyer is an SME'),
});
export type Registration = z.input<typeof Registration>;

export interface RegisteredLine {
  id: number;
  buyer: string;
  country_iso3: string;
  material_id: string;
  stage: string;
  quantity_t: number;
  period: string;
  sme: boolean;
  status: 'active' | 'withdrawn';
  created_at: Date;
  updated_at: Date;
}

const registrationColumns = [
  { name: 'id', type: 'integer' as const },
  { name: 'buyer', type: 'string' as const },
  { name: 'country_iso3', type: 'string' as const },
  { name: 'material_id', type: 'string' as const },
  { name: 'stage', type: 'string' as const },
  { name: 'quantity_t', type: 'number' as const, unit: 't' },
  { name: 'period', type: 'string' as const },
  { name: 'sme', type: 'boolean' as const },
  { name: 'status', type: 'string' as const },
  { name: 'created_at', type: 'date' as const },
];

/**
 * Validate every line first (all problems reported at once, each with its position), then write all of them and
 * their audit rows in one transaction.
 * @example await registerDemand(db, [{ buyer: 'Umicore', country: 'BE', material: 'cobalt', stage: 'processing', quantity_t: 500, period: '2026' }], { actor: 'cli' })
 */
export async function registerDemand(
  db: Db,
  lines: readonly unknown[],
  context: { actor: string; where?: (index: number) => string },
): Promise<Result> {
  if (lines.length === 0) throw new UserError('no registrations given');
  const where = context.where ?? ((i: number) => (lines.length > 1 ? `registration ${i + 1}` : 'registration'));
  const strategic = await readStrategicMaterials(db);
  const members = await readEuMembers(db, new Date().getUTCFullYear());
  const countryOf = await memberStateResolver(db);
  const errors: string[] = [];
  const valid: Omit<RegisteredLine, 'id' | 'status' | 'created_at' | 'updated_at'>[] = [];
  for (const [i, raw] of lines.entries()) {
    const parsed = Registration.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push(`${where(i)}: invalid ${issue.path.join('.') || 'registration'}: ${issue.message}`);
      continue;
    }
    const r = parsed.data;
    const problems: string[] = [];
    const ids = await findMaterialIds(db, r.material);
    const materialId = ids.find((id) => strategic.withMembers.has(id));
    if (!materialId) {
      problems.push(
        ids.length === 0
          ? `unknown material "${r.material}"`
          : `${ids.join('/')} is not a strategic raw material (CRMA Annex I); joint purchasing covers strategic raw materials only`,
      );
    }
    const iso3 = countryOf(r.country);
    if (!iso3 || !members.has(iso3)) problems.push(`country "${r.country}" is not an EU member state`);
    if (problems.length) {
      errors.push(`${where(i)}: ${problems.join('; ')}`);
      continue;
    }
    valid.push({
      buyer: r.buyer,
      country_iso3: iso3 as string,
      material_id: materialId as string,
      stage: r.stage,
      quantity_t: r.quantity_t,
      period: r.period,
      sme: r.sme,
    });
  }
  if (errors.length) {
    throw new UserError(
      `${errors.length} of ${lines.length} registration${lines.length === 1 ? '' : 's'} invalid; nothing was registered:\n${errors.join('\n')}`,
    );
  }
  const requestId = randomUUID();
  const written = await db.transaction(async () => {
    const out: RegisteredLine[] = [];
    for (const line of valid) {
      const row = await db.one<RegisteredLine>(
        `INSERT INTO jp_registrations VALUES (nextval('jp_registration_id'), $buyer, $country, $material, $stage,
           $quantity, $period, $sme, 'active', now(), now()) RETURNING *`,
        {
          buyer: line.buyer,
          country: line.country_iso3,
          material: line.material_id,
          stage: line.stage,
          quantity: line.quantity_t,
          period: line.period,
          sme: line.sme,
        },
      );
      if (!row) throw new Error('INSERT … RETURNING gave no row');
      await writeAudit(db, {
        id: row.id,
        action: 'register',
        actor: context.actor,
        requestId,
        before: null,
        after: row,
      });
      out.push(row);
    }
    return out;
  });
  return result({
    columns: registrationColumns,
    rows: written.map(registrationRow),
    provenance: [],
    method: { id: 'levers.joint-purchase.register', version: '1', spec: 'docs/methods.md §6 Art. 25', params: {} },
    warnings: [`request ${requestId}: ${written.length} registration${written.length === 1 ? '' : 's'} written`],
  });
}

/** Withdraw one active registration (kept, with status 'withdrawn', and an audit row). */
export async function withdrawRegistration(db: Db, id: number, context: { actor: string }): Promise<Result> {
  const requestId = randomUUID();
  const row = await db.transaction(async () => {
    const before = await db.one<RegisteredLine>('SELECT * FROM jp_registrations WHERE id = $1', [id]);
    if (!before) throw new UserError(`unknown registration: ${id}`, 'radar joint-purchase list shows the ids', 404);
    if (before.status === 'withdrawn') throw new UserError(`registration ${id} is already withdrawn`, undefined, 409);
    const after = await db.one<RegisteredLine>(
      "UPDATE jp_registrations SET status = 'withdrawn', updated_at = now() WHERE id = $1 RETURNING *",
      [id],
    );
    if (!after) throw new Error('UPDATE … RETURNING gave no row');
    await writeAudit(db, { id, action: 'withdraw', actor: context.actor, requestId, before, after });
    return after;
  });
  return result({
    columns: registrationColumns,
    rows: [registrationRow(row)],
    provenance: [],
    method: { id: 'levers.joint-purchase.withdraw', version: '1', params: {} },
  });
}

async function writeAudit(
  db: Db,
  a: { id: number; action: 'register' | 'withdraw'; actor: string; requestId: string; before: unknown; after: unknown },
): Promise<void> {
  await db.run(
    `INSERT INTO jp_audit VALUES (nextval('jp_audit_seq'), $id, $action, $actor, $request, now(), $before::JSON,
       $after::JSON)`,
    {
      id: a.id,
      action: a.action,
      actor: a.actor,
      request: a.requestId,
      before: a.before === null ? null : JSON.stringify(a.before),
      after: a.after === null ? null : JSON.stringify(a.after),
    },
  );
}

function registrationRow(r: RegisteredLine) {
  return {
    id: r.id,
    buyer: r.buyer,
    country_iso3: r.country_iso3,
    material_id: r.material_id,
    stage: r.stage,
    quantity_t: r.quantity_t,
    period: r.period,
    sme: r.sme,
    status: r.status,
    created_at: r.created_at,
  };
}

/** Registrations, newest first (all, or only active ones). */
export async function listRegistrations(db: Db, options: { status?: 'active' | 'withdrawn' } = {}): Promise<Result> {
  const rows = await db.all<RegisteredLine>(
    'SELECT * FROM jp_registrations WHERE $1::VARCHAR IS NULL OR status = $1 ORDER BY id DESC',
    [options.status ?? null],
  );
  return result({
    columns: registrationColumns,
    rows: rows.map(registrationRow),
    provenance: [],
    method: {
      id: 'levers.joint-purchase.list',
      version: '1',
      params: { status: { value: options.status ?? 'all', assumed: false } },
    },
  });
}

/** The audit trail, oldest first. */
export async function registrationAudit(db: Db, options: { registration?: number } = {}): Promise<Result> {
  const rows = await db.all(
    `SELECT seq, registration_id, action, actor, request_id, happened_at, before_json::VARCHAR AS before,
            after_json::VARCHAR AS after
     FROM jp_audit WHERE $1::BIGINT IS NULL OR registration_id = $1 ORDER BY seq`,
    [options.registration ?? null],
  );
  return result({
    columns: [
      { name: 'seq', type: 'integer' },
      { name: 'registration_id', type: 'integer' },
      { name: 'action', type: 'string' },
      { name: 'actor', type: 'string' },
      { name: 'request_id', type: 'string' },
      { name: 'happened_at', type: 'date' },
      { name: 'before', type: 'json' },
      { name: 'after', type: 'json' },
    ],
    rows,
    provenance: [],
    method: { id: 'levers.joint-purchase.audit', version: '1', params: {} },
  });
}

export const AggregateOptions = z.object({
  minRelativeSupplyRisk: z.coerce
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('eligible when SR / max SR of the strategic raw materials ≥ this (default 0: all eligible)'),
  minimumT: z
    .record(z.string(), z.number().nonnegative())
    .optional()
    .describe('minimum quantity per participant, per material or "material/stage" (default 0 t)'),
  defaultMinimumT: z.coerce.number().nonnegative().optional().describe('minimum for materials not in minimumT'),
  smePooling: z.boolean().optional().describe('SMEs below the minimum take part together if their sum reaches it'),
  srEdition: z.coerce.number().int().optional().describe('EU assessment edition of the SR (default: latest)'),
});
export type AggregateOptions = z.input<typeof AggregateOptions>;

/**
 * Aggregated demand per material × stage × period, with the participation rule applied.
 * @example await aggregateJointPurchase(db, { defaultMinimumT: 100 })
 */
export async function aggregateJointPurchase(db: Db, input: AggregateOptions = {}): Promise<Result> {
  const o = AggregateOptions.parse(input);
  const params: JointPurchaseParams = {
    minRelativeSupplyRisk: o.minRelativeSupplyRisk ?? jointPurchaseDefaults.minRelativeSupplyRisk,
    minimumQuantityT: o.minimumT ?? {},
    defaultMinimumT: o.defaultMinimumT ?? 0,
    smePooling: o.smePooling ?? jointPurchaseDefaults.smePooling,
  };
  const registered = await db.all<RegisteredLine>("SELECT * FROM jp_registrations WHERE status = 'active'");
  const strategic = await readStrategicMaterials(db);
  const srs = await readPublishedSr(db, o.srEdition);
  const candidates = [...new Set([...strategic.listed, ...registered.map((r) => r.material_id)])];
  const eligibility = materialEligibility(
    candidates.map((id) => ({ materialId: id, sr: srs.get(id)?.sr ?? null })),
    params.minRelativeSupplyRisk,
  );
  const byMaterial = new Map(eligibility.map((e) => [e.materialId, e]));
  const lines: DemandLine[] = registered.map((r) => ({
    id: r.id,
    buyer: r.buyer,
    materialId: r.material_id,
    stage: r.stage as DemandLine['stage'],
    quantityT: r.quantity_t,
    period: r.period,
    sme: r.sme,
  }));
  const { pools } = aggregateDemand(
    lines,
    params,
    new Set(eligibility.filter((e) => e.eligible).map((e) => e.materialId)),
  );
  const warnings: string[] = [];
  if (o.defaultMinimumT === undefined && o.minimumT === undefined) {
    warnings.push('no minimum quantity set (Art. 25(3) leaves it to the Commission): every registration takes part');
  }
  const noSr = eligibility.filter((e) => e.sr === null).map((e) => e.materialId);
  if (noSr.length) warnings.push(`no published SR, so not eligible: ${noSr.join(', ')}`);
  const edition = [...srs.values()][0]?.edition;
  return result({
    columns: [
      { name: 'material', type: 'string' },
      { name: 'stage', type: 'string' },
      { name: 'period', type: 'string' },
      { name: 'eligible', type: 'boolean', description: 'relative supply risk ≥ threshold' },
      { name: 'sr', type: 'number', unit: 'index', description: `published SR, EU ${edition}` },
      { name: 'relative_sr', type: 'number', unit: '0–1', description: 'SR / max SR of the strategic raw materials' },
      { name: 'minimum_t', type: 'number', unit: 't', description: 'minimum quantity per participant' },
      { name: 'registrations', type: 'integer' },
      { name: 'buyers', type: 'integer' },
      { name: 'sme_buyers', type: 'integer' },
      { name: 'demand_t', type: 'number', unit: 't', description: 'all active registrations' },
      { name: 'aggregated_t', type: 'number', unit: 't', description: 'demand that takes part' },
      { name: 'sme_pool_t', type: 'number', unit: 't', description: 'SME demand below the minimum, pooled' },
      { name: 'excluded_t', type: 'number', unit: 't' },
    ],
    rows: pools.map((p) => ({
      material: p.materialId,
      stage: p.stage,
      period: p.period,
      eligible: p.eligible,
      sr: byMaterial.get(p.materialId)?.sr ?? null,
      relative_sr: byMaterial.get(p.materialId)?.relativeSr ?? null,
      minimum_t: p.minimumT,
      registrations: p.registrations,
      buyers: p.buyers,
      sme_buyers: p.smeBuyers,
      demand_t: p.demandT,
      aggregated_t: p.aggregatedT,
      sme_pool_t: p.smePoolT,
      excluded_t: p.excludedT,
    })),
    provenance: await provenance(db, ['ref:sr_ei', 'ref:list_membership']),
    method: {
      id: 'levers.joint-purchase.aggregate',
      version: '1',
      spec: 'docs/methods.md §6 Art. 25',
      params: {
        min_relative_supply_risk: {
          value: params.minRelativeSupplyRisk,
          assumed: o.minRelativeSupplyRisk === undefined,
        },
        minimum_t: {
          value: o.minimumT ?? o.defaultMinimumT ?? 0,
          assumed: o.minimumT === undefined && o.defaultMinimumT === undefined,
        },
        default_minimum_t: { value: o.defaultMinimumT ?? 0, assumed: o.defaultMinimumT === undefined },
        sme_pooling: { value: params.smePooling, assumed: o.smePooling === undefined },
        sr_edition: { value: edition, assumed: false },
      },
    },
    warnings,
  });
}

/** ISO2/ISO3 → ISO3 of a country (membership is checked by the caller). */
async function memberStateResolver(db: Db): Promise<(text: string) => string | null> {
  const rows = await db.all<{ key: string; iso3: string }>(
    `SELECT upper(iso3) AS key, iso3 FROM countries UNION SELECT upper(iso2), iso3 FROM countries WHERE iso2 IS NOT NULL
     UNION SELECT upper(alias), iso3 FROM country_aliases WHERE scheme = 'eurostat_geo' AND iso3 IS NOT NULL`,
  );
  const map = new Map(rows.map((r) => [r.key, r.iso3]));
  return (text) => map.get(text.trim().toUpperCase()) ?? null;
}

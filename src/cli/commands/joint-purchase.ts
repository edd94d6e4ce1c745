import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  aggregateJointPurchase,
  listRegistrations,
  registerDemand,
  registrationAudit,
  withdrawRegistration,
} from '../../analyses/joint-purchase.js';
import { parseJsonWithPosition } from '../../analyses/scenario.js';
import { UserError } from '../../domain/errors.js';
import type { Db } from '../../store/db.js';
import { type CliContext, withStore } from '../context.js';
import { formatOf } from '../options.js';
import { renderResult } from '../render.js';
import { actor } from './scenario.js';

export interface RegisterCliOptions {
  buyer?: string;
  country?: string;
  material?: string;
  stage?: string;
  quantityT?: string;
  period?: string;
  sme?: boolean;
  file?: string;
  format?: string;
  json?: boolean;
}

/** `radar joint-purchase register`: one registration from options, or many from a JSON file (all or nothing). */
export async function register(ctx: CliContext, o: RegisterCliOptions): Promise<void> {
  let lines: unknown[];
  let where: ((i: number) => string) | undefined;
  if (o.file) {
    const label = basename(o.file);
    const parsed = parseJsonWithPosition(readText(o.file, label), label);
    lines = Array.isArray(parsed) ? parsed : [parsed];
    where = (i) => `${label}: registration ${i + 1}`;
  } else {
    lines = [
      {
        buyer: o.buyer,
        country: o.country,
        material: o.material,
        stage: o.stage,
        quantity_t: o.quantityT === undefined ? undefined : Number(o.quantityT),
        period: o.period,
        sme: o.sme ?? false,
      },
    ];
  }
  const result = await withWriter(ctx, (db) => registerDemand(db, lines, { actor: actor(), where }));
  ctx.stdout(renderResult(result, formatOf(o)));
}

export async function withdraw(ctx: CliContext, id: string, o: { format?: string; json?: boolean }): Promise<void> {
  if (!/^\d+$/.test(id)) throw new UserError(`invalid registration id: "${id}" (expected a number)`);
  const result = await withWriter(ctx, (db) => withdrawRegistration(db, Number(id), { actor: actor() }));
  ctx.stdout(renderResult(result, formatOf(o)));
}

export async function list(ctx: CliContext, o: { status?: string; format?: string; json?: boolean }): Promise<void> {
  const status = o.status === 'active' || o.status === 'withdrawn' ? o.status : undefined;
  ctx.stdout(renderResult(await withStore(ctx, (db) => listRegistrations(db, { status })), formatOf(o)));
}

export async function audit(
  ctx: CliContext,
  o: { registration?: string; format?: string; json?: boolean },
): Promise<void> {
  const registration = o.registration === undefined ? undefined : Number(o.registration);
  ctx.stdout(renderResult(await withStore(ctx, (db) => registrationAudit(db, { registration })), formatOf(o)));
}

export interface AggregateCliOptions {
  minRelativeSr?: string;
  minimum?: string[];
  defaultMinimum?: string;
  noSmePooling?: boolean;
  smePooling?: boolean;
  format?: string;
  json?: boolean;
}

/** `--minimum cobalt=100 --minimum lithium/processing=50` → { cobalt: 100, 'lithium/processing': 50 }. */
export function parseMinimums(specs: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of specs) {
    const m = /^([a-z0-9-]+(?:\/(?:extraction|processing))?)=(\d+(?:\.\d+)?)$/.exec(s);
    if (!m) throw new UserError(`invalid --minimum: "${s}" (expected MATERIAL=TONNES or MATERIAL/STAGE=TONNES)`);
    out[m[1]] = Number(m[2]);
  }
  return out;
}

export async function aggregate(ctx: CliContext, o: AggregateCliOptions): Promise<void> {
  const result = await withStore(ctx, (db) =>
    aggregateJointPurchase(db, {
      minRelativeSupplyRisk: o.minRelativeSr,
      minimumT: o.minimum?.length ? parseMinimums(o.minimum) : undefined,
      defaultMinimumT: o.defaultMinimum,
      smePooling: o.smePooling === false ? false : undefined,
    }),
  );
  ctx.stdout(renderResult(result, formatOf(o)));
}

async function withWriter<T>(ctx: CliContext, work: (db: Db) => Promise<T>): Promise<T> {
  const db = await ctx.openStore({ readOnly: false });
  try {
    return await work(db);
  } finally {
    db.close();
  }
}

function readText(path: string, label: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UserError(
      `${label}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

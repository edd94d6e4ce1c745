/**
 * By-product (host/companion) dependencies (issue "by-product dependencies"; SERV report L63–65, L6968–6986,
 * L11978–12002: a companion's supply is set by how much host metal is produced, not by its own price).
 *
 * Graph: edges host → companion with a relation from reference/by-products.csv ('main-host', 'host',
 * 'potential'). A change of host output Δh (fraction, e.g. −0.2) moves the companion's primary supply by
 *   Δc = byProductShare_c · Σ_e w_e · Δh_e,   w_e = weight(relation_e) / Σ_{e' into c} weight(relation_e')
 * so that a companion whose hosts all fall by x falls by byProductShare_c · x, never more.
 * Parameters [U, all assumed]: `relationWeight` {main-host 1, host 0.5, potential 0} — the sources give the
 * relation, not the share of the companion's output each host accounts for; `byProductShare` default 1 (all
 * primary supply of the companion is by-product), overridable per companion. The result is clamped at −1.
 * Propagation is one step (host → companion): companions are not hosts in the bundled graph.
 */
import { UserError } from '../../domain/errors.js';

export type ByProductRelation = 'main-host' | 'host' | 'potential';

export interface ByProductEdge {
  host: string;
  companion: string;
  relation: ByProductRelation;
}

export interface ByProductParams {
  relationWeight: Readonly<Record<ByProductRelation, number>>;
  byProductShare: Readonly<Record<string, number>>;
  defaultByProductShare: number;
}

export const byProductDefaults: ByProductParams = {
  relationWeight: { 'main-host': 1, host: 0.5, potential: 0 },
  byProductShare: {},
  defaultByProductShare: 1,
};

export interface CompanionEffect {
  companion: string;
  change: number;
  /** The host changes that moved it, with each edge's normalised weight. */
  via: { host: string; relation: ByProductRelation; weight: number; hostChange: number }[];
}

/**
 * @example companionEffects([{ host: 'aluminium-bauxite', companion: 'gallium', relation: 'main-host' }, { host: 'zinc', companion: 'gallium', relation: 'host' }], { zinc: -0.3 }, byProductDefaults)
 * // [{ companion: 'gallium', change: -0.1, via: [...] }]   (zinc weight 0.5 / 1.5 = 1/3)
 */
export function companionEffects(
  edges: readonly ByProductEdge[],
  hostChanges: Readonly<Record<string, number>>,
  params: ByProductParams,
): CompanionEffect[] {
  for (const [host, change] of Object.entries(hostChanges)) {
    if (!(change >= -1 && Number.isFinite(change))) {
      throw new UserError(`impossible change of ${host} output: ${change} (expected a fraction ≥ −1, e.g. −0.2)`);
    }
  }
  const byCompanion = new Map<string, ByProductEdge[]>();
  for (const e of edges) byCompanion.set(e.companion, [...(byCompanion.get(e.companion) ?? []), e]);
  const effects: CompanionEffect[] = [];
  for (const [companion, into] of byCompanion) {
    if (!into.some((e) => hostChanges[e.host] !== undefined)) continue;
    const total = into.reduce((s, e) => s + params.relationWeight[e.relation], 0);
    const share = params.byProductShare[companion] ?? params.defaultByProductShare;
    const via = into
      .filter((e) => hostChanges[e.host] !== undefined)
      .map((e) => ({
        host: e.host,
        relation: e.relation,
        weight: total > 0 ? params.relationWeight[e.relation] / total : 0,
        hostChange: hostChanges[e.host],
      }));
    const change = Math.max(-1, share * via.reduce((s, v) => s + v.weight * v.hostChange, 0));
    effects.push({ companion, change, via });
  }
  return effects.sort((a, b) => a.companion.localeCompare(b.companion));
}

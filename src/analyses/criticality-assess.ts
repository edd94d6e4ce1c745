import { UserError } from '../domain/errors.js';
import { type GovernanceTable, governanceTable } from '../methods/criticality/governance.js';
import {
  evaluateMaterial,
  type MaterialEvaluation,
  type MaterialModel,
  type ScopeSupply,
} from '../methods/criticality/model.js';
import { groupMean } from '../methods/criticality/verdict.js';
import type { Db } from '../store/db.js';
import {
  importHints,
  latestDataset,
  readAssessmentInputs,
  readGroupMembers,
  readListed,
  readMaterialNames,
  readPublished,
  readSupplyShares,
  readUseShares,
  readWgiYears,
  type ShareRow,
} from './criticality-inputs.js';
import { buildModels, largestValueAdded, type ModelBuild, shareTotals } from './criticality-models.js';
import type { ResolvedCriticalityOptions } from './criticality-options.js';

/**
 * The recomputation shared by `--recompute`, `--perspective` and `--uncertainty`: every item the edition assessed
 * (materials and the HREE/LREE/PGM groups) and every group member, with its model, its recomputed SR/EI and the
 * published values to compare with.
 */
export interface AssessedItem {
  id: string;
  name: string;
  /** 'member' = an individual material assessed inside a group (HREE, LREE, PGM). */
  kind: 'material' | 'group' | 'member';
  group: string | null;
  members: string[];
  srPublished: number | null;
  eiPublished: number | null;
  strategic: boolean;
  onList: boolean;
  /** The material's model, or its members' models for a group. */
  models: MaterialModel[];
  evaluation: MaterialEvaluation | null;
  sr: number | null;
  ei: number | null;
  stage: string | null;
  build: ModelBuild | null;
  notes: string[];
}

export interface Assessment {
  items: AssessedItem[];
  governance: GovernanceTable;
  qMax: number;
  datasets: { eucrm: string; wgi: string };
  shares: ShareRow[];
  warnings: string[];
}

export async function assess(db: Db, o: ResolvedCriticalityOptions): Promise<Assessment> {
  const inputs = await readAssessmentInputs(db, o.edition);
  if (inputs.length === 0) {
    throw new UserError(
      `recomputing edition ${o.edition} needs its factsheet parameters (IR, EoL-RIR, SI); Radar holds them for 2023 only`,
      'Use --edition 2023, or --published for the verdict from the published SR/EI.',
    );
  }
  const eucrm = await latestDataset(db, 'eu-crm-study', importHints['eu-crm-study'], o.eucrm);
  const wgiId = await latestDataset(db, 'wgi', importHints.wgi, o.wgi);
  const [shares, uses, wgiRows, published, groups, names, strategicIds, listed] = await Promise.all([
    readSupplyShares(db, eucrm),
    readUseShares(db, eucrm),
    readWgiYears(db, wgiId),
    readPublished(db, o.edition),
    readGroupMembers(db),
    readMaterialNames(db),
    readListed(db, 'crma-strategic', '2024'),
    readListed(db, 'eu-crm', String(o.edition)),
  ]);
  const governance = governanceTable(wgiRows, { years: o.wgiYears });
  const qMax = largestValueAdded(uses);
  if (qMax === null) {
    throw new UserError(`dataset ${eucrm} has no end-use shares with value added`, importHints['eu-crm-study']);
  }
  const builds = buildModels({ inputs, shares, uses, groupOf: (id) => names.get(id)?.group ?? null });
  const gov = (iso3: string) => governance.of(iso3);

  const individual = (id: string, kind: 'material' | 'member', group: string | null): AssessedItem => {
    const build = builds.get(id) ?? null;
    const evaluation = build?.model ? evaluateMaterial(build.model, gov, qMax) : null;
    const notes = [...(build?.notes ?? [])];
    if (!build) notes.push('no factsheet parameters');
    else if (build.missing) notes.push(build.missing);
    if (evaluation) {
      for (const s of evaluation.stages) {
        if (s.missing) notes.push(`${s.stage}: ${s.missing}`);
        if (s.scopeFallback) notes.push(`${s.stage}: only ${s.scopeUsed === 'gs' ? 'global' : 'EU sourcing'} shares`);
      }
      for (const t of shareTotals(build?.model as MaterialModel)) {
        if (t.gs !== null && t.gs < 0.9) notes.push(`${t.stage} global shares sum to ${pct(t.gs)}`);
        if (t.eu !== null && t.eu < 0.8) notes.push(`${t.stage} EU sourcing shares sum to ${pct(t.eu)}`);
      }
      for (const st of build?.model?.stages ?? []) {
        if (st.gs && st.eu && sameSupply(st.gs, st.eu)) {
          notes.push(`${st.stage} EU sourcing shares equal the global shares (as transcribed)`);
        }
      }
      if (evaluation.ei && evaluation.ei.unmappedShare > 0.05) {
        notes.push(`${pct(evaluation.ei.unmappedShare)} of end uses have no NACE sector`);
      }
    }
    const first = build?.inputs[0];
    const pub = published.find((p) => p.material_id === id);
    return {
      id,
      name: names.get(id)?.name ?? id,
      kind,
      group,
      members: [],
      srPublished: pub?.sr ?? first?.material_sr ?? null,
      eiPublished: pub?.ei ?? first?.material_ei ?? null,
      strategic: strategicIds.has(id),
      onList: listed.has(id) || (group !== null && listed.has(group)),
      models: build?.model ? [build.model] : [],
      evaluation,
      sr: evaluation?.sr ?? null,
      ei: evaluation?.ei?.ei ?? null,
      stage: evaluation?.stage ?? null,
      build,
      notes,
    };
  };

  const items: AssessedItem[] = [];
  for (const p of published) {
    if (p.kind === 'group') {
      const members = (groups.get(p.material_id) ?? []).map((m) => individual(m, 'member', p.material_id));
      const complete = members.length > 0 && members.every((m) => m.models.length > 0);
      const sr = complete ? groupMean(members.map((m) => m.sr)) : null;
      const ei = complete ? groupMean(members.map((m) => m.ei)) : null;
      const missing = members.filter((m) => m.models.length === 0).map((m) => m.id);
      items.push({
        id: p.material_id,
        name: p.name,
        kind: 'group',
        group: null,
        members: members.map((m) => m.id),
        srPublished: p.sr,
        eiPublished: p.ei,
        strategic: strategicIds.has(p.material_id) || members.some((m) => m.strategic),
        onList: listed.has(p.material_id),
        models: complete ? members.flatMap((m) => m.models) : [],
        evaluation: null,
        sr,
        ei,
        stage: null,
        build: null,
        notes: [`mean of ${members.length} members`, ...(missing.length ? [`no model for ${missing.join(', ')}`] : [])],
      });
      items.push(...members);
    } else {
      items.push(individual(p.material_id, 'material', null));
    }
  }

  const warnings: string[] = [];
  const countries = new Set(shares.map((s) => s.country_iso3).filter((c): c is string => c !== null));
  const imputed = [...countries].map((c) => [c, governance.of(c)] as const).filter(([, g]) => g.imputed !== 'none');
  if (imputed.length) {
    warnings.push(
      `WGI imputed for ${imputed.length} supplier countries: ${imputed
        .map(([c, g]) => `${c} (${g.imputed === 'median' ? 'median of all countries' : `year ${g.years.join(',')}`})`)
        .join(', ')}`,
    );
  }
  return { items, governance, qMax, datasets: { eucrm, wgi: wgiId }, shares, warnings };
}

const pct = (x: number) => `${(x * 100).toFixed(0)}%`;

/** Same top suppliers with shares within a percentage point: the EU table repeats the global one. */
function sameSupply(a: ScopeSupply, b: ScopeSupply): boolean {
  const top = (s: ScopeSupply) => s.countries.slice(0, 3).map((c, i) => [c, s.shares[i]] as const);
  const x = top(a);
  const y = top(b);
  return x.length === y.length && x.every(([c, v], i) => y[i][0] === c && Math.abs(y[i][1] - v) <= 0.01);
}

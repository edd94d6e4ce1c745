import type { MaterialModel, ScopeSupply, StageModel } from '../methods/criticality/model.js';
import type { AssessmentInputRow, ShareRow, UseRow } from './criticality-inputs.js';

/**
 * Assemble the per-material assessment models of one EU edition from the store rows: the study's supply shares
 * (global and EU sourcing, with t), the factsheet parameters (scope used, IR, EoL-RIR, SI) and the end-use shares.
 * Choices made here, each reported per material in `notes`:
 * - a group member without its own shares for a scope and stage takes its group's (the EU sourcing table has one
 *   "Heavy Rare earths Elements" row set for all HREE at extraction) [assumed];
 * - a stage whose scope the transcription lacks is taken as `gs+eu` [assumed];
 * - shares of rows whose country did not resolve to ISO3 are left out (counted in the notes).
 */
export interface ModelBuild {
  model: MaterialModel | null;
  /** Why there is no model. */
  missing: string | null;
  notes: string[];
  inputs: AssessmentInputRow[];
}

export interface ModelSources {
  inputs: readonly AssessmentInputRow[];
  shares: readonly ShareRow[];
  uses: readonly UseRow[];
  /** material → its primary group (hree, lree, pgm). */
  groupOf: (id: string) => string | null;
}

type Key = `${string}|${string}|${string}`;

export function buildModels(sources: ModelSources): Map<string, ModelBuild> {
  const shares = new Map<Key, ShareRow[]>();
  for (const row of sources.shares) {
    const key: Key = `${row.material_id}|${row.stage}|${row.scope}`;
    shares.set(key, [...(shares.get(key) ?? []), row]);
  }
  const uses = new Map<string, UseRow[]>();
  for (const row of sources.uses) uses.set(row.material_id, [...(uses.get(row.material_id) ?? []), row]);
  const byMaterial = new Map<string, AssessmentInputRow[]>();
  for (const row of sources.inputs) byMaterial.set(row.material_id, [...(byMaterial.get(row.material_id) ?? []), row]);

  const builds = new Map<string, ModelBuild>();
  for (const [id, rows] of byMaterial) {
    const notes: string[] = [];
    const unresolved = { count: 0, share: 0 };
    const supply = (stage: string, scope: 'global' | 'eu_sourcing'): ScopeSupply | null => {
      let list = shares.get(`${id}|${stage}|${scope}`);
      const group = sources.groupOf(id);
      if (!list && group) {
        list = shares.get(`${group}|${stage}|${scope}`);
        if (list) notes.push(`${stage} ${scope === 'global' ? 'global' : 'EU sourcing'} shares of the group ${group}`);
      }
      if (!list) return null;
      const known = list.filter((r) => r.country_iso3 !== null);
      for (const r of list.filter((x) => x.country_iso3 === null)) {
        unresolved.count++;
        unresolved.share += r.share;
      }
      return {
        countries: known.map((r) => r.country_iso3 as string),
        shares: known.map((r) => r.share),
        t: known.map((r) => r.t),
      };
    };
    const first = rows[0];
    if (first.si_sr === null || first.eol_rir === null) {
      builds.set(id, {
        model: null,
        missing: 'SI_SR or EoL-RIR not published in the transcription',
        notes,
        inputs: rows,
      });
      continue;
    }
    const stages: StageModel[] = rows.map((r) => {
      if (r.scope === null) notes.push(`${r.stage}: scope not transcribed, taken as GS+EU`);
      return {
        stage: r.stage,
        scope: r.scope ?? 'gs+eu',
        gs: supply(r.stage, 'global'),
        eu: supply(r.stage, 'eu_sourcing'),
        ir: r.import_reliance,
        eolRir: r.eol_rir ?? 0,
        siSr: r.si_sr ?? 1,
      };
    });
    if (unresolved.count) {
      notes.push(`${unresolved.count} share row(s) without ISO3 left out (${(unresolved.share * 100).toFixed(1)}%)`);
    }
    const materialUses = uses.get(id) ?? null;
    const model: MaterialModel = {
      id,
      stages,
      uses: materialUses?.map((u) => ({ share: u.share, valueAdded: u.va_million_eur })) ?? null,
      siEi: first.si_ei,
    };
    builds.set(id, { model, missing: null, notes, inputs: rows });
  }
  return builds;
}

/** Q_max of the EI scaling: the largest sector value added of the study's end-use table (EUR million). */
export function largestValueAdded(uses: readonly UseRow[]): number | null {
  let max: number | null = null;
  for (const u of uses)
    if (u.va_million_eur !== null && (max === null || u.va_million_eur > max)) max = u.va_million_eur;
  return max;
}

/** Sum of a model's shares per stage and scope, to explain residuals (a transcription that lists only part). */
export function shareTotals(model: MaterialModel): { stage: string; gs: number | null; eu: number | null }[] {
  const total = (s: ScopeSupply | null) => (s ? s.shares.reduce((a, b) => a + b, 0) : null);
  return model.stages.map((s) => ({ stage: s.stage, gs: total(s.gs), eu: total(s.eu) }));
}

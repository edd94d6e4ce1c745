import { UsageError, UserError } from '../domain/errors.js';
import { result } from '../domain/result.js';
import { supplyConcentration } from '../methods/concentration/supply-concentration.js';
import { evaluateMaterial, type MaterialModel, type ScopeSupply } from '../methods/criticality/model.js';
import { groupMean, verdict } from '../methods/criticality/verdict.js';
import type { Db } from '../store/db.js';
import { type AssessedItem, assess } from './criticality-assess.js';
import {
  importHints,
  latestDataset,
  readEuMembers,
  readHsCodes,
  readImportsByPartner,
  readListed,
  readTradeCoverage,
} from './criticality-inputs.js';
import { criticalityParams, type ResolvedCriticalityOptions, recomputeParams } from './criticality-options.js';
import type { UncertaintyBase } from './criticality-uncertainty.js';
import { provenance } from './provenance.js';

/**
 * The EU method from one country's point of view (`--perspective BEL`): the EU-sourcing term of SR,
 * HHI_WGI,t(EU), is replaced by the same index over the country's own imports by partner (trade_flows, value,
 * HS6 codes of the material and stage from the World Mining Data HS map), and the verdict is compared with the
 * EU's and, for Belgium, with VITO's list of 27.
 * Choices (all assumed, shown in the parameters):
 * - the national SR is anchored: SR_nat = SR_published · SR_model(national sourcing) / SR_model(EU sourcing), so
 *   only the sourcing changes (the model's own residual cancels);
 * - import reliance, EoL-RIR, SI and EI stay the EU's (national value added and recycling are not modelled);
 * - national sourcing is imports only (domestic production unknown); t of a partner is the study's t for that
 *   material, stage and country, else 0.8 for EU members (the study's value for them), else 1;
 * - trade partners that are not countries stay in the denominator, out of the sum.
 * Stages the study assessed on global supply alone keep their EU value.
 */
const sourcePreference = ['comext', 'comtrade', 'baci'];

export async function nationalPerspective(db: Db, o: ResolvedCriticalityOptions): Promise<UncertaintyBase> {
  const reporter = o.perspective as string;
  const country = await db.one<{ iso3: string; name_en: string }>(
    'SELECT iso3, name_en FROM countries WHERE iso3 = $1',
    [reporter],
  );
  if (!country)
    throw new UsageError(`unknown country: "${reporter}" (expected an ISO3 code such as BEL)`, undefined, 404);
  const coverage = await readTradeCoverage(db, reporter);
  if (coverage.length === 0) {
    throw new UserError(
      `no import data for ${reporter} in the store (table trade_flows): the ${country.name_en} perspective replaces EU ` +
        `sourcing by ${country.name_en}'s imports by partner`,
      'Import trade data for it first, e.g. `radar import comext full_v2_202352.7z` (Comext, EU reporters) or ' +
        '`radar fetch baci --year 2022` (BACI, all countries); then rerun.',
      404,
    );
  }
  const source = sourcePreference.find((s) => coverage.some((c) => c.source === s)) ?? coverage[0].source;
  const available = coverage.filter((c) => c.source === source);
  const years = o.tradeYears ?? available.slice(-5).map((c) => c.year);
  const used = available.filter((c) => years.includes(c.year));
  if (used.length === 0) {
    throw new UserError(
      `no ${source} imports of ${reporter} for ${years.join(', ')}`,
      `Years in the store: ${available.map((c) => c.year).join(', ')}.`,
      404,
    );
  }
  const currencies = new Set(used.map((c) => c.currency));
  // One dataset per year: a newer import of the same year replaces an older one in the sums.
  const datasets = used.map((c) => c.datasets[c.datasets.length - 1]);
  const wmd = await latestDataset(db, 'wmd', `${importHints.wmd} Its HS map gives the HS6 codes of each material.`);
  const [a, hsRows, euMembers, vito] = await Promise.all([
    assess(db, o),
    readHsCodes(db, wmd),
    readEuMembers(db, `${Math.max(...years)}-07-01`),
    readListed(db, 'be-crm', '2024'),
  ]);
  const codes = new Map<string, string[]>();
  for (const r of hsRows) {
    if (!r.stage) continue;
    const key = `${r.material_id}|${r.stage}`;
    codes.set(key, [...(codes.get(key) ?? []), r.hs6]);
  }
  const studyT = new Map<string, number>();
  for (const s of [...a.shares].sort(
    (x, y) => (x.scope === 'eu_sourcing' ? 1 : 0) - (y.scope === 'eu_sourcing' ? 1 : 0),
  )) {
    if (s.country_iso3) studyT.set(`${s.material_id}|${s.stage}|${s.country_iso3}`, s.t);
  }
  const gov = (iso3: string) => a.governance.of(iso3);

  interface National {
    model: MaterialModel;
    srEu: number | null;
    srNational: number | null;
    sourcing: string[];
    hhi: number | null;
    value: number;
    nonCountryShare: number;
  }
  const national = new Map<string, National>();
  for (const item of a.items.filter((i) => i.kind !== 'group' && i.models.length)) {
    const model = item.models[0];
    const sourcing: string[] = [];
    let value = 0;
    let nonCountry = 0;
    let hhi: number | null = null;
    let changed = false;
    const stages = [];
    for (const stage of model.stages) {
      const hs = codes.get(`${item.id}|${stage.stage}`);
      if (stage.scope === 'gs' || !hs) {
        stages.push(stage);
        continue;
      }
      const rows = await readImportsByPartner(db, datasets, reporter, hs, years);
      const byPartner = new Map<string, number>();
      let other = 0;
      for (const r of rows) {
        if (r.is_country) byPartner.set(r.partner, (byPartner.get(r.partner) ?? 0) + r.value);
        else other += r.value;
      }
      const conc = supplyConcentration(
        [...byPartner].map(([key, v]) => ({ key, value: v })),
        { unallocated: other },
      );
      if (!conc) {
        stages.push(stage);
        continue;
      }
      const supply: ScopeSupply = {
        countries: conc.shares.map((s) => s.key),
        shares: conc.shares.map((s) => s.share),
        t: conc.shares.map((s) => studyT.get(`${item.id}|${stage.stage}|${s.key}`) ?? (euMembers.has(s.key) ? 0.8 : 1)),
      };
      stages.push({ ...stage, eu: supply });
      changed = true;
      value += conc.total;
      nonCountry += other;
      hhi = hhi === null ? conc.hhi : Math.max(hhi, conc.hhi);
      sourcing.push(
        `${stage.stage}: ${conc.shares
          .slice(0, 3)
          .map((s) => `${s.key} ${(s.share * 100).toFixed(0)}%`)
          .join(', ')}`,
      );
    }
    if (!changed) continue;
    const nationalModel: MaterialModel = { ...model, stages };
    national.set(item.id, {
      model: nationalModel,
      srEu: item.sr,
      srNational: evaluateMaterial(nationalModel, gov, a.qMax).sr,
      sourcing,
      hhi,
      value,
      nonCountryShare: value > 0 ? nonCountry / value : 0,
    });
  }

  const anchoredSr = (item: AssessedItem): { sr: number | null; note: string | null } => {
    const ids = item.kind === 'group' ? item.members : [item.id];
    const found = ids.map((id) => national.get(id));
    if (found.every((n) => !n)) return { sr: null, note: 'no national import data for its HS codes' };
    const eu = groupMean(ids.map((id) => a.items.find((i) => i.id === id)?.sr ?? null));
    const nat = groupMean(
      ids.map((id) => national.get(id)?.srNational ?? a.items.find((i) => i.id === id)?.sr ?? null),
    );
    if (eu === null || nat === null || !(eu > 0) || item.srPublished === null) {
      return { sr: null, note: 'the EU model has no SR to scale' };
    }
    return { sr: (item.srPublished * nat) / eu, note: null };
  };

  const items = a.items.filter((i) => i.kind !== 'member');
  const r3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
  const rows = items.map((item) => {
    const n = anchoredSr(item);
    const critical_eu = verdict(
      item.srPublished,
      item.eiPublished,
      item.strategic,
      o.thresholds,
      o.strategicRule,
    ).critical;
    const srNational = n.sr ?? item.srPublished;
    const critical_national = verdict(
      srNational,
      item.eiPublished,
      item.strategic,
      o.thresholds,
      o.strategicRule,
    ).critical;
    const own =
      item.kind === 'group' ? item.members.map((m) => national.get(m)).filter((x) => x) : [national.get(item.id)];
    const nat = own[0];
    return {
      material: item.id,
      name: item.name,
      kind: item.kind,
      sr_eu: item.srPublished,
      ei: item.eiPublished,
      critical_eu,
      sr_national: r3(n.sr),
      critical_national,
      change: critical_national === critical_eu ? null : critical_national ? 'enters' : 'leaves',
      strategic: item.strategic,
      on_vito_list: reporter === 'BEL' ? vito.has(item.id) : null,
      agrees_with_vito: reporter === 'BEL' ? vito.has(item.id) === critical_national : null,
      hhi_imports: item.kind === 'group' ? null : r3(nat?.hhi ?? null),
      import_value: item.kind === 'group' ? null : (nat?.value ?? null),
      top_partners: item.kind === 'group' ? null : (nat?.sourcing.join('; ') ?? null),
      note:
        n.note ??
        (nat && nat.nonCountryShare > 0.05
          ? `${(nat.nonCountryShare * 100).toFixed(0)}% of imports under non-country codes`
          : null),
    };
  });
  const changes = rows.filter((r) => r.change);
  const withData = rows.filter((r) => r.sr_national !== null).length;
  const warnings = [
    `${country.name_en} sourcing from ${source} imports ${years.join(', ')} replaced EU sourcing for ${withData} of ` +
      `${rows.length} assessed items; the others keep the EU value`,
    ...(changes.length
      ? [`verdict changes: ${changes.map((r) => `${r.material} ${r.change}`).join(', ')}`]
      : ['no verdict changes against the EU list']),
    ...(currencies.size > 1 ? [`imports in several currencies (${[...currencies].join(', ')}); shares mix them`] : []),
    ...a.warnings,
  ];
  const critical = rows.filter((r) => r.critical_national).map((r) => r.material);
  return {
    ...result({
      columns: [
        { name: 'material', type: 'string' },
        { name: 'name', type: 'string' },
        { name: 'kind', type: 'string' },
        { name: 'sr_eu', type: 'number', unit: 'index', description: `published SR, EU ${o.edition}` },
        { name: 'ei', type: 'number', unit: 'index', description: 'published EI (kept)' },
        { name: 'critical_eu', type: 'boolean' },
        { name: 'sr_national', type: 'number', unit: 'index', description: `SR with ${reporter} sourcing (anchored)` },
        { name: 'critical_national', type: 'boolean' },
        { name: 'change', type: 'string', description: 'enters or leaves the list compared with the EU verdict' },
        { name: 'strategic', type: 'boolean' },
        { name: 'on_vito_list', type: 'boolean', description: 'on the Belgian list of 27 (VITO, CAMBIUM)' },
        { name: 'agrees_with_vito', type: 'boolean' },
        { name: 'hhi_imports', type: 'number', unit: '0–1', description: `HHI of ${reporter} imports (largest stage)` },
        {
          name: 'import_value',
          type: 'number',
          unit: [...currencies].join('/'),
          description: `${reporter} imports, all years`,
        },
        { name: 'top_partners', type: 'string' },
        { name: 'note', type: 'string' },
      ],
      rows,
      provenance: await provenance(db, [
        ...new Set(datasets),
        wmd,
        a.datasets.eucrm,
        a.datasets.wgi,
        'ref:crm_assessment_inputs',
        'ref:sr_ei',
        'ref:list_membership',
      ]),
      method: {
        id: 'eu-criticality.perspective',
        version: '1',
        spec: 'docs/methods.md §5.3, §0.1',
        params: criticalityParams(o, {
          ...recomputeParams(o, a.qMax),
          perspective: { value: reporter, assumed: false },
          trade_source: { value: source, assumed: false },
          trade_years: { value: years, assumed: o.tradeYears === null, description: 'default: the 5 latest years' },
          national_sr: { value: 'published × model(national) / model(EU)', assumed: true },
          national_ir_eol_si_ei: { value: 'the EU values', assumed: true },
          national_sourcing: { value: 'imports only (domestic production unknown)', assumed: true },
          partner_t: { value: 'study t, else 0.8 EU members, else 1', assumed: true },
        }),
      },
      warnings,
    }),
    summary: {
      perspective: reporter,
      trade_source: source,
      trade_years: years,
      with_national_data: withData,
      critical: critical.length,
      enters: changes.filter((r) => r.change === 'enters').map((r) => r.material),
      leaves: changes.filter((r) => r.change === 'leaves').map((r) => r.material),
      ...(reporter === 'BEL'
        ? {
            vito_list: rows.filter((r) => r.on_vito_list).length,
            agree_with_vito: rows.filter((r) => r.agrees_with_vito).length,
            critical_not_on_vito: rows.filter((r) => r.critical_national && !r.on_vito_list).map((r) => r.material),
            vito_not_critical: rows.filter((r) => !r.critical_national && r.on_vito_list).map((r) => r.material),
          }
        : {}),
    },
    items: rows.map((r) => {
      const item = items.find((i) => i.id === r.material) as AssessedItem;
      const ids = item.kind === 'group' ? item.members : [item.id];
      const models = ids.map((id) => national.get(id)?.model ?? a.items.find((i) => i.id === id)?.models[0]);
      return {
        id: r.material,
        anchorSr: r.sr_national ?? r.sr_eu,
        anchorEi: r.ei,
        strategic: r.strategic,
        models: models.every((m) => m) ? (models as MaterialModel[]) : [],
      };
    }),
    context: { governance: a.governance, qMax: a.qMax, anchoredOnPublished: true },
  };
}

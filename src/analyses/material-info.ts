import { UsageError } from '../domain/errors.js';
import { type Result, result } from '../domain/result.js';
import type { Db } from '../store/db.js';
import {
  findMaterialIds,
  type MaterialRow,
  readGroupMembers,
  readMaterialListings,
  readMaterials,
  readMaterialTechnologies,
  readSrEi,
  suggestMaterials,
} from '../store/reference-queries.js';
import { provenance } from './provenance.js';

export interface MaterialInfo extends Result {
  material: MaterialRow & { members: string[] };
  listings: Result;
  technologies: Result;
}

/** Resolve user text (id, symbol, EN/NL/FR name, source alias) to one material, or throw a UsageError with hints. */
export async function resolveMaterial(db: Db, text: string): Promise<MaterialRow> {
  const ids = await findMaterialIds(db, text);
  if (ids.length === 0) {
    const near = await suggestMaterials(db, text);
    throw new UsageError(
      `unknown material: "${text}"`,
      `Did you mean ${near.join(', ')}? See \`radar materials\`.`,
      404,
    );
  }
  if (ids.length > 1) throw new UsageError(`ambiguous material: "${text}" matches ${ids.join(', ')}`);
  const material = (await readMaterials(db)).find((m) => m.id === ids[0]);
  if (!material) throw new UsageError(`unknown material: "${text}"`, undefined, 404);
  return material;
}

/**
 * Everything the reference tables say about one material: SR/EI per EU assessment edition (rows), the lists it is
 * on by edition, the strategic technologies that use it, and the sources.
 * @example await materialInfo(db, 'gallium') // rows: { edition: 2011, sr: …, ei: …, source: … }, …
 */
export async function materialInfo(db: Db, text: string): Promise<MaterialInfo> {
  const material = await resolveMaterial(db, text);
  const [history, listings, technologies, members] = await Promise.all([
    readSrEi(db, material.id),
    readMaterialListings(db, material.id),
    readMaterialTechnologies(db, material.id),
    readGroupMembers(db, material.id),
  ]);
  const warnings = history.some((h) => h.material_id !== material.id)
    ? [`${material.name_en} was assessed as part of its group in some editions; those rows carry the group's SR/EI`]
    : [];
  return {
    ...result({
      columns: [
        { name: 'edition', type: 'integer', description: 'EU criticality assessment edition' },
        { name: 'assessed_as', type: 'string', description: 'the material or the group it was assessed in' },
        { name: 'sr', type: 'number', unit: 'index', description: 'published supply risk' },
        { name: 'ei', type: 'number', unit: 'index', description: 'published economic importance' },
        { name: 'source', type: 'string' },
        { name: 'locator', type: 'string' },
      ],
      rows: history.map((h) => ({
        edition: h.edition,
        assessed_as: h.material_id,
        sr: h.sr,
        ei: h.ei,
        source: h.source,
        locator: h.locator,
      })),
      provenance: await provenance(db, [
        'ref:materials',
        'ref:sr_ei',
        'ref:list_membership',
        'ref:technology_materials',
      ]),
      method: {
        id: 'reference.material-info',
        version: '1',
        params: { material: { value: material.id, assumed: false } },
      },
      warnings,
    }),
    material: { ...material, members: members.map((m) => m.material_id) },
    listings: result({
      columns: [
        { name: 'list', type: 'string' },
        { name: 'edition', type: 'string' },
        { name: 'jurisdiction', type: 'string' },
        { name: 'status', type: 'string' },
        { name: 'grade', type: 'string' },
        { name: 'via_group', type: 'string', description: 'listed through this group' },
        { name: 'source', type: 'string' },
      ],
      rows: listings.map((l) => ({
        list: l.list_id,
        edition: l.edition,
        jurisdiction: l.jurisdiction,
        status: l.status,
        grade: l.grade,
        via_group: l.via_group,
        source: l.source,
      })),
      provenance: await provenance(db, ['ref:list_membership', 'ref:lists']),
      method: { id: 'reference.material-listings', version: '1', params: {} },
    }),
    technologies: result({
      columns: [
        { name: 'technology', type: 'string' },
        { name: 'sector', type: 'string' },
        { name: 'source', type: 'string' },
      ],
      rows: technologies.map((t) => ({
        technology: t.technology,
        technology_id: t.technology_id,
        sector: t.sector,
        source: t.source,
      })),
      provenance: await provenance(db, ['ref:technology_materials', 'ref:technologies']),
      method: { id: 'reference.material-technologies', version: '1', params: {} },
    }),
  };
}

import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { UserError } from '../domain/errors.js';
import { basketFile } from './screen-strategic.js';

/**
 * The bundled material code baskets (reference/material-hs-baskets.csv): for each material and stage of the value
 * chain, the HS6 or CN8 codes its trade is read from, each row with its source. Read at run time so that a user can
 * edit the file; errors name file:line.
 */

export interface BasketRow {
  material_id: string;
  stage: string;
  classification: 'HS6' | 'CN8';
  code: string;
  description: string;
  note: string;
  source: string;
}

const stages = ['extraction', 'processing', 'manufacturing'];

export function readBasketFile(path = basketFile): BasketRow[] {
  if (!existsSync(path)) return [];
  const records = parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''), {
    columns: true,
    skip_empty_lines: true,
    info: true,
  }) as { info: { lines: number }; record: Record<string, string> }[];
  return records.map(({ info, record }) => {
    const where = `${path}:${info.lines}`;
    const classification = record.classification as BasketRow['classification'];
    const digits = classification === 'CN8' ? 8 : classification === 'HS6' ? 6 : 0;
    if (!digits) throw new UserError(`${where}: classification "${record.classification}" (expected HS6 or CN8)`);
    if (!new RegExp(`^\\d{${digits}}$`).test(record.code)) {
      throw new UserError(
        `${where}: code "${record.code}" is not a ${classification} code (expected ${digits} digits)`,
      );
    }
    if (!stages.includes(record.stage))
      throw new UserError(`${where}: stage "${record.stage}" (expected ${stages.join(', ')})`);
    if (!record.source) throw new UserError(`${where}: source is empty`);
    return {
      material_id: record.material_id,
      stage: record.stage,
      classification,
      code: record.code,
      description: record.description,
      note: record.note ?? '',
      source: record.source,
    };
  });
}

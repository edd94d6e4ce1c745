import type { Db } from '../../store/db.js';
import type { CodeEntry } from '../trade-codes.js';
import { type CsvInput, csvRelation, ensureLayout, readHeaderLine, scanCsv, splitHeader } from '../trade-csv.js';
import { countryLayouts } from './layouts.js';

/**
 * A BACI country-code file (either header) as code → ISO3 entries. They only fill codes the reference lacks
 * (trade-codes.ts): Radar's own decisions (58 Belgium-Luxembourg is not BEL, 490 is Taiwan) stay in force.
 * ISO3 values that are not ISO 3166 codes (S19, R20, "N/A") become null: known, but not one country.
 */
export async function readCountryCodes(db: Db, file: { path: string; label: string }): Promise<CodeEntry[]> {
  const header = splitHeader(await readHeaderLine(file.path, file.label), ',');
  const layout = ensureLayout(file.label, header, countryLayouts);
  const input: CsvInput = {
    ...file,
    delimiter: ',',
    columns: layout.headers.map((h) => ({ header: h, name: h, type: 'VARCHAR', expected: 'text' })),
  };
  const code = layout.headers[0];
  await scanCsv(db, input, {
    checks: [
      {
        column: code,
        bad: `(${code} IS NULL OR NOT regexp_full_match(${code}, '[0-9]{1,4}'))`,
        expected: 'a CEPII country code (a number)',
      },
    ],
    key: [code],
  });
  const iso3 = layout.headers[layout.iso3];
  const rows = await db.all<{ code: string; iso3: string | null }>(
    `SELECT r.${code} AS code, c.iso3 FROM ${csvRelation(input)} r LEFT JOIN countries c ON c.iso3 = r.${iso3}`,
    { path: input.path },
  );
  return rows.map((r) => ({ code: r.code, iso3: r.iso3 }));
}

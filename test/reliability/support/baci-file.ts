import type { Db } from '../../../src/store/db.js';

/**
 * A large, valid BACI year file (`t,i,j,k,v,q`, the layout CEPII publishes) written by DuckDB: `rows` distinct
 * exporter × importer × product keys over the CEPII country codes Radar knows, values drawn from `seed`.
 * Name it like CEPII does (BACI_HS17_Y2021_V202501.csv): the importer reads the year and revision from the name,
 * and the rows carry the year of the name.
 */
export async function writeBaciFile(db: Db, path: string, rows: number, seed = 1): Promise<void> {
  const codes = await db.all<{ code: number }>(
    `SELECT DISTINCT baci_code::INTEGER AS code FROM countries WHERE baci_code IS NOT NULL AND is_country
     ORDER BY code LIMIT 150`,
  );
  const c = codes.length;
  const list = `[${codes.map((r) => r.code).join(',')}]`;
  const year = Number(/_Y(\d{4})_/.exec(path)?.[1] ?? 2021);
  await db.run(`SELECT setseed(${(seed % 1000) / 1000})`);
  // key n → exporter n % c, importer (n / c) % c, product 100000 + n / c²: all distinct for n < c² × 899999.
  await db.run(
    `COPY (
       SELECT ${year} AS t, ${list}[1 + n % ${c}] AS i, ${list}[1 + (n // ${c}) % ${c}] AS j,
              100000 + n // ${c * c} AS k, round(random() * 10000, 3) AS v,
              CASE WHEN n % 17 = 0 THEN 'NA' ELSE lpad(round(random() * 500, 3)::VARCHAR, 12, ' ') END AS q
       FROM range(${rows}) r(n)
     ) TO '${path.replaceAll("'", "''")}' (HEADER, DELIMITER ',', QUOTE '')`,
  );
}

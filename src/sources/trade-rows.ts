import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';

/**
 * Shared by the trade importers (comext, baci, comtrade): the INSERT into `trade_flows` (migrations 100 and 120)
 * and progress in rows over the two passes each file gets (validate, then write).
 */

/** The columns of trade_flows an importer fills, as SQL expressions over its source relation. */
export interface TradeSelect {
  year: string;
  period: string;
  reporter: string;
  partner: string;
  partner_code: string;
  partner_is_country: string;
  flow: string;
  classification: string;
  nomenclature: string;
  product: string;
  confidential: string;
  stat_procedure: string;
  value: string;
  currency: string;
  valuation: string;
  quantity_kg: string;
  trade_type: string;
}

/** `INSERT INTO trade_flows … SELECT …` with `$dataset` and `$source` parameters. */
export function insertTradeSql(select: TradeSelect, from: string): string {
  const columns = Object.keys(select) as (keyof TradeSelect)[];
  return `INSERT INTO trade_flows (dataset_id, source, ${columns.join(', ')})
    SELECT $dataset, $source, ${columns.map((c) => `${select[c]}`).join(', ')}
    FROM ${from}`;
}

/** SQL: 'YYYY' for an annual period, 'YYYY-MM' for a month; `p` is a 6-character YYYYMM or YYYY52 string. */
export function periodSql(p: string): string {
  return `CASE WHEN substr(${p}, 5, 2) = '52' THEN substr(${p}, 1, 4) ELSE substr(${p}, 1, 4) || '-' || substr(${p}, 5, 2) END`;
}

/**
 * Progress of an import in rows. Each file is read twice, so each pass counts for half of its rows. Totals start as
 * estimates from the file sizes and become exact once a file's validating scan has counted its rows.
 */
export class RowProgress {
  private done = 0;
  constructor(
    private readonly report: (done: number, total?: number) => void,
    private total: number,
  ) {}

  /** Progress callback for one pass (0 validate, 1 write) over a file of `rows` rows. */
  pass(rows: number, pass: 0 | 1): (fraction: number) => void {
    return (fraction) => this.report(Math.round(this.done + (rows * (pass + fraction)) / 2), this.total);
  }

  /** A file is done; replace its estimate by its real row count. */
  finish(rows: number, estimate: number): void {
    this.total += rows - estimate;
    this.done += rows;
    this.report(this.done, this.total);
  }
}

/** Rough row count of a delimited file from its size and the length of its first lines (for the progress bar). */
export async function estimateRows(path: string): Promise<number> {
  const bytes = statSync(path).size;
  const gz = path.endsWith('.gz');
  const stream = createReadStream(path, { end: gz ? 65535 : 262143 });
  let sample = Buffer.alloc(0);
  try {
    for await (const chunk of gz ? stream.pipe(createGunzip()) : stream) {
      sample = Buffer.concat([sample, chunk as Buffer]);
      if (sample.length > 262144) break;
    }
  } catch {
    // a truncated sample of a gzip stream ends in an error: what was read still serves as an estimate
  }
  const lines = sample.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
  if (lines === 0) return 1;
  const ratio = gz ? sample.length / Math.min(bytes, 65536) : 1;
  return Math.max(1, Math.round((bytes * ratio * lines) / sample.length));
}

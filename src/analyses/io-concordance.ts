/**
 * Products → IO industries: HS codes go to CPA 2.1 divisions (or groups) through reference/cpa-hs-concordance.csv
 * (a division-level correspondence written by Radar from the HS 2017 chapter and heading titles and the CPA 2.1
 * titles, one source per row; NOT the official Eurostat CN–CPA table, which works at CN8), and CPA codes go to the
 * sector codes of a table by parsing those codes (OECD '10T12', '24A', '302T309'; ICIO 'D01T02'; FIGARO 'C10T12',
 * 'C31_32', 'B'). OECD splits division 24 into 24A (iron and steel: groups 24.1–24.3, 24.51–24.52) and 24B
 * (non-ferrous metals: 24.4, 24.53–24.54), and division 30 into 301 (ships) and 302T309.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { packageRoot } from '../store/package-root.js';

interface ConcordanceRow {
  hs_from: string;
  hs_to: string;
  cpa: string;
  note: string;
}

let rows: ConcordanceRow[] | undefined;
function concordance(): ConcordanceRow[] {
  rows ??= parse(readFileSync(join(packageRoot, 'reference', 'cpa-hs-concordance.csv'), 'utf8'), {
    columns: true,
  }) as ConcordanceRow[];
  return rows;
}

/** CPA division or group ('24.4', '20') for an HS2/HS4/HS6 or CN8 code; the most specific row wins. */
export function cpaForHs(code: string): string | undefined {
  const digits = code.replace(/\D/g, '');
  if (digits.length < 2) return undefined;
  let best: ConcordanceRow | undefined;
  for (const r of concordance()) {
    const width = r.hs_from.length;
    const prefix = digits.slice(0, width);
    if (prefix.length < width || prefix < r.hs_from || prefix > r.hs_to) continue;
    if (!best || width > best.hs_from.length) best = r;
  }
  return best?.cpa;
}

const sections: Record<string, [number, number]> = {
  A: [1, 3],
  B: [5, 9],
  C: [10, 33],
  D: [35, 35],
  E: [36, 39],
  F: [41, 43],
  G: [45, 47],
  H: [49, 53],
  I: [55, 56],
  J: [58, 63],
  K: [64, 66],
  L: [68, 68],
  M: [69, 75],
  N: [77, 82],
  O: [84, 84],
  P: [85, 85],
  Q: [86, 88],
  R: [90, 93],
  S: [94, 96],
  T: [97, 98],
  U: [99, 99],
};

/** Divisions (and for OECD's split codes, CPA groups) that a table sector code covers. */
export function sectorCoverage(sector: string): { from: number; to: number; groups?: [number, number][] } | undefined {
  const s = sector.toUpperCase().replace(/^D(?=\d)/, '');
  if (/^[A-U]$/.test(s)) {
    const [from, to] = sections[s];
    return { from, to };
  }
  const m = /^[A-U]?(\d{2,3})([AB])?(?:(?:T|_|-)[A-U]?(\d{2,3}))?$/.exec(s);
  if (!m) return undefined;
  const first = m[1];
  const last = m[3];
  const division = (d: string) => Number(d.slice(0, 2));
  if (m[2] === 'A')
    return {
      from: 24,
      to: 24,
      groups: [
        [241, 243],
        [2451, 2452],
      ],
    };
  if (m[2] === 'B')
    return {
      from: 24,
      to: 24,
      groups: [
        [244, 244],
        [2453, 2454],
      ],
    };
  if (first.length === 3 || (last && last.length === 3)) {
    const g1 = Number(first.padEnd(3, '0'));
    const g2 = last ? Number(last.padEnd(3, '9')) : Number(first.padEnd(3, '9'));
    return { from: division(first), to: division(last ?? first), groups: [[g1, g2]] };
  }
  return { from: division(first), to: division(last ?? first) };
}

/** The table sector that a CPA division or group belongs to, among `sectors`. */
export function sectorForCpa(cpa: string, sectors: readonly string[]): string | undefined {
  const [div, grp] = cpa.split('.');
  const d = Number(div);
  const group = grp ? Number(`${div}${grp}`) : undefined;
  for (const s of sectors) {
    const c = sectorCoverage(s);
    if (!c || d < c.from || d > c.to) continue;
    if (!c.groups || group === undefined) {
      if (!c.groups) return s;
      // a division given without its group matches the first split code (e.g. '24' → 24A); callers pass groups for 24
      if (c.groups.some(([a]) => Math.floor(a / 10) === d || Math.floor(a / 100) === d)) return s;
      continue;
    }
    const g4 = group * 10;
    if (c.groups.some(([a, b]) => (a < 1000 ? group >= a && group <= b : g4 >= a && g4 <= b + 9))) return s;
  }
  return undefined;
}

/** NACE Rev.2 section C (divisions 10–33), from a table's sector code. */
export function isManufacturing(sector: string): boolean {
  const c = sectorCoverage(sector);
  if (c) return c.from >= 10 && c.to <= 33;
  return /manufactur|industry/i.test(sector);
}

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { minimalSheets, writeWorkbook } from '../../fixtures/iea-cm/workbook.js';
import { repoRoot } from '../../support/real-data.js';

/**
 * Malformed inputs for every importer: valid seed files (the importers' own test fixtures) changed by a few
 * generated edits each — truncations, lost, doubled or swapped lines, cells replaced by junk (text in number
 * columns, SQL metacharacters, huge and negative numbers, control characters, very long text), fields added or
 * removed, bytes that are not UTF-8, other encodings and line ends, empty and random files.
 */
export interface InputFile {
  name: string;
  bytes: Buffer;
}
export type Seed = InputFile[];

/** A fixture file by the start of its name (fixtures get renamed, e.g. "-small" added). */
function fixture(source: string, prefix: string): InputFile {
  const dir = join(repoRoot, 'test', 'fixtures', source);
  const stem = prefix.replace(/\.[a-z]+$/i, '');
  const ext = prefix.slice(stem.length);
  const name = readdirSync(dir)
    .filter((n) => n.startsWith(stem) && n.endsWith(ext) && !/bad|wrong|duplicate|truncated|mislabelled/.test(n))
    .sort((a, b) => a.length - b.length)[0];
  if (!name) throw new Error(`no fixture ${prefix} in test/fixtures/${source}`);
  return { name, bytes: readFileSync(join(dir, name)) };
}

/** Valid inputs per importer: each seed imports cleanly as it is. */
export async function seedsFor(source: string, scratch: string): Promise<Seed[]> {
  const io = (name: string) => fixture('io', name);
  switch (source) {
    case 'eu-crm-study':
      return [
        'small-fact_GlobalSupplyShares&t.csv',
        'small-fact_EUSupplyShares&t.csv',
        'small-dimension_CRMsOverTime.csv',
        'small-fact_MaterialUseShares.csv',
      ].map((n) => [fixture(source, n)]);
    case 'wgi':
      return [[fixture(source, 'WGIData-small.csv')]];
    case 'wmd':
      return [
        [fixture(source, 'world_mining_data_small_long.csv'), fixture(source, 'wmd_table_HS_Code_Map-small.csv')],
        [fixture(source, 'world_mining_data_small_long.csv')],
      ];
    case 'usgs-mcs':
      return [
        [fixture(source, 'MCS2026_Commodities_Data-cp1252.csv')],
        [fixture(source, 'MCS2025_Fig2_Net_Import_Reliance-small.csv')],
      ];
    case 'comext':
      return [[fixture(source, 'full_202352.dat')], [fixture(source, 'full_202401.dat')]];
    case 'baci': {
      const year = fixture(source, 'BACI_HS17_Y2021_V202501.csv');
      return [
        [year],
        [year, fixture(source, 'country_codes_V202501-small.csv')],
        [{ name: `${year.name}.gz`, bytes: gzipSync(year.bytes) }],
      ];
    }
    case 'comtrade':
      return [
        [fixture(source, 'C_A_56_2023_H6_O.txt')],
        [fixture(source, 'api_v1_get_C_A_HS_2023.json')],
        [fixture(source, 'comtrade_2023.csv')],
      ];
    case 'hs':
      return [[fixture(source, 'product_codes_HS17_V202501.csv')], [fixture(source, 'H5.json')]];
    case 'cn-concordance':
      return [[fixture(source, 'CN_concordances_small.csv')]];
    case 'hs-conversion':
      return [[fixture(source, 'conversions.csv')], [fixture(source, 'correlations.csv')]];
    case 'hs-bec':
      return [
        [fixture(source, 'HS2017_to_BEC4-small.csv')],
        [fixture(source, 'HS2022_to_BEC4-small.csv'), fixture(source, 'BEC4_DESC.csv')],
      ];
    case 'oecd-iot':
      return [[io('XYZ2020ttl.csv')], [io('XYZ2020ttl.csv'), io('XYZ2020dom.csv'), io('XYZ2020imp.csv')]];
    case 'oecd-icio':
      return [[io('ICIO2023_2020.csv')]];
    case 'figaro':
      return [[io('flatfile_eu-ic-io_ind-by-ind_25ed_2021.csv')], [io('matrix_eu-ic-io_ind-by-ind_25ed_2021.csv')]];
    case 'iea-cm': {
      const path = join(scratch, 'CM_Data_Explorer.xlsx');
      await writeWorkbook(path, minimalSheets());
      return [[{ name: 'CM_Data_Explorer.xlsx', bytes: readFileSync(path) }]];
    }
    default:
      throw new Error(`no fuzz seeds for importer ${source}`);
  }
}

/** Cell values that have broken importers elsewhere, and ones that would break SQL built from strings. */
export const nastyValues = [
  '',
  ' ',
  'NA',
  'n/a',
  '-',
  '—',
  '-1',
  '-0',
  '0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '1,5',
  '1.000.000',
  '99999999999999999999999999999999',
  '2021.5',
  '0x1F',
  'true',
  'null',
  '"',
  'a"b',
  '"unterminated',
  "'",
  "'; DROP TABLE datasets; --",
  "Robert'); DELETE FROM trade_flows; --",
  '" OR 1=1 --',
  '$1',
  '$path',
  '%s%n%x',
  '\\',
  '../../../etc/passwd',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax as data, on purpose
  '${process.exit(1)}',
  '中国',
  'Côte d’Ivoire',
  '\u202eRLO',
  '\u0000',
  '\t',
  '\r',
  'x'.repeat(5000),
];

const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...nastyValues) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
);
const at = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

export type Edit =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'set-cell'; line: number; cell: number; value: string }
  | { kind: 'drop-cell'; line: number; cell: number }
  | { kind: 'add-cell'; line: number; cell: number; value: string }
  | { kind: 'insert-line'; line: number; text: string }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'encoding'; to: 'utf16le' | 'latin1' | 'bom' | 'crlf' | 'cr' | 'no-final-newline' }
  | { kind: 'replace'; with: 'empty' | 'first-line' | 'random'; bytes: number[] };

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete-line' as const), line: at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-line' as const), line: at }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap-lines' as const), a: at, b: at }) },
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('set-cell' as const), line: at, cell: at, value }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('drop-cell' as const), line: at, cell: at }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('add-cell' as const), line: at, cell: at, value }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('insert-line' as const),
      line: at,
      text: fc.oneof(
        value,
        fc.array(value, { maxLength: 8 }).map((v) => v.join(',')),
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('bytes' as const),
      at,
      bytes: fc.array(fc.oneof(fc.constantFrom(0x00, 0x80, 0xc3, 0xe9, 0xff, 0xfe, 0x81, 0x9d), fc.nat(255)), {
        minLength: 1,
        maxLength: 4,
      }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('encoding' as const),
      to: fc.constantFrom('utf16le', 'latin1', 'bom', 'crlf', 'cr', 'no-final-newline'),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      with: fc.constantFrom('empty', 'first-line', 'random'),
      bytes: fc.array(fc.nat(255), { maxLength: 300 }),
    }),
  },
);

/** One case: which seed, which of its files, and the edits applied to that file in order. */
export interface FileCase {
  seed: number;
  file: number;
  edits: Edit[];
}
export const fileCaseArb = (seeds: number): fc.Arbitrary<FileCase> =>
  fc.record({
    seed: fc.nat(seeds - 1),
    file: fc.nat(4),
    edits: fc.array(editArb, { minLength: 1, maxLength: 3 }),
  });

/** The files of a case: the seed's files, one of them edited. */
export function caseFiles(seeds: Seed[], c: FileCase): InputFile[] {
  const seed = seeds[c.seed];
  const target = c.file % seed.length;
  return seed.map((f, i) => (i === target ? { name: f.name, bytes: applyEdits(f.bytes, c.edits) } : f));
}

export function applyEdits(bytes: Buffer, edits: Edit[]): Buffer {
  return edits.reduce(applyEdit, bytes);
}

function applyEdit(bytes: Buffer, edit: Edit): Buffer {
  const pick = (n: number, f: number) => Math.min(n - 1, Math.floor(f * n));
  switch (edit.kind) {
    case 'truncate':
      return bytes.subarray(0, Math.floor(edit.at * bytes.length));
    case 'bytes': {
      const i = Math.floor(edit.at * (bytes.length + 1));
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(edit.bytes), bytes.subarray(i)]);
    }
    case 'encoding': {
      const text = bytes.toString('utf8');
      if (edit.to === 'utf16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      if (edit.to === 'latin1') return Buffer.from(text, 'latin1');
      if (edit.to === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      if (edit.to === 'crlf') return Buffer.from(text.replace(/\r?\n/g, '\r\n'));
      if (edit.to === 'cr') return Buffer.from(text.replace(/\r?\n/g, '\r'));
      return Buffer.from(text.replace(/\r?\n$/, ''));
    }
    case 'replace':
      if (edit.with === 'empty') return Buffer.alloc(0);
      if (edit.with === 'random') return Buffer.from(edit.bytes);
      return Buffer.from(`${bytes.toString('utf8').split('\n')[0]}\n`);
    default:
      break;
  }
  const text = bytes.toString('utf8');
  const lines = text.split('\n');
  if (lines.length === 0) return bytes;
  const delimiter = delimiterOf(lines[0]);
  switch (edit.kind) {
    case 'delete-line':
      lines.splice(pick(lines.length, edit.line), 1);
      break;
    case 'duplicate-line': {
      const i = pick(lines.length, edit.line);
      lines.splice(i, 0, lines[i]);
      break;
    }
    case 'swap-lines': {
      const [a, b] = [pick(lines.length, edit.a), pick(lines.length, edit.b)];
      [lines[a], lines[b]] = [lines[b], lines[a]];
      break;
    }
    case 'insert-line':
      lines.splice(pick(lines.length + 1, edit.line), 0, edit.text);
      break;
    case 'set-cell':
    case 'drop-cell':
    case 'add-cell': {
      const i = pick(lines.length, edit.line);
      const cells = lines[i].split(delimiter);
      const j = pick(cells.length + (edit.kind === 'add-cell' ? 1 : 0), edit.cell);
      if (edit.kind === 'set-cell') cells[j] = quoteLike(cells[j], edit.value);
      else if (edit.kind === 'drop-cell') cells.splice(j, 1);
      else cells.splice(j, 0, edit.value);
      lines[i] = cells.join(delimiter);
      break;
    }
  }
  return Buffer.from(lines.join('\n'));
}

/** Keep the quoting of the cell replaced, as a spreadsheet export would (a "" inside stays a quote). */
function quoteLike(old: string | undefined, value: string): string {
  return old?.startsWith('"') ? `"${value.replaceAll('"', '""')}"` : value;
}

function delimiterOf(header: string): string {
  const count = (d: string) => header.split(d).length;
  if (count('\t') > 1) return '\t';
  return count(';') > count(',') ? ';' : ',';
}

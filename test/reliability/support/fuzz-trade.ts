import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../../src/domain/errors.js';
import { countryLayouts, readFileName, tradeLayouts } from '../../../src/sources/baci/layouts.js';
import { layouts as comextLayouts } from '../../../src/sources/comext/layouts.js';
import { isPlusHeader, isPullHeader } from '../../../src/sources/comtrade/delimited.js';
import { ensureLayout, readHeaderLine, splitHeader } from '../../../src/sources/trade-csv.js';
import { verifyGzip } from '../../../src/sources/trade-text.js';
import { caseFiles, type FileCase, fileCaseArb, type Seed } from './fuzz-files.js';
import type { ParseLayer } from './fuzz-layers.js';

/**
 * The JavaScript layer of the trade importers, run before DuckDB reads the rows: the gzip check, the header line
 * (strict UTF-8), the layout it names, and for BACI the year and revision in the file name. Row checks are SQL in
 * DuckDB (trade-csv.ts) and are reached only through the importer itself (the load and import layers).
 */
export function baciCases(source: string, seeds: Seed[], scratch: string): ParseLayer<FileCase> {
  const textSeeds = seeds.filter((s) => s.every((f) => !f.name.endsWith('.json')));
  return {
    describe: 'gzip check, header line, layout and file name (trade-text.ts, <source>/layouts.ts)',
    arbitrary: fileCaseArb(textSeeds.length),
    files: (c) => caseFiles(textSeeds, c),
    run: async (c) => {
      for (const input of caseFiles(textSeeds, c)) {
        const path = join(scratch, `trade-${input.name}`);
        writeFileSync(path, input.bytes);
        if (input.name.endsWith('.gz')) await verifyGzip({ path, label: input.name });
        const delimiter = source === 'comtrade' && input.name.endsWith('.txt') ? '\t' : ',';
        const header = splitHeader(await readHeaderLine(path, input.name), delimiter);
        if (source === 'baci') {
          if (countryLayouts.some((l) => l.headers[0] === header[0])) ensureLayout(input.name, header, countryLayouts);
          else {
            ensureLayout(input.name, header, tradeLayouts);
            readFileName(input.name);
          }
        } else if (source === 'comext') ensureLayout(input.name, header, comextLayouts);
        else if (!isPlusHeader(header) && !isPullHeader(header))
          throw new UserError(`${input.name}:1: not a Comtrade header`);
      }
    },
  };
}

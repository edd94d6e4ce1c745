#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import pc from 'picocolors';
import { UsageError, UserError } from '../domain/errors.js';
import { sourceIds } from '../sources/catalogue.js';
import { type CliContext, processContext } from './context.js';
import { withFormat } from './options.js';

/**
 * The `radar` command. Each subcommand lives in commands/<name>.ts and is imported only when it runs, so
 * `radar --help` stays fast. Exit codes: 0 ok, 2 usage error (unknown list, edition, material, option), 1 other failure.
 */
export function buildProgram(ctx: CliContext): Command {
  const program = new Command('radar')
    .description('Radar: critical raw materials and strategic trade dependencies for the EU, Belgium and Flanders')
    .version('0.1.0')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr });

  withFormat(program.command('lists').description('critical/strategic lists: editions, jurisdictions, item counts'))
    .addHelpText('after', '\nExample:\n  radar lists --json')
    .action(async (o) => (await import('./commands/lists.js')).lists(ctx, o));

  withFormat(
    program
      .command('materials')
      .description('materials on a list edition, with published SR/EI and the source of each row')
      .option('--list <list>', 'list id: eu-crm, crma-strategic, crma-critical, be-crm, flanders-base-metals', 'eu-crm')
      .option('--edition <edition>', 'edition (default: the latest of the list)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar materials --list eu-crm --edition 2023 --json\n  radar materials --list be-crm --format csv',
    )
    .action(async (o) => (await import('./commands/materials.js')).materials(ctx, o));

  withFormat(program.command('info').argument('<material>', 'id, symbol or name (en/nl/fr), e.g. gallium, Ga, grafiet'))
    .description('one material: lists by edition, SR/EI history, technologies, sources')
    .addHelpText('after', '\nExample:\n  radar info gallium')
    .action(async (material, o) => (await import('./commands/info.js')).info(ctx, material, o));

  withFormat(
    program.command('datasets').description('the dataset registry: provenance of everything in the store'),
  ).action(async (o) => (await import('./commands/datasets.js')).datasets(ctx, o));

  withFormat(
    program
      .command('demand')
      .description(
        'clean-tech material demand: IEA scenarios (multiples of the base year, demand ÷ production), by technology, or a user deployment scenario',
      )
      .option('--material <material>', 'mineral, e.g. lithium, graphite, cobalt, nickel, rare earths, copper')
      .addOption(
        new Option('--scenario <scenario>', 'IEA scenario').choices(['STEPS', 'APS', 'NZE', 'all']).default('all'),
      )
      .addOption(
        new Option('--scope <scope>', 'total demand (all uses) or clean-tech only').choices(['total', 'clean-tech']),
      )
      .option('--technology <technology>', 'one technology: solar-pv, wind, ev, grid-storage, networks, hydrogen, …')
      .addOption(
        new Option('--by <dimension>', 'split by technology (competition for the material)').choices(['technology']),
      )
      .option('--year <year>', 'with --by technology: one year only')
      .option('--base-year <year>', 'base year of the multiples (default: the observed year of the IEA file)')
      .addOption(
        new Option('--production-stage <stage>', 'world supply compared with demand').choices(['mining', 'refining']),
      )
      .option('--dataset <id>', 'iea-cm dataset id (default: the latest imported)')
      .option('--deployment <file>', 'user scenario: deployment CSV, or a bundled name (flanders-energy-plan)')
      .option('--intensities <file>', 'user scenario: material intensity CSV, or a bundled name (iea-2021-intensities)')
      .option('--lifetimes <file>', 'user scenario: lifetime per technology (CSV: technology, lifetime)')
      .option(
        '--lifetime <spec>',
        'user scenario: lifetime for all technologies, e.g. weibull:5.3759:30, normal:25:5, fixed:20',
      )
      .option('--intensity-change <rate>', 'user scenario: yearly relative change of intensities, e.g. -0.01')
      .option('--collection <rate>', 'user scenario: end-of-life collection rate, 0–1')
      .option('--recycling <rate>', 'user scenario: recycling (process) rate, 0–1')
      .addOption(
        new Option('--negative-inflow <mode>', 'when a stock falls faster than products retire').choices([
          'early-retirement',
          'clip',
          'error',
        ]),
      ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar demand --scenario NZE --material lithium --json\n  radar demand --material cobalt --by technology --year 2030' +
        '\n  radar demand --deployment flanders-energy-plan --intensities iea-2021-intensities --lifetime weibull:5.3759:30 --collection 0.85 --recycling 0.9',
    )
    .action(async (o) => (await import('./commands/demand.js')).demand(ctx, o));

  withFormat(
    program
      .command('benchmarks')
      .description(
        'CRM Act 2030 benchmarks per strategic raw material: extraction, processing, recycling, largest third country; proxies labelled',
      )
      .option('--material <material>', 'one material (default: every strategic raw material)')
      .option('--eu-date <date>', 'date at which EU membership is read (default 2024-05-23)'),
  )
    .addHelpText('after', '\nExamples:\n  radar benchmarks --json\n  radar benchmarks --material cobalt')
    .action(async (o) => (await import('./commands/benchmarks.js')).benchmarks(ctx, o));

  withFormat(
    program
      .command('stock')
      .description(
        'dynamic stock model of a yearly series (inflow or stock): outflows, end of life, recyclable secondary supply',
      )
      .argument('<file>', 'CSV with year and inflow, or year and stock')
      .requiredOption(
        '--lifetime <spec>',
        'lifetime distribution: normal:<mean>:<sd>, weibull:<shape>:<scale>, fixed:<years>',
      )
      .option('--content <t>', 'material per product unit (default 1)')
      .option('--collection <rate>', 'end-of-life collection rate, 0–1 (default 1)')
      .option('--recycling <rate>', 'recycling (process) rate, 0–1 (default 1)')
      .addOption(
        new Option(
          '--negative-inflow <mode>',
          'stock-driven: when the stock falls faster than products retire',
        ).choices(['early-retirement', 'clip', 'error']),
      )
      .addOption(
        new Option('--initial <mode>', 'stock-driven: age structure of the first year').choices([
          'steady-state',
          'single-cohort',
        ]),
      )
      .option('--entry-age <years>', 'age at the end of the entry year (default 0.5)'),
  )
    .addHelpText(
      'after',
      '\nExample:\n  radar stock ev-fleet.csv --lifetime weibull:3:12 --content 0.008 --collection 0.9 --recycling 0.8',
    )
    .action(async (file, o) => (await import('./commands/stock.js')).stock(ctx, file, o));

  withFormat(
    program
      .command('concentration')
      .argument('<material>', 'id, symbol or name, e.g. cobalt, Ga, natural graphite')
      .description(
        'supply concentration by stage and year: shares, HHI (0–1 and 0–10,000), top-1/top-3, single point of failure',
      )
      .addOption(new Option('--stage <stage>', 'value-chain stage').choices(['extraction', 'processing']))
      .option('--year <year>', 'year of the production data (default: the latest of each source)')
      .addOption(new Option('--source <source>', 'data source').choices(['eu-crm-study', 'wmd', 'usgs-mcs']))
      .option('--spof <threshold>', 'single point of failure: top supplier share, e.g. ">0.5" (default) or ">0.65"')
      .option('--suppliers', 'also list every supplier country with its share'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar concentration cobalt --stage extraction --json\n  radar concentration gallium --source eu-crm-study --suppliers',
    )
    .action(async (material, o) => (await import('./commands/concentration.js')).concentration(ctx, material, o));

  withFormat(
    program
      .command('criticality')
      .description(
        'EU criticality (SR ≥ 1 and EI ≥ 2.8, strategic rule): published, recomputed, national, with uncertainty',
      )
      .option('--edition <edition>', 'EU assessment edition: 2011, 2014, 2017, 2020, 2023', '2023')
      .option('--published', 'verdict from the published SR/EI (default)')
      .option('--recompute', 'recompute SR and EI from the study inputs and WGI (needs eu-crm-study and wgi imported)')
      .option(
        '--perspective <iso3>',
        "a country's own sourcing from trade data, e.g. BEL (needs its imports in the store)",
      )
      .option('--uncertainty <draws>', 'Monte Carlo draws over the inputs: adds p_critical and a sensitivity table')
      .option('--seed <seed>', 'Monte Carlo seed', '1')
      .option('--sr <threshold>', 'supply-risk threshold with operator', '>=1')
      .option('--ei <threshold>', 'economic-importance threshold with operator', '>=2.8')
      .option('--no-strategic-rule', 'do not count strategic materials as critical regardless of their scores')
      .option('--wgi-years <years>', 'WGI years averaged per country (default 2016-2020)')
      .option('--trade-years <years>', 'with --perspective: years of imports (default: the 5 latest)')
      .option('--sensitivity', 'with --uncertainty and --json/--format: print the sensitivity table instead'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar criticality --edition 2023 --published --json\n  radar criticality --edition 2023 --recompute --json' +
        '\n  radar criticality --perspective BEL\n  radar criticality --uncertainty 10000 --seed 7',
    )
    .action(async (o) => (await import('./commands/criticality.js')).criticality(ctx, o));

  program
    .command('import')
    .description('import local files of a source into the store (atomic, idempotent by sha256)')
    .argument('<source>', 'source id (see `radar import --help`)')
    .argument('<files...>', 'files to import')
    .option('--vintage <vintage>', 'vintage label (default: read from the data, else the sha256 prefix)')
    .option('--dry-run', 'parse and validate, report what would be imported, change nothing')
    .option('--force', 're-import even if the same files are registered')
    .option('--json', 'print the import report as JSON (no progress bar)')
    .addHelpText('after', () => `\nSources: ${sourceIds().join(', ')}`)
    .action(async (source, files, o) => (await import('./commands/import.js')).importFiles(ctx, source, files, o));

  program
    .command('fetch')
    .description('download a source from its public URL (cached, resumable, checksummed) and import it')
    .argument('<source>', 'source id')
    .option('--year <year...>', 'year(s) to fetch, where the source is split by year')
    .option('--mirror <url>', 'fetch https://host/path from <url>/host/path instead (default: $RADAR_FETCH_MIRROR)')
    .option('--download-only', 'download into the cache, do not import')
    .option('--json', 'print the import report as JSON (no progress bar)')
    .action(async (source, o) => (await import('./commands/fetch.js')).fetchSource(ctx, source, o));

  program
    .command('drop')
    .description('remove an imported dataset and all its rows')
    .argument('<dataset>', 'dataset id (see `radar datasets`)')
    .option('--json', 'print JSON')
    .action(async (id, o) => (await import('./commands/drop.js')).drop(ctx, id, o));

  program
    .command('backup')
    .description('write a backup of the whole store (default) or of the user data only, to one file')
    .argument('<file>', 'backup file to write')
    .option('--user-data', 'only what users wrote: registrations + audit trail, scenarios, uploads, saved screens')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  radar backup radar-2025-06-30.duckdb\n  radar backup user-data.duckdb --user-data',
    )
    .action(async (file, o) => (await import('./commands/backup.js')).backup(ctx, file, o));

  program
    .command('restore')
    .description('restore a backup: a whole-store backup replaces the store, a user-data one the user tables')
    .argument('<file>', 'a file written by radar backup')
    .option('--json', 'print JSON')
    .action(async (file, o) => (await import('./commands/restore.js')).restore(ctx, file, o));

  withFormat(
    program
      .command('screen')
      .description('product screening for strategic dependencies: EC 2021, NBB 2024, FPB 2024, GeoDep, MERICS')
      .option('--preset <preset>', 'ec2021, nbb2024, nbb2024-exports, fpb2024, geodep, merics')
      .option('--reporter <reporter>', 'EU27 (the bloc) or a country (BEL, BE, DEU…); several comma-separated', 'EU27')
      .option('--years <years>', 'a year, range or list: 2021, 2014-2023, 2017,2019 (default: preset)')
      .option('--level <level>', 'CN8, HS6 or HS4 (default: preset)')
      .option('--side <side>', 'imports, or exports for the export-side mirror')
      .option('--hhi-partners <set>', 'HHI partner set: all, extraEU, extraEU_of_total')
      .option('--hhi <threshold>', 'HHI threshold, e.g. ">0.4"; "none" drops it')
      .option('--hhi-high <threshold>', 'second HHI threshold reported alongside, e.g. ">0.5"')
      .option('--extra-share <threshold>', 'extra-EU share threshold, e.g. ">0.5"')
      .option('--ratio <threshold>', 'own/counter flow threshold, e.g. ">1" (EC), ">=2" (MERICS)')
      .option('--world-export-hhi <threshold>', 'world-export HHI threshold (GeoDep), e.g. ">0.4"')
      .option('--ratio-numerator <scope>', 'extra or all partners of the own flow')
      .option('--ratio-denominator <scope>', 'extra or all partners of the counter flow')
      .option('--main-partner-extra', 'also require the main partner to be outside the EU')
      .option('--top-share <share>', 'rank method: share kept, e.g. 0.1')
      .option('--cut-rounding <rounding>', 'rank method: ceil, floor or round')
      .option('--combine <how>', 'rank method: mean_of_annual or pooled')
      .option('--persistence <rule>', 'k of the last n years: all, 2/3, 8/10')
      .option('--basis <basis>', 'value or quantity')
      .option('--eu-composition <composition>', 'EU27_2020 or as_of_year')
      .option('--dataset <id...>', 'trade dataset id(s) (default: chosen by source)')
      .option('--source <source>', 'trade source: comext, comtrade, baci')
      .option('--strategic <list>', 'strategic product list: id (see reference/strategic-products), crm, or a CSV file')
      .option('--only <rows>', 'rows shown or counted: dependent, strategic, all')
      .option('--by <view>', 'products, summary, suppliers, segments, supplier-segments, stages, churn', 'products')
      .option('--save <name>', 'save the screen under a name')
      .option('--replace', 'with --save: overwrite a saved screen of that name')
      .option('--from <name>', 'show a saved screen instead of running one')
      .option('--compare <name>', 'overlap with a saved screen')
      .option('--saved', 'list saved screens'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar screen --preset ec2021 --reporter EU27 --years 2021 --level HS6 --json\n' +
        '  radar screen --preset fpb2024 --reporter BEL --years 2014-2023 --level CN8 --save fpb-be\n' +
        '  radar screen --from fpb-be --by suppliers\n  radar screen --preset nbb2024 --reporter BEL --compare nbb-eu',
    )
    .action(async (o) => (await import('./commands/screen.js')).screen(ctx, o));

  withFormat(
    program
      .command('trade')
      .argument('<material>', 'material id or name, e.g. gallium, magnesium, lithium')
      .description('trade factsheet of a material: tonnes, value per kg, partner shares, import:export ratio by year')
      .option('--reporter <reporter>', 'EU27 (the bloc) or a country (BEL, BE…)', 'EU27')
      .option('--years <years>', 'a year, range or list (default: every year in the data)')
      .option('--partners <set>', 'extra (outside the EU; default) or all', 'extra')
      .option('--stage <stage>', 'extraction, processing, or all basket stages', 'all')
      .option('--by <view>', 'year (default) or partner', 'year')
      .option('--top <n>', 'partners listed per year with --by partner', '10')
      .option('--source <source>', 'trade source: comext, comtrade, baci')
      .option('--dataset <id...>', 'trade dataset id(s)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar trade magnesium --reporter EU27 --years 2018-2024\n  radar trade gallium --by partner --json',
    )
    .action(async (material, o) => (await import('./commands/trade.js')).trade(ctx, material, o));

  withFormat(
    program
      .command('stockpile')
      .description('stockpile size: CRMA Art. 23 benchmark (daily net imports × days) from trade data, or by hand')
      .option('--material <material>', 'material id or name (data mode), e.g. gallium, cobalt')
      .option('--days <days>', 'days of average daily net imports to cover (Art. 23 fixes none; default 60, assumed)')
      .option('--year <year>', 'calendar year of the net imports (Art. 23: the previous year; default: latest)')
      .option('--reporter <reporter>', 'EU27 (extra-EU trade, default) or a member state ISO3, e.g. BEL')
      .option('--dataset <id>', 'trade dataset (default: comext, else baci, else comtrade)')
      .option('--usd-per-eur <rate>', 'convert a USD dataset (BACI) to EUR')
      .option('--price-eur-per-kg <price>', 'value the stock at this price (default: import unit value)')
      .option('--net-imports-t <tonnes>', 'manual mode: annual net imports in tonnes (no store needed)')
      .option('--year-days <days>', 'manual mode: days in the year (default 365; --year uses the calendar)'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar stockpile --material cobalt --days 60 --year 2024 --json' +
        '\n  radar stockpile --net-imports-t 36500 --days 60 --price-eur-per-kg 30 --json',
    )
    .action(async (o) => (await import('./commands/stockpile.js')).stockpile(ctx, o));

  withFormat(
    program
      .command('scenario')
      .description('what-if scenario from a JSON file: restriction, diversification, recycling, by-product, shortfall')
      .argument('[file]', 'scenario file (JSON), e.g. {"kind":"restriction","event":"cn-2023-ga-ge"}')
      .option('--save <id>', 'also store the validated scenario under this id')
      .option('--saved <id>', 'run a stored scenario')
      .option('--list', 'list stored scenarios'),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar scenario china-gallium.json --json\n  radar scenario --saved china-gallium\n' +
        '  echo \'{"kind":"by-product","hosts":{"zinc":-0.2}}\' > zinc.json && radar scenario zinc.json',
    )
    .action(async (file, o) => (await import('./commands/scenario.js')).scenario(ctx, file, o));

  {
    const jp = program
      .command('joint-purchase')
      .alias('purchase')
      .description('CRMA Art. 25 joint purchasing: register demand, aggregate it per material × stage × period');
    withFormat(
      jp
        .command('register')
        .description('register demand (one from options, or a JSON array with --file; all or nothing)')
        .option('--buyer <name>', 'undertaking')
        .option('--country <code>', 'member state of establishment (ISO2/ISO3)')
        .option('--material <material>', 'strategic raw material')
        .option('--stage <stage>', 'extraction (unprocessed) or processing (processed)')
        .option('--quantity-t <tonnes>', 'quantity in tonnes')
        .option('--period <period>', 'YYYY, YYYY-Qn or YYYY-MM')
        .option('--sme', 'the buyer is an SME')
        .option('--file <file>', 'JSON file with one registration or an array of them'),
    ).action(async (o) => (await import('./commands/joint-purchase.js')).register(ctx, o));
    withFormat(
      jp.command('withdraw').argument('<id>', 'registration id').description('withdraw a registration'),
    ).action(async (id, o) => (await import('./commands/joint-purchase.js')).withdraw(ctx, id, o));
    withFormat(
      jp.command('list').description('registrations').option('--status <status>', 'active or withdrawn'),
    ).action(async (o) => (await import('./commands/joint-purchase.js')).list(ctx, o));
    withFormat(jp.command('audit').description('audit trail').option('--registration <id>', 'one registration')).action(
      async (o) => (await import('./commands/joint-purchase.js')).audit(ctx, o),
    );
    withFormat(
      jp
        .command('aggregate')
        .description('aggregated demand with eligibility (relative supply risk) and minimum quantities')
        .option('--min-relative-sr <x>', 'eligible when SR / max SR ≥ x (default 0, assumed)')
        .option('--minimum <spec...>', 'minimum per participant: MATERIAL=T or MATERIAL/STAGE=T')
        .option('--default-minimum <t>', 'minimum for other materials (default 0, assumed)')
        .option('--no-sme-pooling', 'judge SMEs below the minimum one by one'),
    )
      .addHelpText(
        'after',
        '\nExample:\n  radar joint-purchase aggregate --default-minimum 100 --min-relative-sr 0.3 --json',
      )
      .action(async (o) => (await import('./commands/joint-purchase.js')).aggregate(ctx, o));
  }

  withFormat(
    program
      .command('assess')
      .alias('company-report')
      .description('CRMA Art. 24 company risk assessment of a purchases file (CSV or XLSX): mapping, factors, score')
      .argument('<file>', 'purchases: cn_code, origin, value_eur and/or quantity_kg, one row per purchase')
      .option('--out <dir>', 'write <file>-assessment.html and .xlsx into this folder')
      .option('--as-of <date>', 'export restrictions in force on this date (default: today)')
      .option('--country <iso3>', "the company's country: restrictions aimed at it count too")
      .option('--save', 'store the validated upload in the store'),
  )
    .addHelpText('after', '\nExample:\n  radar assess purchases.csv --out report/ --json')
    .action(async (file, o) => (await import('./commands/assess.js')).assess(ctx, file, o));

  program
    .command('serve')
    .description('serve the API and dashboard (same as npm start)')
    .option('--port <port>', 'port (default: $PORT or 8080)')
    .action(async (o) => {
      const { startServer } = await import('../server/main.js');
      const { url } = await startServer({ port: o.port ? Number(o.port) : undefined });
      ctx.stdout(`Radar is serving on ${url}\n`);
      await new Promise(() => {});
    });

  withFormat(
    program
      .command('io')
      .description('input–output tables: multipliers, linkages and hypothetical extraction per industry')
      .argument('<report>', 'multipliers')
      .option('--table <dataset>', 'IO table: DATASET or DATASET/TABLE (see `radar datasets`)')
      .option('--region <region>', 'only this region of a multi-regional table, e.g. BEL')
      .addOption(
        new Option('--solver <solver>', 'dense LU or iterative (auto: dense up to 800 industries)')
          .choices(['auto', 'dense', 'iterative'])
          .default('auto'),
      ),
  )
    .addHelpText('after', '\nExample:\n  radar io multipliers --table oecd-iot:BEL2020 --json')
    .action(async (report, o) => (await import('./commands/io.js')).io(ctx, report, o));

  withFormat(
    program
      .command('shock')
      .description('value added lost when imports (or exports) of given products stop (docs/methods.md §2, FPB)')
      .option('--table <dataset>', 'IO table: DATASET or DATASET/TABLE')
      .option(
        '--imports-cut <cut...>',
        'CODE=FRACTION: imports of an IO product (24B, C24, HS:8112, CPA:24.4) fall by FRACTION',
      )
      .option('--exports-cut <cut...>', 'CODE=FRACTION: exports of an IO product fall by FRACTION')
      .option(
        '--from-screen <result>',
        'a saved screen id (radar screen --save) or a radar screen --json file: stop its products',
      )
      .addOption(
        new Option(
          '--select <which>',
          'screened products to stop (default: strategic if flagged, else dependent)',
        ).choices(['strategic', 'dependent', 'all']),
      )
      .option('--stop-fraction <fraction>', "share of the screened products' trade that stops (default 1: full stop)")
      .option('--region <region>', 'focal country of a multi-regional table, e.g. BEL (ICIO) or BE (FIGARO)')
      .addOption(new Option('--variant <variant>', 'import-stop operator').choices(['leontief_fixed_prop', 'ghosh']))
      .option('--no-upstream', 'leave out the effect on suppliers (L·A·Δx)')
      .option('--no-downstream', 'leave out the effect on customers (Ghosh)')
      .addOption(
        new Option('--solver <solver>', 'dense LU or iterative')
          .choices(['auto', 'dense', 'iterative'])
          .default('auto'),
      )
      .option(
        '--usd-per-eur <rate>',
        'exchange rate for EUR values into a USD table (default: ECB mean of the table year)',
      ),
  )
    .addHelpText(
      'after',
      '\nExamples:\n  radar shock --table oecd-iot:BEL2020 --imports-cut 24B=0.5 20=0.1 --json\n  radar shock --from-screen fpb-be --table oecd-iot:BEL2020',
    )
    .action(async (o) => (await import('./commands/shock.js')).shock(ctx, o));

  return program;
}

/** Run the CLI and return the exit code instead of exiting, so tests can call it in-process. */
export async function runCli(argv: string[], ctx: CliContext = processContext): Promise<number> {
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are exits with code 0; everything else commander rejects is a usage error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      ctx.stderr(`${pc.red('error:')} ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return 2;
    }
    if (error instanceof UserError) {
      ctx.stderr(`${pc.red('error:')} ${error.message}\n${error.hint ? `${error.hint}\n` : ''}`);
      return 1;
    }
    ctx.stderr(`${pc.red('internal error:')} ${(error as Error).stack ?? error}\nPlease report this.\n`);
    return 1;
  }
}

const invoked = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  // `radar … | head` closes the pipe early: that is the reader's choice, not a failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  process.exitCode = await runCli(process.argv.slice(2));
}

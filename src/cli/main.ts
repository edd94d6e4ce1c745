#!/usr/bin/env node
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
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
    .command('serve')
    .description('serve the API and dashboard (same as npm start)')
    .option('--port <port>', 'port (default: $PORT or 8080)')
    .action(async (o) => {
      const { startServer } = await import('../server/main.js');
      const { url } = await startServer({ port: o.port ? Number(o.port) : undefined });
      ctx.stdout(`Radar is serving on ${url}\n`);
      await new Promise(() => {});
    });

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
if (invoked) process.exitCode = await runCli(process.argv.slice(2));

import { type Command, Option } from 'commander';
import { type Format, formats } from './render.js';

/** `--json` and `--format table|json|csv` on every command that prints a Result. */
export function withFormat(command: Command): Command {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(formats as string[]).default('table'))
    .option('--json', 'shorthand for --format json');
}

export function formatOf(options: { format?: string; json?: boolean }): Format {
  return options.json ? 'json' : ((options.format ?? 'table') as Format);
}

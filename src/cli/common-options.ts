import { InvalidArgumentError, Option, type Command } from 'commander';
import { MAX_WORKERS } from '../run/pass/worker-count.js';
import type { FailOn } from './exit-status.js';

export interface CommonOptions {
  /** Path of shelfcast.yaml; default `./shelfcast.yaml`. */
  config: string;
  /** One JSON document on stdout, nothing else; default off. */
  json?: boolean;
  /** Only errors on stderr (for cron); default off. */
  quiet?: boolean;
  /** Lowest severity that fails the command; default `error`. */
  failOn: FailOn;
}

/** --config, --json, --quiet and --fail-on, shared by every project command. */
export function withCommonOptions(cmd: Command): Command {
  return cmd
    .option('-c, --config <path>', 'project file', 'shelfcast.yaml')
    .option('--json', 'print one JSON document on stdout')
    .option('-q, --quiet', 'print nothing on stderr unless something is wrong')
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(['error', 'warning']).default('error'));
}

/** `--feed a --feed b` or `--feed a,b`. */
export const collectList = (value: string, previous: string[] = []): string[] => [...previous, ...value.split(',').map((s) => s.trim()).filter(Boolean)];


/** `--workers N` for the commands that read the whole catalog (build, run, validate). */
export function withWorkersOption(cmd: Command): Command {
  return cmd.option(
    '--workers <n>',
    'worker threads that read, validate and format the catalog; 0: all in one thread; with fewer workers than cores the main thread helps (default: one fewer than the spare cores for catalogs of 24 MiB or more)',
    (value: string) => {
      const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
      if (!(n >= 0 && n <= MAX_WORKERS)) throw new InvalidArgumentError(`give a whole number from 0 (everything in one thread) to ${MAX_WORKERS}.`);
      return n;
    },
  );
}

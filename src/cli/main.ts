import { Command, CommanderError } from 'commander';
import { loadProject } from '../config/load.js';
import { ShelfcastError } from '../issues/issue.js';
import type { CliIO, CommandContext } from './context.js';
import { registerBuild } from './build.js';
import { registerChannels } from './channels.js';
import { registerInit } from './init.js';
import { registerRun } from './run.js';
import { registerValidate } from './validate.js';
import { registerHistory } from './history.js';
import { registerRollback } from './rollback.js';
import { registerSchedule } from './schedule.js';
import { registerStatus } from './status.js';
import { registerStock } from './stock.js';
import { registerCategories } from './categories.js';
import { registerExplain } from './explain.js';
import { registerPlan } from './plan.js';
import { registerServe } from './serve.js';
import { registerDiagnostics } from './diagnostics.js';
import { VERSION } from './version.js';

/**
 * The whole CLI as a function of its arguments and I/O, so tests run it in-process and
 * bin/shelfcast.js is the only file that touches `process`. Returns the exit code:
 * 0 ok, 1 finished with problems, 2 usage, configuration error or crash.
 */
export async function main(argv: string[], io: CliIO): Promise<number> {
  let exitCode: 0 | 1 | 2 = 0;
  const ctx: CommandContext = {
    io,
    loadProject: (configPath) => loadProject(configPath.startsWith('/') ? configPath : `${io.cwd}/${configPath}`),
    setExitCode: (code) => {
      if (code > exitCode) exitCode = code;
    },
  };
  const program = new Command('shelfcast')
    .description('Validate one product catalog and syndicate it to every sales channel.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of [registerInit, registerValidate, registerBuild, registerRun, registerChannels, registerSchedule, registerHistory, registerStatus, registerRollback, registerStock, registerPlan, registerExplain, registerCategories, registerServe, registerDiagnostics]) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return handleError(err, io);
  }
}

function handleError(err: unknown, io: CliIO): number {
  if (err instanceof CommanderError) {
    // --help and --version end here too, with exit code 0.
    return err.exitCode === 0 ? 0 : 2;
  }
  if (err instanceof ShelfcastError) {
    io.stderr(`shelfcast: ${err.message}\n`);
    return err.exitCode;
  }
  const e = err as Error;
  io.stderr(`shelfcast: internal error: ${e?.message ?? String(err)}\n(this is a bug in shelfcast; set SHELFCAST_DEBUG=1 for details)\n`);
  if (io.env.SHELFCAST_DEBUG) io.stderr(`${e?.stack ?? ''}\n`);
  return 2;
}

import { Command } from 'commander';
import { loadProject } from '../config/load.js';
import type { CliIO, CommandContext } from './context.js';
import { reportFailure, wantsJson } from './error-output.js';
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
import { registerMerge } from './merge.js';
import { VERSION } from './version.js';

export { interruptReport } from './interrupt.js';

/**
 * The whole CLI as a function of its arguments and I/O, so tests run it in-process and
 * bin/shelfcast.js is the only file that touches `process`. Returns the exit code:
 * 0 ok, 1 finished with problems, 2 usage, configuration error or crash.
 */
export async function main(argv: string[], given: CliIO): Promise<number> {
  let exitCode: 0 | 1 | 2 = 0;
  // Whether stdout already carries the command's document: a failure after it adds none.
  let printed = false;
  const io: CliIO = {
    ...given,
    stdout: (s) => {
      printed = true;
      given.stdout(s);
    },
  };
  const ctx: CommandContext = {
    io,
    loadProject: (configPath) => loadProject(configPath.startsWith('/') ? configPath : `${io.cwd}/${configPath}`),
    setExitCode: (code) => {
      if (code > exitCode) exitCode = code;
    },
  };
  const program = createProgram(ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportFailure(err, io, { wanted: wantsJson(argv), printed });
  }
}

/** Every command, wired to `ctx` (tests walk it to reach every command). */
export function createProgram(ctx: CommandContext): Command {
  const { io } = ctx;
  const program = new Command('shelfcast')
    .description('Validate one product catalog and syndicate it to every sales channel.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of [registerInit, registerValidate, registerBuild, registerRun, registerMerge, registerChannels, registerSchedule, registerHistory, registerStatus, registerRollback, registerStock, registerPlan, registerExplain, registerCategories, registerServe]) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

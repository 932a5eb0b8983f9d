import type { Command } from 'commander';
import type { CliIO, CommandContext } from './context.js';
import { VERSION } from './version.js';

export { interruptReport } from './interrupt.js';

type Register = (program: Command, ctx: CommandContext) => void;

/**
 * Every command, by name, in the order `--help` lists them, each imported only when needed. Why:
 * the commands' modules (zod schemas, readers, channels, serializers) are most of the CLI, and
 * loading them all cost `shelfcast --version` three times the CPU of Node's own start
 * (BENCHMARKS.md, start-up). A command line loads its own command; help and unknown names load all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  init: async () => (await import('./init.js')).registerInit,
  validate: async () => (await import('./validate.js')).registerValidate,
  build: async () => (await import('./build.js')).registerBuild,
  run: async () => (await import('./run.js')).registerRun,
  merge: async () => (await import('./merge.js')).registerMerge,
  channels: async () => (await import('./channels.js')).registerChannels,
  schedule: async () => (await import('./schedule.js')).registerSchedule,
  history: async () => (await import('./history.js')).registerHistory,
  status: async () => (await import('./status.js')).registerStatus,
  rollback: async () => (await import('./rollback.js')).registerRollback,
  stock: async () => (await import('./stock.js')).registerStock,
  plan: async () => (await import('./plan.js')).registerPlan,
  explain: async () => (await import('./explain.js')).registerExplain,
  categories: async () => (await import('./categories.js')).registerCategories,
  serve: async () => (await import('./serve.js')).registerServe,
};

/** The commands this command line needs: its own, none for `--version`, all for anything else. */
function commandsFor(argv: readonly string[]): string[] {
  const first = argv[0];
  if (first === '-V' || first === '--version') return [];
  if (first !== undefined && Object.hasOwn(COMMANDS, first)) return [first];
  return Object.keys(COMMANDS);
}

/**
 * The whole CLI as a function of its arguments and I/O, so tests run it in-process and
 * bin/shelfcast.js is the only file that touches `process`. Returns the exit code:
 * 0 ok, 1 finished with problems, 2 usage, configuration error or crash.
 */
export async function main(argv: string[], given: CliIO): Promise<number> {
  // What commander would print, without loading it: the one answer a script asks most often.
  if (argv.length === 1 && (argv[0] === '-V' || argv[0] === '--version')) {
    given.stdout(`${VERSION}\n`);
    return 0;
  }
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
    loadProject: async (configPath) => (await import('../config/load.js')).loadProject(configPath.startsWith('/') ? configPath : `${io.cwd}/${configPath}`),
    setExitCode: (code) => {
      if (code > exitCode) exitCode = code;
    },
  };
  try {
    const program = await createProgram(ctx, commandsFor(argv));
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    const { reportFailure, wantsJson } = await import('./error-output.js');
    return reportFailure(err, io, { wanted: wantsJson(argv), printed });
  }
}

/** The commands named (default all), wired to `ctx` (tests walk it to reach every command). */
export async function createProgram(ctx: CommandContext, names: readonly string[] = Object.keys(COMMANDS)): Promise<Command> {
  const { io } = ctx;
  const { Command } = await import('commander');
  const program = new Command('shelfcast')
    .description('Validate one product catalog and syndicate it to every sales channel.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const registers = await Promise.all(names.map((name) => COMMANDS[name]!()));
  for (const register of registers) register(program, ctx);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  return program;
}

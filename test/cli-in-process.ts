import path from 'node:path';
import { Command } from 'commander';
import type { CommandContext } from '../src/cli/context.js';
import { loadProject } from '../src/config/load.js';

export type Register = (program: Command, ctx: CommandContext) => void;

/**
 * Runs commands in this process (no build of bin/ needed) with a pinned clock: a thrown error is
 * exit 2 with its message on stderr, as bin/shelfcast.js reports it.
 */
export function inProcessCli(registers: readonly Register[], now: Date) {
  return async (args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    let code = 0;
    const ctx: CommandContext = {
      io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, cwd, isTTY: false, now: () => now },
      loadProject: (p) => loadProject(path.resolve(cwd, p)),
      setExitCode: (c) => {
        if (c > code) code = c;
      },
    };
    const program = new Command('shelfcast').exitOverride().configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
    for (const register of registers) register(program, ctx);
    try {
      await program.parseAsync(args, { from: 'user' });
    } catch (e) {
      err.push((e as Error).message);
      code = 2;
    }
    return { code, stdout: out.join(''), stderr: err.join('') };
  };
}

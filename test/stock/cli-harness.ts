import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { registerStock } from '../../src/cli/stock.js';
import type { CommandContext } from '../../src/cli/context.js';
import { loadProject } from '../../src/config/load.js';
import { ShelfcastError } from '../../src/issues/issue.js';

export const NOW = new Date('2026-03-03T12:00:00.000Z');

/** A copy of a fixture project in a temporary folder (the ledger writes into its state folder). */
export function projectCopy(fixture: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-stock-cli-'));
  cpSync(path.resolve(__dirname, '../../fixtures/stock', fixture), dir, { recursive: true });
  mkdirSync(path.join(dir, 'feeds'), { recursive: true });
  return dir;
}

/** Runs `shelfcast <argv>` in-process with the stock commands, as the CLI's main does. */
export async function runStock(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  let code: 0 | 1 | 2 = 0;
  const io = { stdout: (s: string) => void (stdout += s), stderr: (s: string) => void (stderr += s), env: {}, cwd, isTTY: false, now: () => NOW };
  const ctx: CommandContext = {
    io,
    loadProject: (p) => loadProject(path.resolve(cwd, p)),
    setExitCode: (c) => void (code = Math.max(code, c) as 0 | 1 | 2),
  };
  const program = new Command('shelfcast').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  registerStock(program, ctx);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (err) {
    if (err instanceof ShelfcastError) {
      stderr += `shelfcast: ${err.message}\n`;
      return { code: err.exitCode, stdout, stderr };
    }
    if (err instanceof CommanderError) return { code: err.exitCode === 0 ? 0 : 2, stdout, stderr };
    throw err;
  }
  return { code, stdout, stderr };
}

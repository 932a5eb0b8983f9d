import { readdir, rm, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { loadProject } from '../../src/config/load.js';
import type { CliIO, CommandContext } from '../../src/cli/context.js';
import { demoProject } from '../e2e/cli.js';

/** SOURCE_DATE_EPOCH of the golden feeds. */
export const GOLDEN_NOW = new Date(1767225600 * 1000);

/**
 * A temp copy of the demo project with the Google and Meta feeds only (they need no credentials),
 * and `extra` appended to feed files (e.g. a `schedule:`).
 */
export async function twoFeedProject(extra: Partial<Record<'google' | 'meta', string>> = {}): Promise<string> {
  const dir = await demoProject();
  for (const f of await readdir(path.join(dir, 'feeds'))) {
    if (f !== 'google.yaml' && f !== 'meta.yaml') await rm(path.join(dir, 'feeds', f));
  }
  for (const [id, text] of Object.entries(extra)) {
    const file = path.join(dir, 'feeds', `${id}.yaml`);
    await writeFile(file, `${await readFile(file, 'utf8')}\n${text}\n`);
  }
  return dir;
}

/** An in-process CommandContext like main() builds, with stderr collected. */
export function testContext(cwd: string, overrides: Partial<CliIO> = {}): { ctx: CommandContext; stderr: string[]; stdout: string[]; exitCode: () => number } {
  const stderr: string[] = [];
  const stdout: string[] = [];
  let code = 0;
  const io: CliIO = { stdout: (s) => void stdout.push(s), stderr: (s) => void stderr.push(s), env: {}, cwd, isTTY: false, now: () => GOLDEN_NOW, ...overrides };
  return {
    ctx: {
      io,
      loadProject: (p) => loadProject(path.resolve(cwd, p)),
      setExitCode: (c) => {
        code = Math.max(code, c);
      },
    },
    stderr,
    stdout,
    exitCode: () => code,
  };
}

/** Rewrites cells of the demo catalog: `{ row: { column: value } }`, rows counted as in issues (header = 1). */
export async function editCatalog(dir: string, edits: Record<number, Record<string, string>>): Promise<void> {
  const file = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
  const rows = parseCsv(await readFile(file, 'utf8')) as string[][];
  const header = rows[0]!;
  for (const [row, cells] of Object.entries(edits)) for (const [col, value] of Object.entries(cells)) rows[Number(row) - 1]![header.indexOf(col)] = value;
  await writeFile(file, `${rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n')}\n`);
}

import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { SaxesParser } from 'saxes';
import { loadProject } from '../../src/config/load.js';
import type { CliIO, CommandContext } from '../../src/cli/context.js';
import { demoProject } from '../e2e/cli.js';

/** The time runCli pins with SOURCE_DATE_EPOCH, for in-process runs. */
export const FIXED_NOW = new Date(1767225600 * 1000);

/** Feed files of the tests' own: fixed, so demo-feed edits (rules, labels) do not change the counts. */
const FEEDS = {
  google: 'channel: google\nformat: xml\ncountry: US\nlanguage: en\ncurrency: USD\n',
  meta: 'channel: meta\nformat: csv\ncountry: US\nlanguage: en\ncurrency: USD\n',
};

/**
 * A temp copy of the demo project (its shelfcast.yaml and catalog) with two plain feeds, Google
 * XML and Meta CSV (no credentials needed), and `extra` YAML appended to a feed (e.g. a `schedule:`).
 */
export async function twoFeedProject(extra: Partial<Record<keyof typeof FEEDS, string>> = {}): Promise<string> {
  const dir = await demoProject();
  await rm(path.join(dir, 'feeds'), { recursive: true });
  await mkdir(path.join(dir, 'feeds'));
  for (const [id, text] of Object.entries(FEEDS)) await writeFile(path.join(dir, 'feeds', `${id}.yaml`), `${text}${extra[id as keyof typeof FEEDS] ?? ''}\n`);
  return dir;
}

/** Strict XML parse of a Google feed: the number of items (throws on a cut or broken file). */
export function xmlItems(text: string): number {
  const parser = new SaxesParser({ xmlns: true });
  let items = 0;
  parser.on('opentag', (t) => {
    if (t.name === 'item') items++;
  });
  parser.write(text).close();
  return items;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** An in-process CommandContext like main() builds, with stderr collected. */
export function testContext(cwd: string, overrides: Partial<CliIO> = {}): { ctx: CommandContext; stderr: string[]; stdout: string[]; exitCode: () => number } {
  const stderr: string[] = [];
  const stdout: string[] = [];
  let code = 0;
  const io: CliIO = { stdout: (s) => void stdout.push(s), stderr: (s) => void stderr.push(s), env: {}, cwd, isTTY: false, now: () => FIXED_NOW, ...overrides };
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

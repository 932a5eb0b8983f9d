import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { main } from '../../src/cli/main.js';
import { REPO, runCli } from '../e2e/cli.js';

/** The clock every hostile run uses, so outputs are byte-stable. */
export const NOW = new Date('2026-01-01T00:00:00Z');

export interface RunOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ReportedIssue {
  severity: string;
  code: string;
  row?: number;
  id?: string;
  feed?: string;
  field?: string;
  message: string;
}

/**
 * A temp copy of the demo project's config and feeds (Google XML, Meta CSV, Amazon and eBay JSON)
 * whose catalog is `catalog.<ext>` with the given bytes. `extra` adds lines to the catalog section.
 */
export async function hostileProject(catalog: Buffer | string, ext: string, extra: string[] = []): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-hostile-'));
  await cp(path.join(REPO, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
  await configureAmazon(path.join(dir, 'feeds', 'amazon.yaml'));
  const yaml = [
    'name: Hostile Shop',
    'catalog:',
    `  path: catalog.${ext}`,
    '  preset: google',
    '  currency: USD',
    ...extra.map((l) => `  ${l}`),
    'shop:',
    '  title: Hostile & <Shop> ]]>',
    '  link: https://shop.example.com',
    'feeds: feeds',
    'output: out',
    'state: .shelfcast',
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'shelfcast.yaml'), yaml);
  await writeFile(path.join(dir, `catalog.${ext}`), catalog);
  return dir;
}

/**
 * What a merchant selling these catalogs on Amazon sets in the demo's Amazon feed. The catalogs
 * carry Google's columns only (no product_type, color or item_type_keyword) and many items have
 * no GTIN: the shop's brands hold Amazon's GTIN exemption, and the attributes Amazon requires of
 * every listing that no column holds come from attribute_defaults. These suites test reading, not
 * Amazon's requirements (test/channels/amazon does that), so a good row must reach this feed too.
 */
export const HOSTILE_AMAZON_OPTIONS = {
  gtin_exemption: true,
  attribute_defaults: { item_type_keyword: 'household-supplies', color: 'multicolor' },
};

async function configureAmazon(file: string): Promise<void> {
  const feed = parseYaml(await readFile(file, 'utf8')) as { options: Record<string, unknown> & { attribute_defaults?: Record<string, string> } };
  const { attribute_defaults, ...rest } = HOSTILE_AMAZON_OPTIONS;
  feed.options = { ...feed.options, ...rest, attribute_defaults: { ...feed.options.attribute_defaults, ...attribute_defaults } };
  await writeFile(file, stringifyYaml(feed));
}

/** Runs the CLI in-process (the same `main` bin/shelfcast.js calls) with captured output. */
export async function runInProcess(args: string[], cwd: string): Promise<RunOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { PATH: process.env.PATH },
    cwd,
    isTTY: false,
    now: () => NOW,
  });
  return { code, stdout, stderr };
}

/** `build --force --json` (the guard would refuse catalogs that are mostly bad on purpose). */
export const BUILD_ARGS = ['build', '--force', '--json'];

/** Runs a build either in-process or through the real binary. */
export function runBuild(cwd: string, how: 'in-process' | 'binary'): Promise<RunOutcome> {
  return how === 'binary' ? runCli(BUILD_ARGS, cwd) : runInProcess(BUILD_ARGS, cwd);
}

/** A stack trace line (`    at fn (file:1:2)`) or the crash banner: never allowed in any output. */
const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
export function crashSigns(out: RunOutcome): string[] {
  const found: string[] = [];
  for (const [name, text] of [['stdout', out.stdout], ['stderr', out.stderr]] as const) {
    if (STACK.test(text)) found.push(`${name} holds a stack trace`);
    if (text.includes('internal error')) found.push(`${name} reports an internal error`);
  }
  if (out.code !== 0 && out.code !== 1 && out.code !== 2) found.push(`exit code ${out.code}`);
  return found;
}

/** Parses the `--json` document; undefined when the run ended before printing one. */
export function report(out: RunOutcome): { issues: ReportedIssue[]; items: { total: number; valid: number; invalid: number }; feeds: Array<{ id: string; status: string }> } | undefined {
  const text = out.stdout.trim();
  return text.startsWith('{') ? JSON.parse(text) : undefined;
}

/** Names of files in out/ (temp files included, so a test sees leftovers). */
export async function outFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(path.join(dir, 'out'))).sort();
  } catch {
    return [];
  }
}

export const readOut = (dir: string, name: string): Promise<Buffer> => readFile(path.join(dir, 'out', name));

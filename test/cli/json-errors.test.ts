import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/context.js';
import { reportFailure } from '../../src/cli/error-output.js';
import { createProgram, main } from '../../src/cli/main.js';
import { loadProject } from '../../src/config/load.js';

const REPO = path.resolve(__dirname, '../..');
const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A copy of the demo project, changed by `edit`. */
async function project(edit: (dir: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-json-errors-'));
  dirs.push(dir);
  await cp(path.join(REPO, 'shelfcast.yaml'), path.join(dir, 'shelfcast.yaml'));
  await cp(path.join(REPO, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
  await cp(path.join(REPO, 'fixtures', 'demo'), path.join(dir, 'fixtures', 'demo'), { recursive: true });
  await edit(dir);
  return dir;
}

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, cwd, isTTY: false, now: () => new Date('2026-01-01T00:00:00Z') };
  const code = await main(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Exit 2 and exactly one JSON document on stdout: `{ok: false, error: {code, message, file, line}}`. */
async function expectJsonError(args: string[], cwd: string, want: { code: string | RegExp; file?: string | null; line?: number | null; message?: string | RegExp }) {
  const r = await run(args, cwd);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
  let doc: { ok: boolean; error: { code: string; message: string; file: string | null; line: number | null } };
  try {
    doc = JSON.parse(r.stdout);
  } catch {
    throw new Error(`${args.join(' ')}: stdout is not one JSON document: ${JSON.stringify(r.stdout)}`);
  }
  expect(Object.keys(doc).sort()).toEqual(['error', 'ok']);
  expect(doc.ok).toBe(false);
  expect(Object.keys(doc.error).sort()).toEqual(['code', 'file', 'line', 'message']);
  if (typeof want.code === 'string') expect(doc.error.code, args.join(' ')).toBe(want.code);
  else expect(doc.error.code, args.join(' ')).toMatch(want.code);
  expect(doc.error.message.length).toBeGreaterThan(0);
  if (want.file !== undefined) expect(doc.error.file).toBe(want.file);
  if (want.line !== undefined) expect(doc.error.line).toBe(want.line);
  if (want.message) expect(doc.error.message).toMatch(want.message);
  return doc.error;
}

/** Every command (subcommands included) that takes --json, with its full name. */
async function jsonCommands(): Promise<Array<{ name: string[]; cmd: Command }>> {
  const io: CliIO = { stdout: () => {}, stderr: () => {}, env: {}, cwd: REPO, isTTY: false };
  const program = await createProgram({ io, loadProject, setExitCode: () => {} });
  const found: Array<{ name: string[]; cmd: Command }> = [];
  const walk = (cmd: Command, name: string[]) => {
    for (const sub of cmd.commands) {
      const full = [...name, sub.name()];
      if (sub.options.some((o) => o.long === '--json')) found.push({ name: full, cmd: sub });
      walk(sub, full);
    }
  };
  walk(program, []);
  return found;
}

const commands = await jsonCommands();
/** Placeholder values for a command's required arguments, so that only the case under test fails. */
const argsFor = (cmd: Command): string[] => [...cmd.registeredArguments.filter((a) => a.required).map(() => 'x'), ...mandatoryOptions(cmd)];
/** A valid value for mandatory options whose values are checked before the project is read. */
const OPTION_VALUES: Record<string, string> = { '--shards': '2' };
const mandatoryOptions = (cmd: Command): string[] => cmd.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, OPTION_VALUES[o.long!] ?? 'x']);

describe('--json: one JSON error document on stdout for every exit-2 path', () => {
  it('knows the commands that take --json', () => {
    expect(commands.map((c) => c.name.join(' '))).toEqual(expect.arrayContaining(['validate', 'build', 'run', 'plan', 'status', 'history', 'channels', 'stock import']));
  });

  it.each(commands.map((c) => [c.name.join(' '), c] as const))('%s: an unknown option is a usage error', async (_n, { name, cmd }) => {
    const dir = await project();
    await expectJsonError([...name, ...argsFor(cmd), '--json', '--no-such-option'], dir, { code: 'usage.unknown_option', file: null, line: null, message: /--no-such-option/ });
  });

  it.each(commands.filter((c) => c.cmd.registeredArguments.some((a) => a.required)).map((c) => [c.name.join(' '), c] as const))('%s: a missing argument is a usage error', async (_n, { name, cmd }) => {
    const dir = await project();
    await expectJsonError([...name, ...mandatoryOptions(cmd), '--json'], dir, { code: 'usage.missing_argument' });
  });

  it.each(commands.filter((c) => c.cmd.options.some((o) => o.long === '--config')).map((c) => [c.name.join(' '), c] as const))('%s: a missing project file is a config error', async (_n, { name, cmd }) => {
    const dir = await project();
    await expectJsonError([...name, ...argsFor(cmd), '--json', '--config', 'missing.yaml'], dir, { code: 'config.unreadable', file: 'missing.yaml', message: /shelfcast init/ });
  });

  it('an invalid option value is a usage error', async () => {
    await expectJsonError(['build', '--json', '--workers', 'many'], await project(), { code: 'usage.invalid_argument' });
    await expectJsonError(['build', '--json', '--fail-on', 'info'], await project(), { code: 'usage.invalid_argument' });
  });

  it('an unknown command is a usage error', async () => {
    await expectJsonError(['bulid', '--json'], await project(), { code: 'usage.unknown_command' });
  });

  it('invalid YAML names the file and the line', async () => {
    const dir = await project((d) => writeFile(path.join(d, 'feeds', 'meta.yaml'), 'channel: meta\ncountry: [US\n'));
    await expectJsonError(['validate', '--json'], dir, { code: 'config.yaml', file: 'feeds/meta.yaml', line: 3 });
  });

  it('a schema error names the file and the line of the value', async () => {
    const dir = await project((d) => writeFile(path.join(d, 'feeds', 'meta.yaml'), 'channel: meta\n\ncountry: usa\n'));
    await expectJsonError(['build', '--json'], dir, { code: 'config.invalid', file: 'feeds/meta.yaml', line: 3, message: /country/ });
  });

  it('a project schema error names shelfcast.yaml and the line', async () => {
    const dir = await project((d) => writeFile(path.join(d, 'shelfcast.yaml'), 'name: x\ncatalog:\n  path: c.csv\n  currency: 12\n'));
    await expectJsonError(['run', '--json'], dir, { code: 'config.invalid', file: 'shelfcast.yaml', line: 4 });
  });

  it('an unknown channel, a missing feeds folder and a duplicate feed id are config errors', async () => {
    await expectJsonError(['validate', '--json'], await project((d) => writeFile(path.join(d, 'feeds', 'google.yaml'), 'format: xml\nchannel: gogle\n')), { code: 'config.invalid', file: 'feeds/google.yaml', line: 2, message: /did you mean "google"/ });
    await expectJsonError(['validate', '--json'], await project((d) => rm(path.join(d, 'feeds'), { recursive: true })), { code: 'config.invalid', file: 'shelfcast.yaml' });
    await expectJsonError(['validate', '--json'], await project((d) => writeFile(path.join(d, 'feeds', 'copy.yaml'), 'id: google\nchannel: google\n')), { code: 'config.invalid', message: /also used by/ });
  });

  it('an unknown --feed is a usage error', async () => {
    await expectJsonError(['build', '--json', '--feed', 'gogle'], await project(), { code: 'usage.unknown_feed', message: /did you mean/ });
  });

  it('a catalog that cannot be read or is refused is a catalog error naming it', async () => {
    const dir = await project();
    await expectJsonError(['build', '--json', '--catalog', 'nope.csv'], dir, { code: 'catalog.refused', message: /file not found/ });
    await mkdir(path.join(dir, 'folder.csv'));
    await expectJsonError(['validate', '--json', '--catalog', 'folder.csv'], dir, { code: 'catalog.refused', file: path.join(dir, 'folder.csv'), message: /folder/ });
    await expectJsonError(['run', '--json', '--catalog', 'http://shop.example.com/catalog.csv'], dir, { code: 'catalog.refused', file: 'http://shop.example.com/catalog.csv', message: /https/ });
    await mkdir(path.join(dir, 'empty'));
    await writeFile(path.join(dir, 'empty', 'c.csv'), '');
    await expectJsonError(['build', '--json', '--catalog', 'empty/c.csv'], dir, { code: 'catalog.refused', message: /empty/ });
  });

  it('a feed file that would write outside the output folder is a config error, and nothing is written', async () => {
    const name = `escape-${process.pid}-${Date.now()}.csv`;
    const dir = await project((d) => writeFile(path.join(d, 'feeds', 'meta.yaml'), `channel: meta\nfile: ../../${name}\n`));
    await expectJsonError(['build', '--json'], dir, { code: 'config.invalid', file: 'feeds/meta.yaml', line: 2, message: /must be a file name without folders/ });
    await expect(readdir(path.dirname(dir))).resolves.not.toContain(name);
  });

  it.each(['/dev/full/out', '/proc/shelfcast-out', 'shelfcast.yaml/out'])('output: %s is a config error naming output:', async (out) => {
    const dir = await project(async (d) => {
      const config = path.join(d, 'shelfcast.yaml');
      await writeFile(config, (await readFile(config, 'utf8')).replace('output: out', `output: ${out}`));
    });
    await expectJsonError(['build', '--json'], dir, { code: 'config.path', file: 'shelfcast.yaml', message: /^shelfcast\.yaml: output: cannot create the folder/ });
  });

  it('an internal error is a document too, with code internal', () => {
    const out: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: () => {}, env: {}, cwd: REPO, isTTY: false };
    expect(reportFailure(new TypeError('x is undefined'), io, { wanted: true, printed: false })).toBe(2);
    expect(JSON.parse(out.join(''))).toEqual({ ok: false, error: { code: 'internal', message: 'x is undefined', file: null, line: null } });
  });

  it('prints no second document when the command already printed its own', () => {
    const out: string[] = [];
    const io: CliIO = { stdout: (s) => out.push(s), stderr: () => {}, env: {}, cwd: REPO, isTTY: false };
    reportFailure(new Error('late'), io, { wanted: true, printed: true });
    expect(out).toEqual([]);
  });

  it('without --json, stdout stays empty on a failure', async () => {
    const r = await run(['build', '--catalog', 'nope.csv'], await project());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('file not found');
  });
});

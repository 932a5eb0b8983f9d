import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { access, mkdtemp, readFile, realpath } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, readSpec, SPECS_DIR, vendorAjv } from '../servers/spec-files.js';
import { installAsReadme, installGlobally, NODE, NODE_PATH, packProject } from './packed-install.js';

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command as a shell runs it (cron runs `sh -c`), with only the given environment. */
function sh(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Result> {
  return new Promise((resolve) => {
    execFile('/bin/sh', ['-c', command], { cwd, env, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 2) : 0, stdout, stderr });
    });
  });
}

const exists = (f: string) => access(f).then(() => true, () => false);

let shop: string;
let packed: Promise<string> | undefined;
/** One `npm pack` for both ways of installing. */
const tarball = () => (packed ??= packProject());
/** The README's commands in the shop folder: npx finds the installed shelfcast, never the registry. */
const npx = (args: string, cwd = shop) => sh(`npx shelfcast ${args}`, cwd, { PATH: NODE_PATH, HOME: process.env.HOME, npm_config_offline: 'true' });
/** Runs recorded in the project's history (the installed bin directly: npx costs a second per call). */
const runsIn = async (cwd: string) => JSON.parse((await sh('node_modules/.bin/shelfcast history --json', cwd, { PATH: NODE_PATH })).stdout).runs.length as number;

// The package as users get it: packed, installed into an empty folder, then used with the README's
// commands and the scheduler configuration it prints.
describe(`shelfcast from its packed tarball, in an empty folder (node ${NODE === process.execPath ? process.version : NODE})`, { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const installed = await installAsReadme(await tarball(), await realpath(await mkdtemp(path.join(os.tmpdir(), 'shelfcast-shop-'))));
    shop = installed.shop;
    // Every dependency came from the loopback registry, shelfcast itself from the tarball.
    expect(installed.registry.requested.has('commander')).toBe(true);
    expect(installed.registry.requested.has('shelfcast')).toBe(false);
    // The README's allowScripts line covers every install script in the tree. npm lists
    // shelfcast's `prepare` too, though it runs prepare only for git and folder sources.
    const uncovered = [...installed.stderr.matchAll(/^npm warn install-scripts {3}(\S+)@\S+ \((\w+):/gm)].map((m) => `${m[1]} ${m[2]}`);
    expect(uncovered).toEqual(['shelfcast prepare']);
    // For the record (README): how long the install took here.
    console.info(`the README's install lines, packed shelfcast: ${installed.seconds.toFixed(1)} s`);
  }, 600_000);

  it('ships the built CLI: no build at install, no sources or tests in the package', async () => {
    const pkg = path.join(shop, 'node_modules', 'shelfcast');
    expect(await exists(path.join(pkg, 'dist', 'bundle', 'main.js'))).toBe(true);
    expect(await exists(path.join(pkg, 'dist', 'bundle', 'channel-summaries.json'))).toBe(true);
    for (const absent of ['src', 'test', 'fixtures', 'dist/cli', 'tsconfig.json']) expect(await exists(path.join(pkg, absent)), absent).toBe(false);
    // The stock ledger's native module loads (on this node's ABI its install took the prebuilt binary).
    if (NODE === process.execPath) {
      const sqlite = await sh(`node -e "new (require('better-sqlite3'))(':memory:').close()"`, shop, { PATH: NODE_PATH });
      expect(sqlite.code, sqlite.stderr).toBe(0);
    }
    const v = await npx('--version');
    expect(v.stdout.trim()).toBe(JSON.parse(await readFile(path.join(pkg, 'package.json'), 'utf8')).version);
  });

  it('init, validate and run work there as init prints them', async () => {
    const init = await npx('init');
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('Next:\n  npx shelfcast validate && npx shelfcast run\n');
    // The package.json npm wrote is kept, and lists shelfcast; .gitignore keeps builds and state out.
    expect(JSON.parse(await readFile(path.join(shop, 'package.json'), 'utf8')).devDependencies.shelfcast).toMatch(/^file:/);
    expect((await readFile(path.join(shop, '.gitignore'), 'utf8')).split('\n')).toEqual(expect.arrayContaining(['node_modules/', 'out/', '.shelfcast/']));
    const next = /Next:\n {2}(.+)\n/.exec(init.stderr)![1]!;
    const r = await sh(next, shop, { PATH: NODE_PATH, HOME: process.env.HOME, npm_config_offline: 'true' });
    expect(r.code, r.stderr).toBe(0);
    expect(await readFile(path.join(shop, 'out', 'google.xml'), 'utf8')).toContain('<g:id>TEE-RED-S</g:id>');
    expect(await exists(path.join(shop, 'out', 'meta.csv'))).toBe(true);
    expect(await runsIn(shop)).toBe(1);
  });

  it('the printed crontab lines run as cron runs them: sh -c, with only their PATH', async () => {
    const cron = await npx('schedule --print crontab');
    expect(cron.code, cron.stderr).toBe(0);
    const lines = cron.stdout.split('\n').filter((l) => l && !l.startsWith('#'));
    const searchPath = lines.find((l) => l.startsWith('PATH='))!.slice('PATH='.length);
    const jobs = lines.filter((l) => /^[\d*]/.test(l));
    expect(jobs).toHaveLength(1);
    const before = await runsIn(shop);
    for (const job of jobs) {
      const command = job.split(' ').slice(5).join(' ');
      const r = await sh(command, '/', { PATH: searchPath, HOME: process.env.HOME, SHELL: '/bin/sh', LOGNAME: 'root' });
      expect(r, command).toMatchObject({ code: 0, stdout: '', stderr: '' });
    }
    expect(await runsIn(shop)).toBe(before + 1);
  });

  it('the printed systemd service runs its ExecStart= in its WorkingDirectory= with its Environment=', async () => {
    const units = (await npx('schedule --print systemd')).stdout;
    const service = units.split(/^# --- /m).find((u) => u.includes('.service ---'))!;
    const key = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(service)![1]!;
    const words = key('ExecStart').match(/"(?:[^"\\]|\\.)*"|\S+/g)!.map((w) => (w.startsWith('"') ? JSON.parse(w) : w));
    const [name, value] = key('Environment').split(/=(.*)/) as [string, string];
    const before = await runsIn(shop);
    const r = await new Promise<Result>((resolve) =>
      execFile(words[0]!, words.slice(1), { cwd: key('WorkingDirectory'), env: { [name]: value } }, (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr })),
    );
    expect(r, words.join(' ')).toMatchObject({ code: 0, stderr: '' });
    expect(await runsIn(shop)).toBe(before + 1);
    expect(units).toMatch(/^OnCalendar=\*-\*-\* 00\/6:00:00$/m);
  });

  it.skipIf(!existsSync(path.join(SPECS_DIR, 'github', 'github-workflow.json')))(
    'the printed GitHub Actions workflow is valid and its steps run in the project',
    async () => {
      const printed = await npx('schedule --print github-actions');
      expect(printed.code).toBe(0);
      // package.json lists shelfcast: `npm ci` installs it, no warning.
      expect(printed.stderr).toBe('');
      const wf = parseYaml(printed.stdout);
      expect(errorsOf(vendorAjv().compile(readSpec('github/github-workflow.json')), wf)).toEqual([]);
      const steps = wf.jobs.publish.steps as Array<{ run?: string }>;
      expect(steps.map((s) => s.run).filter(Boolean)[0]).toBe('npm ci');
      expect(await exists(path.join(shop, 'package-lock.json'))).toBe(true);
      // The publish steps, as the runner would after `npm ci` (done above, offline).
      for (const step of steps.filter((s) => s.run?.startsWith('npx '))) {
        const r = await sh(step.run!, shop, { PATH: NODE_PATH, HOME: process.env.HOME, npm_config_offline: 'true', GITHUB_ACTIONS: 'true' });
        expect(r.code, `${step.run}\n${r.stderr}`).toBe(0);
      }
      expect(await exists(path.join(shop, 'shelfcast-report-google-meta.html'))).toBe(true);
    },
  );
});

// `npm install -g <tarball>`: the shelfcast command for the whole machine (README). On another
// node major better-sqlite3's script, which a global install cannot be told to skip, would compile
// SQLite for minutes: this runs on the test runner's node only.
describe.skipIf(NODE !== process.execPath)('shelfcast installed globally from its tarball', { timeout: 180_000 }, () => {
  let prefix: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    prefix = await realpath(await mkdtemp(path.join(os.tmpdir(), 'shelfcast-global-')));
    const installed = await installGlobally(await tarball(), prefix);
    env = { PATH: `${path.join(prefix, 'bin')}${path.delimiter}${NODE_PATH}`, HOME: process.env.HOME };
    console.info(`npm install -g of the packed shelfcast: ${installed.seconds.toFixed(1)} s`);
  }, 600_000);

  it('init <dir> prints the commands for the global shelfcast, and they and the crontab line work', async () => {
    const init = await sh('shelfcast init my-shop', prefix, env);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stderr).toContain('Next:\n  cd my-shop && shelfcast validate && shelfcast run\n');
    // Schedulers elsewhere need the project to depend on shelfcast: init says how.
    expect(init.stderr).toContain('npm install --save-dev');
    const next = /Next:\n {2}(.+)\n/.exec(init.stderr)![1]!;
    const r = await sh(next, prefix, env);
    expect(r.code, r.stderr).toBe(0);
    const project = path.join(prefix, 'my-shop');
    expect(await readFile(path.join(project, 'out', 'google.xml'), 'utf8')).toContain('<g:id>TEE-RED-S</g:id>');
    const cron = await sh('shelfcast schedule --print crontab', project, env);
    const lines = cron.stdout.split('\n');
    const searchPath = lines.find((l) => l.startsWith('PATH='))!.slice('PATH='.length);
    const job = lines.find((l) => /^[\d*]/.test(l))!;
    const ran = await sh(job.split(' ').slice(5).join(' '), '/', { PATH: searchPath, HOME: process.env.HOME, SHELL: '/bin/sh' });
    expect(ran).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const history = JSON.parse((await sh('shelfcast history --json', project, env)).stdout) as { runs: unknown[] };
    expect(history.runs).toHaveLength(2);
  });
});

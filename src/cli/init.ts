import { cp, readdir, readFile, realpath, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ShelfcastError } from '../issues/issue.js';
import type { CommandContext } from './context.js';
import { projectInstall, RUNNING_SCRIPT } from './installation.js';

/** The scaffold shipped with the package (templates/init). */
const TEMPLATE = new URL('../../templates/init/', import.meta.url);

/** What `npm install --save-dev shelfcast...` and `git init` leave in a folder: still a new project. */
const SETUP_FILES = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'node_modules', '.npmrc', '.nvmrc', '.git', '.gitignore']);

/** Built feeds, the state folder, reports of CI runs and the installed packages stay out of git. */
const IGNORED = ['node_modules/', 'out/', '.shelfcast/', 'shelfcast-report-*', 'shelfcast-junit-*'];

async function isNewProject(dir: string): Promise<boolean> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new ShelfcastError(`init: ${dir} exists and is not a folder`);
    return (await readdir(dir)).every((name) => SETUP_FILES.has(name));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

/** Adds the lines .gitignore lacks, keeping the user's own. */
async function writeGitignore(dir: string): Promise<void> {
  const file = path.join(dir, '.gitignore');
  const current = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? '' : Promise.reject(err)));
  const have = new Set(current.split(/\r?\n/).map((l) => l.trim()));
  const missing = IGNORED.filter((line) => !have.has(line) && !have.has(line.replace(/\/$/, '')));
  if (missing.length === 0) return;
  await writeFile(file, `${current}${current && !current.endsWith('\n') ? '\n' : ''}${missing.join('\n')}\n`);
}

/** How the printed commands start shelfcast: `npx shelfcast` for the project's own copy, else the command on PATH or the script. */
async function commandFor(dir: string, env: NodeJS.ProcessEnv): Promise<{ command: string; local: boolean }> {
  const install = await projectInstall(dir);
  if (install.local) return { command: 'npx shelfcast', local: true };
  for (const d of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const found = await realpath(path.join(d, 'shelfcast')).catch(() => undefined);
    if (found === RUNNING_SCRIPT) return { command: 'shelfcast', local: false };
  }
  return { command: RUNNING_SCRIPT, local: false };
}

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .argument('[dir]', 'folder of the new project', '.')
    .description('scaffold a project: shelfcast.yaml, feeds/, a small sample catalog and .gitignore')
    .option('--force', 'write into a folder that is not empty (existing files are kept)')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const target = path.resolve(ctx.io.cwd, dir);
      if (!(await isNewProject(target)) && !opts.force) {
        throw new ShelfcastError(`init: ${target} is not empty (choose an empty folder, or pass --force to add the missing files)`);
      }
      await cp(TEMPLATE, target, { recursive: true, force: false, errorOnExist: false });
      await writeGitignore(target);
      const shown = path.relative(ctx.io.cwd, target) || '.';
      const cd = shown === '.' ? '' : `cd ${shown} && `;
      const { command, local } = await commandFor(target, ctx.io.env);
      ctx.io.stderr(
        [
          `Created a shelfcast project in ${shown}:`,
          '  shelfcast.yaml     the catalog and the shop',
          '  feeds/google.yaml  a Google Shopping feed, published every 6 hours',
          '  feeds/meta.yaml    a Meta catalog feed, published every 6 hours',
          '  catalog.csv        a sample catalog (replace it with your export)',
          '  .gitignore         built feeds (out/) and run state (.shelfcast/) stay out of git',
          'Next:',
          `  ${cd}${command} validate && ${command} run`,
          `Then schedule the runs: ${command} schedule --print crontab (or systemd, github-actions)`,
          ...(local
            ? []
            : [
                'CI and schedulers on other machines need shelfcast as a dependency of the project:',
                `  ${cd}npm install --save-dev <the shelfcast tarball or git URL you installed from>`,
              ]),
          '',
        ].join('\n'),
      );
    });
}

import { cp, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { ShelfcastError } from '../issues/issue.js';
import type { CommandContext } from './context.js';

/** The scaffold shipped with the package (templates/init). */
const TEMPLATE = new URL('../../templates/init/', import.meta.url);

async function isEmptyOrMissing(dir: string): Promise<boolean> {
  try {
    const s = await stat(dir);
    if (!s.isDirectory()) throw new ShelfcastError(`init: ${dir} exists and is not a folder`);
    return (await readdir(dir)).length === 0;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
}

export function registerInit(program: Command, ctx: CommandContext): void {
  program
    .command('init')
    .argument('[dir]', 'folder of the new project', '.')
    .description('scaffold a project: shelfcast.yaml, feeds/ and a small sample catalog')
    .option('--force', 'write into a folder that is not empty (existing files are kept)')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const target = path.resolve(ctx.io.cwd, dir);
      if (!(await isEmptyOrMissing(target)) && !opts.force) {
        throw new ShelfcastError(`init: ${target} is not empty (choose an empty folder, or pass --force to add the missing files)`);
      }
      await cp(TEMPLATE, target, { recursive: true, force: false, errorOnExist: false });
      const shown = path.relative(ctx.io.cwd, target) || '.';
      ctx.io.stderr(
        [
          `Created a shelfcast project in ${shown}:`,
          '  shelfcast.yaml     the catalog and the shop',
          '  feeds/google.yaml  a Google Shopping feed',
          '  feeds/meta.yaml    a Meta catalog feed',
          '  catalog.csv        a sample catalog (replace it with your export)',
          'Next:',
          `  ${shown === '.' ? '' : `cd ${shown} && `}npx shelfcast validate && npx shelfcast run`,
          '',
        ].join('\n'),
      );
    });
}

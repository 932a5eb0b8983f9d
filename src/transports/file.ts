import { makeDir } from '../run/make-dir.js';
import path from 'node:path';
import type { FileDestinationConfig } from './schema.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from './types.js';
import { atomicCopy, removeStaleTemps } from './atomic-copy.js';
import { pushError } from './push-error.js';
import { checkPublishName } from './temp-name.js';
import { ShelfcastError } from '../issues/issue.js';

/** Publishes into a local folder (default: the project's output folder) with atomic renames. */
export function createFileDestination(config: FileDestinationConfig | undefined, feedId: string): Destination {
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const dir = config?.dir ? path.resolve(ctx.root, config.dir) : ctx.outputDir;
      const where = `feeds/${feedId}: destination file://${dir}`;
      if (ctx.dryRun) {
        for (const f of files) ctx.log(`${feedId}: would publish ${f.name} to ${dir}`);
        return { destination: `file://${dir}`, pushed: 0, failed: 0, issues: [] };
      }
      await makeDir(dir);
      for (const f of files) {
        const bad = checkPublishName(f.name);
        if (bad) throw new ShelfcastError(`${where}: cannot publish "${f.name}": the name must be ${bad}`, { exitCode: 1 });
        const target = path.join(dir, f.name);
        await removeStaleTemps(dir, f.name);
        // The build already wrote this very file atomically: nothing to copy.
        if (path.resolve(f.path) === path.resolve(target)) continue;
        try {
          await atomicCopy(f.path, target);
        } catch (cause) {
          throw pushError(where, `cannot publish ${f.name} (the previous file is unchanged)`, cause, []);
        }
        ctx.log(`${feedId}: published ${f.name} to ${dir}`);
      }
      return { destination: `file://${dir}`, pushed: files.length, failed: 0, issues: [] };
    },
  };
}

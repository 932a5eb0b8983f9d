import path from 'node:path';
import { serialize } from 'node:v8';
import type { LoadedFeed, LoadedProject } from '../../config/load.js';
import { ShelfcastError } from '../../issues/issue.js';
import { VERSION } from '../../cli/version.js';
import { runPass, type PassOptions } from '../pass/run-pass.js';
import { catalogSource } from '../read-products.js';
import { encodeFrame } from './unit-frames.js';
import type { ShardFolder } from './shard-folder.js';
import { configFingerprint, fileFingerprint, newManifest, unitsName, type ShardManifest, type ShardSpec } from './shard-set.js';

export interface ShardBuildOptions extends Omit<PassOptions, 'shard' | 'now'> {
  spec: ShardSpec;
  folder: ShardFolder;
  /** The clock of this process; the set's clock (see ShardFolder.clock) wins unless `at` is given. */
  now: () => Date;
  /** `--at TIME`: the clock of the whole shard set, chosen by the caller. */
  at?: Date;
}

/**
 * Shard K of N: the same pass as a one-machine build over the same units, of which this shard
 * processes every N-th (from the K-th); their results are written to the shard folder as the
 * merge will apply them. Nothing of the project's output or state is touched.
 */
export async function buildShard(project: LoadedProject, feeds: LoadedFeed[], options: ShardBuildOptions): Promise<ShardManifest> {
  const { spec, folder } = options;
  const source = catalogSource(project, options.catalog, options.cwd);
  if (/^https?:\/\//i.test(source.location)) {
    throw new ShelfcastError(`${source.location}: a sharded build reads a local catalog file (every shard must read the same bytes): download it first, then pass --catalog FILE`);
  }
  const before = await fileFingerprint(source.location).catch(() => undefined);
  const config = configFingerprint(project, feeds);
  const at = options.at?.toISOString() ?? (await folder.clock(`${(before?.sha256 ?? 'none').slice(0, 16)}-${config.slice(0, 16)}`, options.now()));
  const writer = await folder.writeUnits(spec);
  let units = 0;
  let rows = 0;
  try {
    const pass = await runPass(project, feeds, [], {
      ...options,
      now: new Date(at),
      shard: {
        ...spec,
        sink: async (r) => {
          for (const part of encodeFrame(r)) {
            const w = writer.write(part);
            if (w) await w;
          }
          units++;
          rows += r.rows.length;
        },
      },
    });
    const file = await writer.close();
    const catalog = await fileFingerprint(source.location);
    if (!before || catalog.sha256 !== before.sha256) {
      throw new ShelfcastError(`${source.location}: the catalog changed while shard ${spec.index}/${spec.count} read it; run the shard again once the export is complete`);
    }
    const manifest = newManifest({
      shelfcast: VERSION,
      shard: spec.index,
      shards: spec.count,
      at,
      catalog: { name: path.basename(source.location), ...catalog },
      config,
      ...(pass.allocation ? { stock: configFingerprint(project, [], pass.allocation) } : {}),
      cut: pass.cut!,
      unitSizes: { bytes: options.unitBytes ?? null, rows: options.unitRows ?? null },
      feeds: feeds.map((f) => f.id),
      ...(options.only?.length ? { only: options.only } : {}),
      units,
      rows,
      // What the merge needs besides the units: the header's problems, the main thread's tail issues
      // and which supplemental-source keys this shard's rows matched.
      extras: serialize({ header: pass.header, tail: pass.tail, sourceHits: pass.sourceHits }).toString('base64'),
      file: { name: unitsName(spec), ...file },
      builtAt: options.now().toISOString(),
    });
    await writer.commit();
    await folder.writeManifest(spec, manifest);
    return manifest;
  } catch (err) {
    await writer.discard();
    throw err;
  }
}

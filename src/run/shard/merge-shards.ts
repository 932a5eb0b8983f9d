import os from 'node:os';
import { deserialize } from 'node:v8';
import { selectFeeds, type LoadedFeed, type LoadedProject } from '../../config/load.js';
import type { Issue } from '../../issues/issue.js';
import { ShelfcastError } from '../../issues/issue.js';
import { VERSION } from '../../cli/version.js';
import { createValidator } from '../../product/validate.js';
import type { BuildOptions } from '../build-feeds.js';
import { SourceJoin } from '../../catalog/sources/join-sources.js';
import { loadSources } from '../../catalog/sources/load-sources.js';
import { UnitMerger } from '../pass/merge-units.js';
import { decodeFrame } from './unit-frames.js';
import type { ShardFolder, UnitsReader } from './shard-folder.js';
import { configFingerprint, manifestName, type ShardManifest } from './shard-set.js';

/** A complete, consistent set of shards, ready to merge. */
export interface ShardSet {
  manifests: ShardManifest[];
  feeds: LoadedFeed[];
  /** The clock the shards built with. */
  at: Date;
}

const list = (ns: number[]): string => (ns.length > 8 ? `${ns.slice(0, 8).join(', ')} and ${ns.length - 8} more` : ns.join(', '));

/** What must be the same in every shard, with what to say when it is not. */
const SAME: Array<[keyof ShardManifest | 'unitSizes', string]> = [
  ['shelfcast', 'shelfcast version'],
  ['catalog', 'catalog (its bytes differ: another export)'],
  ['config', 'configuration'],
  ['stock', 'stock allocation (the ledger changed between shards)'],
  ['feeds', 'feeds (--feed)'],
  ['only', '--only'],
  ['unitSizes', 'unit sizes (--unit-bytes, --unit-rows)'],
  ['cut', 'cut of the catalog into units'],
  ['at', 'clock (--at, or the shard folder was shared by two runs)'],
];

/**
 * Reads the N manifests and refuses the set unless every shard is there and all were built from the
 * same catalog bytes, configuration, clock and shelfcast version as one another and as this project.
 */
export async function readShardSet(project: LoadedProject, folder: ShardFolder, count: number): Promise<ShardSet> {
  const specs = Array.from({ length: count }, (_, index) => ({ index, count }));
  const manifests = await Promise.all(specs.map((s) => folder.readManifest(s)));
  const missing = specs.filter((s) => !manifests[s.index]).map((s) => s.index);
  const where = folder.dir;
  if (missing.length) {
    const which = missing.length === count ? `no shard of ${count} is there` : `shard${missing.length > 1 ? 's' : ''} ${list(missing)} of ${count} ${missing.length === 1 ? 'is' : 'are'} not there`;
    const others = missing.length === count ? await folder.counts() : [];
    const hint = others.length ? ` (the folder holds shards of a build cut into ${others.join(', ')}: merge with that --shards)` : '';
    throw new MissingShards(
      `${where}: ${which} (no ${manifestName(specs[missing[0]!]!)})${hint}: run ${missing.length === 1 ? 'it' : 'them'} (shelfcast build --shard K/${count} --shard-dir ${where}) and merge again; a shard still running is not done yet`,
    );
  }
  const all = manifests as ShardManifest[];
  const first = all[0]!;
  for (const m of all) {
    if (m.version !== first.version || m.shards !== count) {
      throw new ShelfcastError(`${where}: ${manifestName({ index: m.shard, count })} was written for --shards ${m.shards} by shelfcast ${m.shelfcast}; build every shard again with the same shelfcast`);
    }
  }
  for (const [key, what] of SAME) {
    const want = JSON.stringify(first[key]);
    const odd = all.filter((m) => JSON.stringify(m[key]) !== want).map((m) => m.shard);
    if (odd.length) {
      throw new ShelfcastError(`${where}: the shards are of different builds: shard${odd.length > 1 ? 's' : ''} ${list(odd)} differ from shard 0 in the ${what}; run ${odd.length > 1 ? 'those shards' : 'that shard'} (or all of them) again from the same catalog and configuration`);
    }
  }
  if (first.shelfcast !== VERSION) throw new ShelfcastError(`${where}: the shards were built by shelfcast ${first.shelfcast}, this is ${VERSION}: merge with the version that built them`);
  if (first.endianness !== os.endianness()) throw new ShelfcastError(`${where}: the shards were built on a ${first.endianness} host and cannot be merged on this ${os.endianness()} one`);
  const feeds = selectFeeds(project, first.feeds);
  if (configFingerprint(project, feeds) !== first.config) {
    throw new ShelfcastError(`${where}: the shards were built with another configuration than ${project.configFile} (its feeds, rules or settings differ): merge with the configuration the shards used, or build them again`);
  }
  return { manifests: all, feeds, at: new Date(first.at) };
}

/**
 * The merge as the pass of buildFeeds: the shards' unit results, read back in catalog order
 * (unit s from shard s mod N), go through the same UnitMerger a one-machine pass uses, so the
 * duplicate-id check, counts, issue logs, record leads and splits come out byte for byte alike.
 */
export function mergePass(folder: ShardFolder, set: ShardSet): NonNullable<BuildOptions['pass']> {
  return async (project, _feeds, targets, options) => {
    const validator = createValidator({ locale: project.config.catalog.locale, currency: project.config.catalog.currency });
    const merger = new UnitMerger(validator, targets, options.onProgress);
    const extras = set.manifests.map((m) => deserialize(Buffer.from(m.extras, 'base64')) as ShardExtras);
    if (extras[0]!.header.length) merger.headerIssues = extras[0]!.header;
    const n = set.manifests.length;
    const total = set.manifests.reduce((k, m) => k + m.units, 0);
    const readers: UnitsReader[] = [];
    try {
      for (const m of set.manifests) readers.push(await folder.openUnits({ index: m.shard, count: n }));
      for (let seq = 0; seq < total; seq++) {
        const shard = seq % n;
        const frame = await readers[shard]!.next();
        if (!frame) throw damaged(folder, set.manifests[shard]!, `it ends before unit ${seq}`);
        const result = decodeFrame(frame);
        if (result.seq !== seq) throw damaged(folder, set.manifests[shard]!, `unit ${result.seq} came where unit ${seq} belongs`);
        await merger.apply(result);
      }
      for (let k = 0; k < n; k++) {
        const m = set.manifests[k]!;
        if (await readers[k]!.next()) throw damaged(folder, m, 'it holds more units than its manifest says');
        const got = readers[k]!.digest();
        if (got.bytes !== m.file.bytes || got.sha256 !== m.file.sha256) throw damaged(folder, m, 'its units file is not the one its manifest describes (the shard is being written again?)');
      }
    } finally {
      for (const r of readers) await r.close();
    }
    merger.finish([...extras[0]!.tail, ...(await joinIssues(project, extras, folder.dir))]);
    return { counts: merger.counts, issues: merger.issues, header: extras[0]!.header, tail: extras[0]!.tail };
  };
}

/** What a shard's manifest carries besides its units (build-shard). */
interface ShardExtras {
  header: Issue[];
  tail: Issue[];
  sourceHits?: Uint8Array[];
}

/**
 * The supplemental sources' issues of the whole build: the sources' own rows (alike in every shard),
 * and the keys that no shard's rows matched. The sources are read again for their keys and rows.
 */
async function joinIssues(project: LoadedProject, extras: ShardExtras[], shown: string): Promise<Issue[]> {
  if (!extras[0]!.sourceHits) return [];
  const loaded = await loadSources(project);
  if (!loaded) return [];
  const join = new SourceJoin(loaded.join);
  try {
    for (const e of extras) join.addHits(e.sourceHits ?? []);
  } catch (err) {
    throw new ShelfcastError(`${shown}: ${(err as Error).message}; build the shards again`);
  }
  return [...loaded.issues, ...join.unmatched()];
}

/** Some shards are not (yet) there: the one refusal that waiting may cure. */
export class MissingShards extends ShelfcastError {}

/**
 * readShardSet, waiting up to `waitMs` for shards still running (the merge started beside them,
 * as index 0 of a Kubernetes Indexed Job does), looking again every `everyMs`.
 */
export async function waitForShardSet(project: LoadedProject, folder: ShardFolder, count: number, waitMs: number, everyMs = 5000): Promise<ShardSet> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await readShardSet(project, folder, count);
    } catch (err) {
      if (!(err instanceof MissingShards) || Date.now() + everyMs > deadline) throw err;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  }
}

const damaged = (folder: ShardFolder, m: ShardManifest, what: string): ShelfcastError =>
  new ShelfcastError(`${folder.dir}: shard ${m.shard}/${m.shards}: ${what}; run that shard again and merge again`);

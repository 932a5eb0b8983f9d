import { makeDir } from './make-dir.js';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, copyFile, link, readdir, readFile, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import { ShelfcastError } from '../issues/issue.js';
import { AtomicFile } from './atomic-file.js';
import { partName } from './feed-output.js';
import type { PublishedSummary } from './published-summary.js';
import { feedStateDir, ITEM_INDEX_FILE, LEGACY_SNAPSHOT_FILE, SUMMARY_FILE } from './state-paths.js';

/** How many published versions of each feed are kept for `rollback`; default 5. */
export const DEFAULT_KEEP_VERSIONS = 5;

/** One kept version: the published files and the state files (item index, summary) of that publish. */
export interface FeedVersion extends PublishedSummary {
  /** Absolute folder holding the files (`<state>/feeds/<id>/versions/<runId>`). */
  dir: string;
}

const VERSION_FILE = 'version.json';
/**
 * State files of a publish kept with the feed, so a rollback also restores plan and the guard.
 * Versions kept before the item index hold the legacy snapshot instead of the index.
 */
const STATE_FILES = [ITEM_INDEX_FILE, LEGACY_SNAPSHOT_FILE, SUMMARY_FILE] as const;
/** What plan reads the published items from: one of them, the one the restored version kept. */
const ITEM_STATE_FILES: ReadonlySet<string> = new Set([ITEM_INDEX_FILE, LEGACY_SNAPSHOT_FILE]);

export const versionsDir = (stateDir: string, feedId: string): string => path.join(feedStateDir(stateDir, feedId), 'versions');

/**
 * A hard link costs no space and stays the old content: every publish replaces files by rename,
 * never in place. Where links are impossible (another filesystem, no permission) it is a copy.
 */
async function keepFile(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

/** A version folder being written: hidden, so listVersions never reads it. */
const TEMP_PREFIX = '.';
const TEMP_SUFFIX = '.tmp';

/**
 * Removes the temporary version folders runs killed while keeping a version left behind. A version
 * is kept only by a publish (build, run), which holds the run lock, so no live run owns one of them.
 */
async function removeTempVersions(root: string): Promise<void> {
  const names = await readdir(root).catch(() => [] as string[]);
  for (const name of names) if (name.startsWith(TEMP_PREFIX) && name.endsWith(TEMP_SUFFIX)) await rm(path.join(root, name), { recursive: true, force: true });
}

/**
 * Keeps the files just published (after the atomic commit) as the newest version of the feed and
 * removes all but the newest `keep`. The version folder appears whole or not at all (written under
 * a temporary name, then renamed).
 */
export async function keepVersion(stateDir: string, feedId: string, published: PublishedSummary, filePaths: readonly string[], keep = DEFAULT_KEEP_VERSIONS): Promise<void> {
  const root = versionsDir(stateDir, feedId);
  const final = path.join(root, published.runId);
  await removeTempVersions(root);
  const temp = path.join(root, `${TEMP_PREFIX}${published.runId}.${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
  await makeDir(temp);
  try {
    for (const file of filePaths) await keepFile(file, path.join(temp, path.basename(file)));
    const state = feedStateDir(stateDir, feedId);
    for (const name of STATE_FILES) {
      await keepFile(path.join(state, name), path.join(temp, `state.${name}`)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    }
    await writeJson(path.join(temp, VERSION_FILE), published);
    await rm(final, { recursive: true, force: true });
    await rename(temp, final);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    throw new ShelfcastError(`${root}: cannot keep the published version of feed "${feedId}": ${(err as Error).message} (check that the state folder is writable)`, { cause: err, exitCode: 1 });
  }
  const versions = await listVersions(stateDir, feedId);
  for (const old of versions.slice(Math.max(1, keep))) await rm(old.dir, { recursive: true, force: true });
}

/** Kept versions of a feed, newest first. */
export async function listVersions(stateDir: string, feedId: string): Promise<FeedVersion[]> {
  const root = versionsDir(stateDir, feedId);
  let names: string[];
  try {
    names = (await readdir(root)).filter((n) => !n.startsWith('.'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const versions: Array<FeedVersion & { order: number }> = [];
  for (const name of names) {
    const dir = path.join(root, name);
    try {
      const v = JSON.parse(await readFile(path.join(dir, VERSION_FILE), 'utf8')) as PublishedSummary & { keptAt?: number };
      versions.push({ ...v, dir, order: v.keptAt ?? 0 });
    } catch {
      // A folder without its version.json is not a kept version (never happens after the rename).
    }
  }
  return versions
    .sort((a, b) => b.at.localeCompare(a.at) || b.order - a.order)
    .map(({ order: _order, ...v }) => v);
}

/**
 * The version `rollback` restores: the one kept for run `to`, or else the one published before the
 * current one. Throws (exit 2) when there is none, naming the kept runs.
 */
export async function pickVersion(stateDir: string, feedId: string, currentRunId: string | undefined, to?: string): Promise<FeedVersion> {
  const versions = await listVersions(stateDir, feedId);
  const ids = versions.map((v) => v.runId);
  if (to) {
    const v = versions.find((x) => x.runId === to || x.runId.startsWith(to));
    if (!v) throw new ShelfcastError(`rollback: feed "${feedId}" has no kept version of run "${to}" (kept: ${ids.join(', ') || 'none'}; see \`shelfcast history --feed ${feedId}\`)`);
    return v;
  }
  // The version before the current one, so a second rollback goes one further back.
  const current = versions.findIndex((x) => x.runId === currentRunId);
  const v = current >= 0 ? versions[current + 1] : versions.find((x) => x.runId !== currentRunId);
  if (!v) throw new ShelfcastError(`rollback: feed "${feedId}" has no earlier published version to go back to (kept: ${ids.join(', ') || 'none'})`);
  return v;
}

/** Path of a kept state file (item index, legacy snapshot, summary) of a version; it may not exist. */
export const versionStateFile = (v: FeedVersion, name: (typeof STATE_FILES)[number]): string => path.join(v.dir, `state.${name}`);

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

/** Copies a kept file into an AtomicFile (temp name next to the target), not yet committed. */
async function stage(from: string, to: string): Promise<AtomicFile> {
  const f = await AtomicFile.create(to);
  try {
    for await (const chunk of createReadStream(from, { encoding: 'utf8' })) {
      const flushing = f.write(chunk as string);
      if (flushing) await flushing;
    }
    await f.close();
  } catch (err) {
    await f.discard();
    throw err;
  }
  return f;
}

/**
 * Puts a kept version back in place the way a build publishes: every file staged under a temporary
 * name, then renamed over the current one (readers see the old feed or the restored one, never a
 * mix), trailing parts of a longer current feed removed, and the feed's state files restored.
 * Returns the absolute paths of the restored feed files.
 */
export async function restoreVersion(v: FeedVersion, stateDir: string, feedId: string, outDir: string, fileName: string): Promise<string[]> {
  const staged: AtomicFile[] = [];
  const stale: string[] = [];
  try {
    for (const f of v.files) staged.push(await stage(path.join(v.dir, f.name), path.join(outDir, f.name)));
    for (const name of STATE_FILES) {
      const kept = versionStateFile(v, name);
      const current = path.join(feedStateDir(stateDir, feedId), name);
      if (await exists(kept)) staged.push(await stage(kept, current));
      // An index of the newer publish must not stay beside the snapshot of an older one (or the reverse).
      else if (ITEM_STATE_FILES.has(name)) stale.push(current);
    }
  } catch (err) {
    for (const f of staged) await f.discard();
    throw new ShelfcastError(`${v.dir}: cannot restore version ${v.runId} of feed "${feedId}": ${(err as Error).message}; the published feed is unchanged`, { cause: err, exitCode: 1 });
  }
  for (const f of staged) await f.commit();
  for (const file of stale) await rm(file, { force: true });
  for (let n = v.files.length + 1; ; n++) {
    try {
      await unlink(path.join(outDir, partName(fileName, n)));
    } catch {
      break;
    }
  }
  return v.files.map((f) => path.join(outDir, f.name));
}

async function writeJson(file: string, value: PublishedSummary): Promise<void> {
  // keptAt orders versions published within the same second (or under a pinned clock).
  await AtomicFile.writeWhole(file, `${JSON.stringify({ ...value, keptAt: Date.now() }, null, 2)}\n`);
}

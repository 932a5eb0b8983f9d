import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { feedStateDir } from './state-paths.js';

/** AtomicFile's temp names: `.<final name>.<12 hex>.tmp` (see atomic-file.ts). */
const TEMP = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/** The final name an AtomicFile temp file was meant to become, or undefined for any other file. */
export function tempTarget(entry: string): string | undefined {
  return TEMP.exec(entry)?.[1];
}

/** True for `google.xml` and its split parts `google.part-2.xml`, `google.part-3.xml`... */
function isPartOf(target: string, fileName: string): boolean {
  if (target === fileName) return true;
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  return target.startsWith(`${stem}.part-`) && target.endsWith(ext) && /^\d+$/.test(target.slice(stem.length + 6, target.length - ext.length));
}

/**
 * Removes the temp files a killed run left in `dir` whose final name `keep` accepts. Only safe
 * under the run lock (no live run writes there). Returns the removed names, for a log line.
 */
export async function sweepStaleTemps(dir: string, keep: (target: string) => boolean): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return []; // no folder yet: nothing was left behind
  }
  const stale = entries.filter((e) => {
    const target = tempTarget(e);
    return target !== undefined && keep(target);
  });
  await Promise.all(stale.map((e) => rm(path.join(dir, e), { force: true })));
  return stale;
}

/**
 * Before a feed is built: removes what a killed run left of it, the temp files of its output
 * file (and parts) in the output folder and of its snapshot in its state folder. Files of other
 * feeds sharing the output folder are not touched.
 */
export async function sweepFeedTemps(outDir: string, state: string, feed: { id: string; fileName: string }): Promise<string[]> {
  const out = await sweepStaleTemps(outDir, (target) => isPartOf(target, feed.fileName));
  const kept = await sweepStaleTemps(feedStateDir(state, feed.id), () => true);
  return [...out, ...kept];
}

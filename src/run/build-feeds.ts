import type { LoadedFeed, LoadedProject } from '../config/load.js';
import { feedTarget } from './feed-processor.js';
import { feedSerializer } from './feed-serializer.js';
import { FeedOutput } from './feed-output.js';
import { IssueLog } from './issue-log.js';
import { ItemIndexWriter } from './item-index.js';
import type { MergeTarget } from './pass/merge-units.js';
import { runPass, type PassOptions, type PassResult } from './pass/run-pass.js';
import { stateDir } from './state-paths.js';

export interface BuildOptions extends PassOptions {
  /** Folder the feeds are written to. */
  outDir: string;
  /** Write the item index and the publish summary (for plan, the guard and rollback); off for `validate` and `--only`. */
  snapshot: boolean;
  /** What fills the feeds: the pass over the catalog (default), or the merge of a sharded build's results. */
  pass?: (project: LoadedProject, feeds: LoadedFeed[], targets: MergeTarget[], options: PassOptions) => Promise<PassResult>;
}

export interface BuiltFeed extends MergeTarget {
  feed: LoadedFeed;
  snapshot?: ItemIndexWriter;
}

export interface BuildResult {
  items: { total: number; valid: number; invalid: number };
  /** Catalog issues (reading, mapping, validation). */
  issues: IssueLog;
  feeds: BuiltFeed[];
}

/**
 * `amazon.json` -> `amazon.update.json`: a partial update (`--only price,quantity`) is written
 * beside the full feed, never over it, so the full feed and its snapshot stay what was published.
 */
export function partialName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}.update${fileName.slice(dot)}` : `${fileName}.update`;
}

/**
 * The one pass: read and validate the catalog once, and fan every valid product out to every
 * feed's rules, channel map and streaming serializer. Files are complete but not yet in place when
 * this returns: the caller commits or discards each feed (after the publish guard).
 */
export async function buildFeeds(project: LoadedProject, feeds: LoadedFeed[], options: BuildOptions): Promise<BuildResult> {
  const state = stateDir(project);
  const built: BuiltFeed[] = [];
  try {
    for (const feed of feeds) {
      const serializer = feedSerializer(project, feed, feedTarget(feed, options.only));
      const output = new FeedOutput(options.outDir, options.only ? partialName(feed.fileName) : feed.fileName, feed.format, serializer);
      const snapshot = options.snapshot ? await ItemIndexWriter.create(state, feed.id) : undefined;
      built.push({ feed, output, snapshot, index: snapshot, items: 0, records: 0, excluded: 0, filtered: 0, issues: new IssueLog() });
    }
    const pass = await (options.pass ?? runPass)(project, feeds, built, options);
    for (const b of built) await b.output.close();
    return { items: pass.counts, issues: pass.issues, feeds: built };
  } catch (err) {
    for (const b of built) {
      await b.output.discard();
      await b.snapshot?.discard();
    }
    throw err;
  }
}

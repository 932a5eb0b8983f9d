import path from 'node:path';
import type { LoadedFeed, LoadedProject } from '../config/load.js';
import { error, warning, type Issue } from '../issues/issue.js';
import { createDestination } from '../transports/registry.js';
import type { PublishResult } from '../transports/types.js';
import type { BuiltFeed, BuildResult } from './build-feeds.js';
import { checkPublishGuard } from './guard.js';
import { readPublishedSummary } from './published-summary.js';
import { outputDir, stateDir } from './state-paths.js';
import { keepVersion } from './versions.js';

export interface PublishOptions {
  runId: string;
  now: () => Date;
  /** Build and check, replace nothing, send nothing. */
  dryRun: boolean;
  /** Publish even when the guard refuses (and say so). */
  force: boolean;
  /** Push to each feed's configured destination (run); false for build (local files only). */
  push: boolean;
  /** API pushes send every item, not only the changed ones (`--full`); default false. */
  full?: boolean;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}

export interface FeedOutcome {
  id: string;
  channel: string;
  format: string;
  files: Array<{ name: string; bytes: number; sha256: string }>;
  /** Items in the feed. */
  items: number;
  records: number;
  excluded: number;
  filtered: number;
  /** written: in place locally; published: also pushed; refused: the guard stopped it; planned: dry run; failed. */
  status: 'written' | 'published' | 'refused' | 'planned' | 'failed';
  destination?: string;
  pushed?: number;
  failed?: number;
  issueCounts: Record<string, number>;
}

/**
 * After the pass: for each feed, the publish guard against what was last published, then the
 * atomic replacement of the local files, the item index and summary, and (for `run`) the push. A feed that
 * fails never stops the others.
 */
export async function publishFeeds(project: LoadedProject, build: BuildResult, options: PublishOptions): Promise<{ outcomes: FeedOutcome[]; issues: Issue[] }> {
  const outcomes: FeedOutcome[] = [];
  const issues: Issue[] = [];
  const state = stateDir(project);
  for (const b of build.feeds) {
    const outcome = baseOutcome(b);
    outcomes.push(outcome);
    const previous = await readPublishedSummary(state, b.feed.id);
    const verdict = checkPublishGuard(
      previous ? { items: previous.items } : undefined,
      { items: b.items, rejected: b.excluded + build.items.invalid, total: build.items.total },
      b.feed.config.guard,
    );
    if (!verdict.ok && !options.force) {
      issues.push(error(verdict.code, `${verdict.reason}; the published feed was left as it was (check the catalog, or run again with --force to publish anyway)`, { feed: b.feed.id }));
      outcome.status = 'refused';
      await discard(b);
      continue;
    }
    if (!verdict.ok) options.log(`${b.feed.id}: publishing despite the guard (--force): ${verdict.reason}`);
    if (options.dryRun) {
      outcome.status = 'planned';
      await discard(b);
      continue;
    }
    await b.output.commit();
    const published = { runId: options.runId, at: options.now().toISOString(), items: b.items, files: outcome.files };
    // A partial update (--only) is neither the indexed feed nor a version to roll back to.
    if (b.snapshot) await b.snapshot.commit(published);
    // The feed is published already; a version that cannot be kept only limits a later rollback.
    if (b.snapshot) await keepVersion(state, b.feed.id, published, b.output.files.map((f) => f.finalPath), b.feed.config.keep_versions).catch((err: Error) =>
      issues.push(warning('version.not_kept', err.message, { feed: b.feed.id })),
    );
    outcome.status = 'written';
    if (!options.push || !b.feed.config.destination) continue;
    try {
      const result = await pushFeed(project, b.feed, b.output.files.map((f) => f.finalPath), options);
      outcome.status = result.failed > 0 ? 'failed' : 'published';
      outcome.destination = result.destination;
      outcome.pushed = result.pushed;
      outcome.failed = result.failed;
      issues.push(...result.issues.map((i) => ({ ...i, feed: i.feed ?? b.feed.id })));
    } catch (err) {
      outcome.status = 'failed';
      issues.push(error('push.failed', `push failed: ${(err as Error).message}`, { feed: b.feed.id }));
    }
  }
  return { outcomes, issues };
}

function baseOutcome(b: BuiltFeed): FeedOutcome {
  return {
    id: b.feed.id,
    channel: b.feed.channel.id,
    format: b.feed.format.id,
    files: b.output.files.map((f) => ({ name: path.basename(f.finalPath), bytes: f.bytes, sha256: f.sha256 })),
    items: b.items,
    records: b.records,
    excluded: b.excluded,
    filtered: b.filtered,
    status: 'written',
    issueCounts: b.issues.counts(),
  };
}

async function discard(b: BuiltFeed): Promise<void> {
  await b.output.discard();
  await b.snapshot?.discard();
}

/** Sends a feed's files (in place in the output folder) to its destination; `rollback` uses it too. */
export async function pushFeed(project: LoadedProject, feed: LoadedFeed, filePaths: readonly string[], options: Pick<PublishOptions, 'dryRun' | 'env' | 'log' | 'now' | 'full'>): Promise<PublishResult> {
  const destination = await createDestination(feed.config.destination, feed.id);
  const files = filePaths.map((f) => ({ path: f, name: path.basename(f), contentType: feed.format.contentType, serializer: feed.format.serializer }));
  return destination.publish(files, {
    feedId: feed.id,
    env: options.env,
    root: project.root,
    stateDir: stateDir(project),
    outputDir: outputDir(project),
    dryRun: options.dryRun,
    full: options.full,
    log: options.log,
    now: options.now,
  });
}

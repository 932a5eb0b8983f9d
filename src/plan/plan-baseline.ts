import { access } from 'node:fs/promises';
import path from 'node:path';
import type { FeedRecord, FeedTarget } from '../channels/define-channel.js';
import type { LoadedFeed, LoadedProject } from '../config/load.js';
import { warning, type Issue } from '../issues/issue.js';
import { feedSerializer } from '../run/feed-serializer.js';
import { documentWriter } from '../serializers/serializer.js';
import { itemIndexPath, openItemIndex, type IndexedFiles, type OpenedItemIndex } from '../run/item-index.js';
import { readLegacySnapshot } from '../run/legacy-snapshot.js';
import { feedStateDir, LEGACY_SNAPSHOT_FILE, outputDir, stateDir } from '../run/state-paths.js';
import { diffRecords, PlanBuilder, type FeedPlan } from '../rules/record-diff.js';
import { createItemParser } from '../serializers/item-parser.js';
import { compareKeys, compareWithCopy } from './compare-published.js';
import { ChangedFile } from './part-reader.js';
import { findPublishedCopies, type CopyProblem, type PublishedCopy } from './published-copies.js';

/** What plan compares one feed's next records with. */
export interface PlanBaseline {
  /** Keeps what the comparison needs of one record of the next run. */
  add(key: string, record: FeedRecord): void;
  /** The feed's plan once every next record was added, with warnings for what could not be compared. */
  finish(): Promise<{ plan: FeedPlan; issues: Issue[] }>;
}

/**
 * Chosen before the catalog is read, since it decides what is kept of each next record: the item
 * index of the last publish with a copy of its files (the records, serialized as they are
 * compared), the index alone when no copy is left (the keys), the snapshot of a version before
 * the index (the records), or nothing (the keys).
 */
export async function openBaseline(project: LoadedProject, feed: LoadedFeed, target: FeedTarget): Promise<PlanBaseline> {
  const state = stateDir(project);
  const index = await openItemIndex(itemIndexPath(state, feed.id));
  if (!index) {
    if (await exists(path.join(feedStateDir(state, feed.id), LEGACY_SNAPSHOT_FILE))) return legacyBaseline(state, feed);
    return keysBaseline(feed.id);
  }
  const { indexed } = index;
  const { copies, problems } = await findPublishedCopies(state, outputDir(project), feed.id, indexed);
  if (copies.length === 0) return keysBaseline(feed.id, index, unavailable(project, feed.id, indexed, problems));
  return textBaseline(project, feed, target, index, copies, (changed) => unavailable(project, feed.id, indexed, [...problems, ...changed]));
}

/** Keys only: a feed never published (every item added), or one whose published files are gone. */
function keysBaseline(feedId: string, index?: OpenedItemIndex, issue?: Issue): PlanBaseline {
  const keys = new Set<string>();
  return {
    add: (key) => void keys.add(key),
    async finish() {
      if (!index) return { plan: new PlanBuilder(feedId).plan(keys, false), issues: [] };
      try {
        return { plan: await compareKeys(feedId, index, keys), issues: issue ? [issue] : [] };
      } finally {
        await index.close();
      }
    },
  };
}

/** Projects published before the item index: records against the records of the snapshot. */
function legacyBaseline(state: string, feed: LoadedFeed): PlanBaseline {
  const next = new Map<string, FeedRecord>();
  return {
    add: (key, record) => void next.set(key, record),
    finish: async () => ({ plan: await diffRecords(feed.id, readLegacySnapshot(state, feed.id), next, feed.channel.locators), issues: [] }),
  };
}

/**
 * Texts against the published texts, read from the first copy of the files that still holds what
 * was published; keys only (and the warning `gone` makes) when none does.
 */
function textBaseline(
  project: LoadedProject,
  feed: LoadedFeed,
  target: FeedTarget,
  index: OpenedItemIndex,
  copies: readonly PublishedCopy[],
  gone: (changed: CopyProblem[]) => Issue,
): PlanBaseline {
  const serializer = feedSerializer(project, feed, target);
  const parser = createItemParser(feed.format.serializer, serializer.header());
  const records = new Map<string, FeedRecord>();
  // An item's text as a document writes it (with what its place adds), which the parser expects.
  const writer = documentWriter(serializer);
  const text = (record: FeedRecord): string => parser.body(writer.item(record));
  return {
    add: (key, record) => void records.set(key, record),
    async finish() {
      const changed: CopyProblem[] = [];
      try {
        for (const copy of copies) {
          // Serializers keep per-document state (separators, Amazon's message ids): each pass is a new document.
          writer.header();
          try {
            const r = await compareWithCopy(feed.id, index, copy, { serializer: feed.format.serializer, records, text, parser, locators: serializer.locators ?? [] });
            return { plan: r.plan, issues: r.unreadable.count ? [unreadable(feed.id, r.unreadable.count, r.unreadable.first!)] : [] };
          } catch (err) {
            if (!(err instanceof ChangedFile)) throw err;
            changed.push({ file: err.file, why: err.why });
          }
        }
        return { plan: await compareKeys(feed.id, index, records), issues: [gone(changed)] };
      } finally {
        await index.close();
      }
    },
  };
}

function unavailable(project: LoadedProject, feedId: string, indexed: IndexedFiles, problems: readonly CopyProblem[]): Issue {
  const where = problems.map((p) => `${path.relative(project.root, p.file) || '.'}: ${p.why}`).join('; ');
  return warning(
    'plan.published_files_unavailable',
    `the files of the last publish (run ${indexed.runId}) are gone or were changed outside shelfcast (${where}): field-level changes cannot be shown, plan compares item ids only`,
    {
      feed: feedId,
      // The output folder's file comes last: the one people look at.
      file: problems.length ? path.relative(project.root, problems[problems.length - 1]!.file) : undefined,
      fix: `Put the published files back as they were, or build the feed again (\`shelfcast build --feed ${feedId}\`): plan compares fields against that publish.`,
    },
  );
}

function unreadable(feedId: string, count: number, first: string): Issue {
  return warning('plan.item_unreadable', `${count} changed item(s) could not be read back into fields (first: ${first}); they are listed as changed, with their whole text`, {
    feed: feedId,
    fix: 'Both texts come from shelfcast, so this is a bug: please report it with `shelfcast --version` and the feed format.',
  });
}

const exists = (file: string): Promise<boolean> =>
  access(file).then(
    () => true,
    () => false,
  );

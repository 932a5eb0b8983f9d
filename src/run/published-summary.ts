import path from 'node:path';
import { AtomicFile } from './atomic-file.js';
import { feedStateDir, SUMMARY_FILE } from './state-paths.js';
import { readJsonIfExists } from '../util/read-if-exists.js';

/** What was last published for a feed, for the publish guard, `status` and `rollback`. */
export interface PublishedSummary {
  runId: string;
  at: string;
  items: number;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

export async function readPublishedSummary(stateDir: string, feedId: string): Promise<PublishedSummary | undefined> {
  return readJsonIfExists<PublishedSummary>(
    path.join(feedStateDir(stateDir, feedId), SUMMARY_FILE),
    `the record of what feed "${feedId}" last published`,
    'restore it from a backup, or delete it (the next run that publishes the feed writes it again)',
  );
}

export async function writePublishedSummary(stateDir: string, feedId: string, summary: PublishedSummary): Promise<void> {
  await AtomicFile.writeWhole(path.join(feedStateDir(stateDir, feedId), SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`, { hash: false });
}

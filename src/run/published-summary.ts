import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AtomicFile } from './atomic-file.js';
import { feedStateDir, SUMMARY_FILE } from './state-paths.js';

/** What was last published for a feed, for the publish guard, `status` and `rollback`. */
export interface PublishedSummary {
  runId: string;
  at: string;
  items: number;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

export async function readPublishedSummary(stateDir: string, feedId: string): Promise<PublishedSummary | undefined> {
  try {
    return JSON.parse(await readFile(path.join(feedStateDir(stateDir, feedId), SUMMARY_FILE), 'utf8')) as PublishedSummary;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function writePublishedSummary(stateDir: string, feedId: string, summary: PublishedSummary): Promise<void> {
  await AtomicFile.writeWhole(path.join(feedStateDir(stateDir, feedId), SUMMARY_FILE), `${JSON.stringify(summary, null, 2)}\n`, { hash: false });
}

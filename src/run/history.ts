import path from 'node:path';
import { AtomicFile } from './atomic-file.js';
import type { FeedOutcome } from './publish-feeds.js';

/** One run as recorded in `<state>/runs/<runId>.json`: what history, status and reports read. */
export interface RunRecord {
  runId: string;
  command: string;
  dryRun: boolean;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  items: { total: number; valid: number; invalid: number };
  feeds: FeedOutcome[];
}

export async function recordRun(stateDir: string, record: RunRecord): Promise<void> {
  const file = await AtomicFile.create(path.join(stateDir, 'runs', `${record.runId}.json`));
  file.write(`${JSON.stringify(record, null, 2)}\n`);
  await file.close();
  await file.commit();
}

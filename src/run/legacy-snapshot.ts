import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { FeedRecord } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import { feedStateDir, LEGACY_SNAPSHOT_FILE } from './state-paths.js';

/**
 * Streams the records of the last publish from the snapshot that versions before the item index
 * wrote (`{"id":..,"record":{..}}` per line), so a project published by them still gets a plan.
 * Nothing when the file is absent.
 */
export async function* readLegacySnapshot(stateDir: string, feedId: string): AsyncGenerator<{ id: string; record: FeedRecord }> {
  const file = path.join(feedStateDir(stateDir, feedId), LEGACY_SNAPSHOT_FILE);
  let stream;
  try {
    stream = createReadStream(file, { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream!.once('open', () => resolve());
      stream!.once('error', reject);
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  let n = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    n++;
    if (!line) continue;
    let entry: { id: string; record: FeedRecord };
    try {
      entry = JSON.parse(line) as { id: string; record: FeedRecord };
    } catch (cause) {
      throw new ShelfcastError(`${file}:${n}: not a snapshot line (the file is damaged); delete it, and the next build writes the item index instead`, { cause });
    }
    yield entry;
  }
}

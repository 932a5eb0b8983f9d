import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { FeedRecord } from '../channels/define-channel.js';
import { AtomicFile } from './atomic-file.js';
import { feedStateDir } from './state-paths.js';

/**
 * What was last published for a feed: the records (one NDJSON line each, keyed by item id) for
 * `plan` and deltas, and a small summary for the publish guard and `status`.
 */
export interface PublishedSummary {
  runId: string;
  at: string;
  items: number;
  files: Array<{ name: string; bytes: number; sha256: string }>;
}

const SNAPSHOT = 'snapshot.ndjson';
const SUMMARY = 'published.json';

/** Streams the records of the last published feed; nothing when the feed was never published. */
export async function* readSnapshot(stateDir: string, feedId: string): AsyncGenerator<{ id: string; record: FeedRecord }> {
  const file = path.join(feedStateDir(stateDir, feedId), SNAPSHOT);
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
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line) as { id: string; record: FeedRecord };
  }
}

export async function readPublishedSummary(stateDir: string, feedId: string): Promise<PublishedSummary | undefined> {
  try {
    return JSON.parse(await readFile(path.join(feedStateDir(stateDir, feedId), SUMMARY), 'utf8')) as PublishedSummary;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** Writes the snapshot while the feed is built; becomes current only with commit(). */
export class SnapshotWriter {
  private constructor(
    private readonly file: AtomicFile,
    private readonly dir: string,
  ) {}

  static async create(stateDir: string, feedId: string): Promise<SnapshotWriter> {
    const dir = feedStateDir(stateDir, feedId);
    return new SnapshotWriter(await AtomicFile.create(path.join(dir, SNAPSHOT)), dir);
  }

  async add(id: string, record: FeedRecord): Promise<void> {
    const flushing = this.file.write(`${JSON.stringify({ id, record })}\n`);
    if (flushing) await flushing;
  }

  async commit(summary: PublishedSummary): Promise<void> {
    await this.file.close();
    await this.file.commit();
    const s = await AtomicFile.create(path.join(this.dir, SUMMARY));
    s.write(`${JSON.stringify(summary, null, 2)}\n`);
    await s.close();
    await s.commit();
  }

  async discard(): Promise<void> {
    await this.file.discard();
  }
}

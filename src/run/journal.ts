import { makeDir } from './make-dir.js';
import { open, readFile, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

/** One batch of item operations sent to a channel API. */
export interface PlannedBatch {
  batch: string;
  op: 'upsert' | 'delete';
  items: Array<{ id: string; hash?: string }>;
}

export type JournalEntry =
  | ({ t: 'planned' } & PlannedBatch)
  /** The request left; `handle` is the channel's id for it (Meta and Pinterest batch handles). */
  | { t: 'sent'; batch: string; handle?: string }
  /** The channel answered for every item: `ok` accepted, `failed` rejected (not retried by a resume). */
  | { t: 'ack'; batch: string; ok: string[]; failed: Array<{ id: string; message: string }> };

export interface PendingBatch extends PlannedBatch {
  /** Set when the request was sent: poll this handle instead of sending again. */
  handle?: string;
  sent: boolean;
}

/**
 * An append-only journal of API batches (planned, sent, acknowledged), one JSON line per event,
 * fsynced after each, so a run killed at any point can resume: acknowledged items are not sent
 * again, sent batches with a handle are polled, and only the rest is sent. A torn last line (the
 * kill came mid-write) is ignored: the event it would have recorded did not complete.
 */
export class BatchJournal {
  private constructor(
    readonly file: string,
    private readonly fh: FileHandle,
    private readonly log: JournalEntry[],
  ) {}

  static async open(file: string): Promise<BatchJournal> {
    await makeDir(path.dirname(file));
    const log: JournalEntry[] = [];
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const lines = text.split('\n');
    for (const line of lines) {
      if (!line) continue;
      try {
        log.push(JSON.parse(line) as JournalEntry);
      } catch {
        break; // torn write: everything after it never happened
      }
    }
    const fh = await open(file, 'w');
    // Rewrite the readable part, so a torn tail never sits in the middle of later lines.
    if (log.length > 0) await fh.write(log.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await fh.sync();
    return new BatchJournal(file, fh, log);
  }

  get entries(): readonly JournalEntry[] {
    return this.log;
  }

  private async append(entry: JournalEntry): Promise<void> {
    await this.fh.write(`${JSON.stringify(entry)}\n`);
    await this.fh.datasync();
    this.log.push(entry);
  }

  planned(b: PlannedBatch): Promise<void> {
    return this.append({ t: 'planned', ...b });
  }

  sent(batch: string, handle?: string): Promise<void> {
    return this.append(handle === undefined ? { t: 'sent', batch } : { t: 'sent', batch, handle });
  }

  acknowledged(batch: string, ok: string[], failed: Array<{ id: string; message: string }>): Promise<void> {
    return this.append({ t: 'ack', batch, ok, failed });
  }

  /** Batches planned but not acknowledged, in plan order. */
  pending(): PendingBatch[] {
    const acked = new Set(this.log.filter((e) => e.t === 'ack').map((e) => e.batch));
    const sent = new Map<string, string | undefined>();
    for (const e of this.log) if (e.t === 'sent') sent.set(e.batch, e.handle);
    return this.log
      .filter((e): e is { t: 'planned' } & PlannedBatch => e.t === 'planned' && !acked.has(e.batch))
      .map(({ t: _t, ...b }) => ({ ...b, sent: sent.has(b.batch), handle: sent.get(b.batch) }));
  }

  /** Items the channel acknowledged in this journal: upserts with their hash, and deletes. */
  acknowledgedItems(): { upserts: Map<string, string>; deletes: Set<string> } {
    const planned = new Map<string, PlannedBatch>();
    const upserts = new Map<string, string>();
    const deletes = new Set<string>();
    for (const e of this.log) {
      if (e.t === 'planned') planned.set(e.batch, e);
      if (e.t !== 'ack') continue;
      const p = planned.get(e.batch);
      if (!p) continue;
      const hashes = new Map(p.items.map((i) => [i.id, i.hash]));
      for (const id of e.ok) {
        if (p.op === 'delete') {
          deletes.add(id);
          upserts.delete(id);
        } else {
          upserts.set(id, hashes.get(id) ?? '');
          deletes.delete(id);
        }
      }
    }
    return { upserts, deletes };
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  /** The push is complete and its result saved elsewhere: the journal is no longer needed. */
  async finish(): Promise<void> {
    await this.fh.close();
    await rm(this.file, { force: true });
  }
}

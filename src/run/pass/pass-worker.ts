import { parentPort, workerData } from 'node:worker_threads';
import { SourceJoin } from '../../catalog/sources/join-sources.js';
import { loadProject } from '../../config/load.js';
import { ShelfcastError } from '../../issues/issue.js';
import { reblank } from '../../util/blank-record.js';
import { BufferShelf } from './buffer-shelf.js';
import { IssuePacker } from './packed-issues.js';
import { createUnitProcessor } from './unit-processor.js';
import { transferList, type CountOnlyMessage, type RecycleMessage, type UnitResult, type WorkUnit } from './units.js';
import type { SetupMessage, WorkerReply, WorkerSetup } from './worker-pool.js';

/**
 * A worker thread of the one pass: loads the project as the main thread did (only the pass's feed
 * files), then turns each unit it receives into a result, in the order received. Failures are
 * answered, never thrown. Its setup comes as workerData, or, for a worker started before the pass
 * (early-workers), as the first message.
 */
const port = parentPort!;
let gotSetup: (setup: WorkerSetup) => void = () => {};
const setupMessage: Promise<WorkerSetup> = workerData ? Promise.resolve(workerData as WorkerSetup) : new Promise((resolve) => (gotSetup = resolve));
let shelf: BufferShelf | undefined;
/** Per feed: its issues go to the main thread as bytes (see PackedIssues). */
let packers: IssuePacker[] = [];

const ready = (async () => {
  const setup = await setupMessage;
  // A buffer per feed for the unit being processed and for each unit waiting to be merged.
  shelf = new BufferShelf(setup.feedIds.length * 3 + 2);
  packers = setup.feedIds.map(() => new IssuePacker());
  const project = await loadProject(setup.configFile, setup.feedFiles && new Set(setup.feedFiles));
  const feeds = setup.feedIds.map((id) => {
    const feed = project.feeds.find((f) => f.id === id);
    if (!feed) throw new Error(`feed "${id}" is not in ${setup.configFile} any more`);
    return feed;
  });
  return createUnitProcessor({ project, feeds, now: new Date(setup.now), only: setup.only, allocation: setup.allocation, stores: setup.stores, join: setup.sources && new SourceJoin(setup.sources) }, shelf, packers);
})();

let queue: Promise<void> = Promise.resolve();
port.on('message', (unit: WorkUnit | RecycleMessage | SetupMessage | CountOnlyMessage) => {
  if (unit.kind === 'setup') {
    gotSetup(unit.setup);
    return;
  }
  if (unit.kind === 'count-only') {
    // Notices come only from merged results, which come after the setup.
    packers[unit.feed]?.countOnly(unit.codes);
    return;
  }
  if (unit.kind === 'recycle') {
    // Buffers come back only from results, which come after the setup.
    for (const b of unit.buffers) shelf?.put(b);
    return;
  }
  queue = queue.then(async () => {
    let reply: WorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const process = await ready;
      if (unit.kind === 'mapped') {
        for (const row of unit.rows) {
          reblank(row.fields);
          reblank(row.extra);
        }
      }
      const result: UnitResult = process(unit);
      reply = { seq: unit.seq, result };
      transfer = transferList(result);
    } catch (err) {
      const known = err instanceof ShelfcastError;
      reply = { seq: unit.seq, error: { message: (err as Error)?.message ?? String(err), exitCode: known ? err.exitCode : 2, internal: !known } };
    }
    port.postMessage(reply, transfer);
  });
});

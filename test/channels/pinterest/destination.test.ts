import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDestination } from '../../../src/channels/pinterest/destination.js';
import { pinterestDestinationSchema } from '../../../src/channels/pinterest/destination-schema.js';
import type { PublishContext } from '../../../src/transports/types.js';
import { seeded } from '../../servers/merchant-meta-pinterest-faults.js';
import { startPinterestServer, type PinterestServer } from '../../servers/pinterest-server.js';

const TOKEN = 'pina_canary-pinterest-token-0987654321';

const item = (id: string, title = `Mug ${id}`) => ({
  id, title, description: 'A mug', link: `https://shop.example/p/${id}`, image_link: 'https://shop.example/i.jpg',
  price: '12.50 USD', availability: 'in stock', condition: 'new', brand: 'Acme', additional_image_link: ['https://shop.example/2.jpg'],
});

describe('Pinterest catalog destination (items batch)', () => {
  let root: string;
  let server: PinterestServer;
  const logs: string[] = [];
  const publish = async (items: Array<Record<string, unknown>>, opts: { seed?: number; batch?: number } = {}) => {
    const file = path.join(root, 'pinterest.ndjson');
    await writeFile(file, items.map((i) => JSON.stringify(i)).join('\n'));
    const ctx: PublishContext = {
      feedId: 'pinterest', root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'), dryRun: false,
      env: { PINTEREST_TOKEN: TOKEN }, log: (l) => logs.push(l), now: () => new Date('2026-03-01T10:00:00Z'),
    };
    const dest = createDestination(
      pinterestDestinationSchema.parse({ type: 'pinterest', access_token_env: 'PINTEREST_TOKEN', country: 'US', language: 'en-US', endpoint: server.url, batch_size: opts.batch ?? 1000 }),
      'pinterest',
      { sleep: async () => undefined, random: seeded(opts.seed ?? 1) },
    );
    return dest.publish([{ path: file, name: 'pinterest.ndjson', contentType: 'application/x-ndjson' }], ctx);
  };
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-pinterest-'));
  });
  afterEach(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('sends batches valid against the OpenAPI schema, polls each batch id, and reports per-item failures', async () => {
    server = await startPinterestServer({ token: TOKEN });
    const r = await publish([item('A'), item('B', 'REJECT'), item('C')]);
    expect(server.violations).toEqual([]);
    expect(r).toMatchObject({ pushed: 2, failed: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'api.pinterest.item_rejected', id: 'B', message: expect.stringContaining('title: Title contains a blocked term') })]);
    expect(server.counters).toEqual({ batches: 1, polls: 2 });
    const d = await publish([item('A')]);
    expect(d).toMatchObject({ pushed: 1, failed: 0 }); // C deleted; B was never accepted, so nothing to delete
    expect([...server.items.keys()]).toEqual(['A']);
    expect(server.violations).toEqual([]);
    expect(logs.join('\n')).not.toContain(TOKEN);
  });

  it('reports an item Pinterest refuses (too long a title) as refused; sends XML shipping as text and the sale period as timestamps', async () => {
    server = await startPinterestServer({ token: TOKEN });
    const r = await publish([
      { ...item('S'), sale_price: '10.00 USD', sale_price_effective_date: '2026-11-20/2026-11-30T12:00:00+01:00', shipping: { country: 'US', region: '', service: 'Standard', price: '4.95 USD' } },
      item('LONG', 'x'.repeat(501)),
    ]);
    expect(r).toMatchObject({ pushed: 1, failed: 1 });
    expect(r.issues).toEqual([expect.objectContaining({ code: 'api.pinterest.item_rejected', id: 'LONG', message: expect.stringContaining('title') })]);
    expect(server.items.get('S')).toMatchObject({ shipping: 'US::Standard:4.95 USD', sale_price_effective_date: '2026-11-20T00:00:00Z/2026-11-30T11:00:00Z' });
    expect(server.violations).toEqual([expect.stringContaining('title')]);
  });

  it('with 20 % of requests faulted, loses no item and applies none twice', async () => {
    server = await startPinterestServer({ token: TOKEN, rate: 0.2, seed: 777 });
    const items = Array.from({ length: 2500 }, (_, i) => item(`PIN-${i}`));
    const r = await publish(items, { seed: 3, batch: 100 });
    const lost = items.filter((i) => !server.items.has(i.id)).length;
    expect({ pushed: r.pushed, failed: r.failed, lost, twice: server.applied.twice.length, batches: server.counters.batches }).toEqual({ pushed: 2500, failed: 0, lost: 0, twice: 0, batches: 25 });
    console.info(`pinterest with 20 % faults: ${server.requests} requests, faults ${JSON.stringify(server.faults)}, ${items.length} items, pushed ${r.pushed}, lost ${lost}, applied twice ${server.applied.twice.length}`);
    expect(server.violations).toEqual([]);
  });
});

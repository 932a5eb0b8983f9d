import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FeedRecord } from '../../src/channels/define-channel.js';
import { registerCategories } from '../../src/cli/categories.js';
import { registerExplain } from '../../src/cli/explain.js';
import { registerPlan } from '../../src/cli/plan.js';
import { loadProject } from '../../src/config/load.js';
import { feedSerializer } from '../../src/run/feed-serializer.js';
import { FeedOutput } from '../../src/run/feed-output.js';
import { createFeedProcessor } from '../../src/run/feed-processor.js';
import { ItemIndexWriter } from '../../src/run/item-index.js';
import { readProducts } from '../../src/run/read-products.js';
import { outputDir, stateDir } from '../../src/run/state-paths.js';
import { inProcessCli } from '../cli-in-process.js';

const PROJECT = path.resolve(__dirname, '../../fixtures/rules/project');
const GOLDEN = path.resolve(__dirname, '../../fixtures/rules/golden');
const NOW = new Date('2026-01-01T00:00:00Z');

const cli = inProcessCli([registerPlan, registerExplain, registerCategories], NOW);

/** Compares with fixtures/rules/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead. */
async function expectGolden(name: string, text: string): Promise<void> {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) await writeFile(file, text);
  expect(text).toBe(await readFile(file, 'utf8'));
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-rules-'));
  await cp(PROJECT, dir, { recursive: true });
});

/**
 * Publishes a feed that differs from the next run, the way a build does (feed file, item index,
 * summary): BAG-2 missing, GONE-1 extra, TEE-1 with another title.
 */
async function publishPrevious(): Promise<void> {
  const project = await loadProject(path.join(dir, 'shelfcast.yaml'));
  const feed = project.feeds[0]!;
  const processor = createFeedProcessor(feed, { now: NOW });
  const output = new FeedOutput(outputDir(project), feed.fileName, feed.format, feedSerializer(project, feed, processor.target));
  const index = await ItemIndexWriter.create(stateDir(project), feed.id);
  const publish = async (key: string, record: FeedRecord) => index.add(key, await output.write(record));
  for await (const e of readProducts(project, { cwd: dir })) {
    if (!e.item || e.item.product.id === 'BAG-2') continue;
    for (const record of processor.process(e.item).records) {
      await publish(e.item.product.id, e.item.product.id === 'TEE-1' ? { ...record, title: 'Old title' } : record);
    }
  }
  await publish('GONE-1', { id: 'GONE-1', title: 'Gone' });
  await output.close();
  await output.commit();
  await index.commit({ runId: 'r1', at: NOW.toISOString(), items: 4, files: output.files.map((f) => ({ name: path.basename(f.finalPath), bytes: f.bytes, sha256: f.sha256 })) });
}

describe('plan, explain and categories suggest on a project', () => {
  it('plan without a published feed lists every item as added', async () => {
    const r = await cli(['plan', '--json'], dir);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.feeds[0]).toMatchObject({ feed: 'google-us', published: false, added: ['TEE-1', 'MUG-1', 'BAG-1', 'BAG-2'], removed: [], changed: [] });
  });

  it('plan compares with the last published feed, field by field', async () => {
    await publishPrevious();
    const json = await cli(['plan', '--json', '--feed', 'google-us'], dir);
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout).feeds[0];
    expect(plan.counts).toEqual({ added: 1, removed: 1, changed: 1, unchanged: 2, fields: { title: 1 } });
    expect(plan.changed).toEqual([{ id: 'TEE-1', fields: [{ field: 'title', before: 'Old title', after: 'Northwind Organic Tee - Red' }] }]);
    const text = await cli(['plan'], dir);
    expect(text.code).toBe(0);
    await expectGolden('plan.txt', text.stdout);
  });

  it('plan exits 1 when items have errors, and still reports', async () => {
    const r = await cli(['plan', '--catalog', 'catalog-extra.csv'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('google-us: 0 added, 4 removed, 0 changed, 0 unchanged');
    expect(r.stderr).toContain('google.image_link.missing');
  });

  it('explain shows the product, each rule, the record', async () => {
    const r = await cli(['explain', 'TEE-1', '--feed', 'google-us'], dir);
    expect(r.code).toBe(0);
    await expectGolden('explain-tee.txt', r.stdout);
    const json = JSON.parse((await cli(['explain', 'TEE-1', '--feed', 'google-us', '--json'], dir)).stdout);
    expect(json.rules.map((x: { fired: boolean }) => x.fired)).toEqual([false, true, true, true, true, true]);
    expect(json.records[0].google_product_category).toBe('212');
    expect(json.excluded).toBeUndefined();
  });

  it('explain says why an item is left out', async () => {
    const r = await cli(['explain', 'LAMP-1', '--feed', 'google-us'], dir);
    expect(r.code).toBe(0);
    await expectGolden('explain-lamp.txt', r.stdout);
    const json = JSON.parse((await cli(['explain', 'LAMP-1', '--feed', 'google-us', '--json'], dir)).stdout);
    expect(json.excluded).toEqual({ by: 'rules', reasons: ['excluded by rules[0] (drop items without stock): it meets exclude: availability equals "out_of_stock"'] });
  });

  it('explain says when the channel leaves an item out, and why', async () => {
    const r = await cli(['explain', 'NOIMG-1', '--feed', 'google-us', '--catalog', 'catalog-extra.csv'], dir);
    expect(r.code).toBe(0);
    await expectGolden('explain-noimg.txt', r.stdout);
    const json = JSON.parse((await cli(['explain', 'NOIMG-1', '--feed', 'google-us', '--json', '--catalog', 'catalog-extra.csv'], dir)).stdout);
    expect(json.excluded.by).toBe('channel');
    expect(json.records).toEqual([]);
  });

  it('explain of an unknown id is an error that suggests a close one', async () => {
    const r = await cli(['explain', 'TEE-2', '--feed', 'google-us'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('explain: no item "TEE-2" in the catalog (did you mean "TEE-1"?)');
  });

  it('categories suggest lists unmapped categories, most products first, with candidates', async () => {
    const r = await cli(['categories', 'suggest'], dir);
    expect(r.code).toBe(0);
    await expectGolden('categories-suggest.txt', r.stdout);
    const json = JSON.parse((await cli(['categories', 'suggest', '--json', '--feed', 'google-us'], dir)).stdout);
    expect(json.mappings[0].unmapped.map((u: { category: string; products: number }) => [u.category, u.products])).toEqual([
      ['Bags > Backpacks', 2],
      ['Home > Lighting > Desk Lamps', 1],
    ]);
    expect(json.mappings[0].unmapped[0].candidates[0]).toEqual({ id: '100', path: 'Luggage & Bags > Backpacks', score: 5 });
  });
});

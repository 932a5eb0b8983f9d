import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, runCli } from './cli.js';

/**
 * The real CLI on the demo project with its sale dates given as dates alone and `timezone:` set
 * per feed: each channel writes the period in its documented form, in that zone. The run's clock
 * is 2026-01-01T00:00:00Z (SOURCE_DATE_EPOCH in cli.ts).
 */
describe('feed timezone: and each channel\'s date form, end to end', () => {
  it('writes date-only sale periods with the feed offset: Meta to the minute, Amazon as RFC 3339 start_at/end_at, eBay the sale price while it runs', async () => {
    const dir = await demoProject();
    const catalog = path.join(dir, 'fixtures', 'demo', 'catalog.csv');
    // TEE-BLU-M's sale (2026-11-20T00:00:00Z/2026-12-31T23:59:59Z) becomes a date-only period that runs at the run's clock.
    const text = await readFile(catalog, 'utf8');
    expect(text).toContain('2026-11-20T00:00:00Z/2026-12-31T23:59:59Z');
    await writeFile(catalog, text.replace('2026-11-20T00:00:00Z/2026-12-31T23:59:59Z', '2025-12-20/2026-01-10'));
    for (const [feed, zone] of [['meta', 'Europe/Berlin'], ['amazon', 'America/New_York'], ['ebay', 'Asia/Kolkata']] as const) {
      await appendFile(path.join(dir, 'feeds', `${feed}.yaml`), `timezone: ${zone}\n`);
    }
    const r = await runCli(['build', '--force'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    const out = (name: string) => readFile(path.join(dir, 'out', name), 'utf8');

    const meta = await out('meta.csv');
    expect(meta).toContain('24.00 USD,19.00 USD,2025-12-20T00:00+01:00/2026-01-10T23:59+01:00,');

    const amazon = JSON.parse(await out('amazon.json')) as { messages: Array<{ sku: string; attributes?: { purchasable_offer?: Array<{ discounted_price?: Array<{ schedule: unknown[] }> }> } }> };
    const blue = amazon.messages.find((m) => m.sku === 'TEE-BLU-M');
    expect(blue?.attributes?.purchasable_offer?.[0]?.discounted_price?.[0]?.schedule[0]).toEqual({ value_with_tax: 19, start_at: '2025-12-20T00:00:00-05:00', end_at: '2026-01-10T23:59:59-05:00' });

    const ebay = (JSON.parse(await out('ebay.json')) as { items: Array<{ sku: string; offer?: { pricingSummary: Record<string, { value: string }> } }> }).items;
    expect(ebay.find((l) => l.sku === 'TEE-BLU-M')?.offer?.pricingSummary).toMatchObject({ price: { value: '19.00' }, originalRetailPrice: { value: '24.00' } });
  });
});

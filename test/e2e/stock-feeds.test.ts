import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, runCli } from './cli.js';

describe('feeds show the allocated stock when the project has a stock: section', () => {
  it('splits one physical stock between amazon and ebay without overselling', async () => {
    const dir = await demoProject();
    const config = await readFile(path.join(dir, 'shelfcast.yaml'), 'utf8');
    await writeFile(
      path.join(dir, 'shelfcast.yaml'),
      `${config}stock:\n  safety: 1\n  strict: true\n  priority: amazon\n  channels:\n    amazon: { share: 60 }\n    ebay: { share: 40 }\n`,
    );
    // 11 on hand - 1 safety = 10 available: amazon 6, ebay 4. The mug sells out.
    await writeFile(path.join(dir, 'counts.csv'), 'sku,location,quantity\nTEE-RED-S,main,11\nMUG-STONE,main,1\n');
    const imported = await runCli(['stock', 'import', 'counts.csv'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    const r = await runCli(['build', '--feed', 'amazon,ebay,google', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    const amazon = JSON.parse(await readFile(path.join(dir, 'out', 'amazon.json'), 'utf8'));
    const qty = (sku: string) => amazon.messages.find((m: { sku: string }) => m.sku === sku).attributes.fulfillment_availability[0].quantity;
    expect(qty('TEE-RED-S')).toBe(6);
    expect(qty('MUG-STONE')).toBe(0);
    // A SKU the ledger does not know keeps the catalog's quantity.
    expect(qty('BACKPACK-20')).toBe(8);
    const ebay = JSON.parse(await readFile(path.join(dir, 'out', 'ebay.json'), 'utf8'));
    const tee = ebay.items.find((i: { sku: string }) => i.sku === 'TEE-RED-S');
    expect(tee.inventoryItem.availability.shipToLocationAvailability.quantity).toBe(4);
    // Google is not in the policy: the catalog's values stay.
    const google = await readFile(path.join(dir, 'out', 'google.xml'), 'utf8');
    expect(google).toContain('<g:id>MUG-STONE</g:id>');
    expect(google.split('<g:id>MUG-STONE</g:id>')[1]!.split('</item>')[0]).toContain('<g:availability>in_stock</g:availability>');
  });
});

describe('stock reconcile --apply', () => {
  it('sends quantity-only updates to the marketplace feeds of the channels that differ, beside the full feed', async () => {
    const dir = await demoProject();
    const config = await readFile(path.join(dir, 'shelfcast.yaml'), 'utf8');
    await writeFile(path.join(dir, 'shelfcast.yaml'), `${config}stock:\n  strict: true\n  channels:\n    amazon: { share: 50 }\n    ebay: { share: 50 }\n`);
    await writeFile(path.join(dir, 'counts.csv'), 'sku,location,quantity\nTEE-RED-S,main,10\n');
    expect((await runCli(['stock', 'import', 'counts.csv'], dir)).code).toBe(0);
    expect((await runCli(['run', '--feed', 'amazon'], dir)).code).toBe(0);
    const full = await readFile(path.join(dir, 'out', 'amazon.json'), 'utf8');
    // Amazon shows 7 where the allocation says 5: drift.
    await writeFile(path.join(dir, 'shown.csv'), 'channel,sku,quantity\namazon,TEE-RED-S,7\n');
    const r = await runCli(['stock', 'reconcile', 'shown.csv', '--apply'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/drift/);
    expect(r.stderr).toMatch(/amazon: quantity update for \d+ item\(s\) written/);
    const update = JSON.parse(await readFile(path.join(dir, 'out', 'amazon.update.json'), 'utf8'));
    const tee = update.messages.find((m: { sku: string }) => m.sku === 'TEE-RED-S');
    expect(tee.operationType).toBe('PATCH');
    expect(JSON.stringify(tee.patches)).toContain('"quantity":5');
    // The full feed (and what plan compares with) is left as published.
    expect(await readFile(path.join(dir, 'out', 'amazon.json'), 'utf8')).toBe(full);
    const corrections = JSON.parse(await readFile(path.join(dir, 'out', 'stock-corrections.json'), 'utf8'));
    expect(corrections.corrections).toEqual([expect.objectContaining({ channel: 'amazon', sku: 'TEE-RED-S', quantity: 5, was: 7 })]);
  });
});

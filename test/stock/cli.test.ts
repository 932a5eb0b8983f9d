import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { NOW, projectCopy, runStock } from './cli-harness.js';

const fixtures = path.resolve(__dirname, '../../fixtures/stock/reconcile');
const expected = (name: string): unknown => JSON.parse(readFileSync(path.join(fixtures, name), 'utf8'));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The fixture project with counts and orders imported. */
async function prepared(): Promise<string> {
  const dir = projectCopy('reconcile');
  dirs.push(dir);
  expect((await runStock(['stock', 'import', 'counts.csv', '--at', '2026-03-01T06:00:00Z'], dir)).code).toBe(0);
  expect((await runStock(['stock', 'orders', 'orders.csv'], dir)).code).toBe(1);
  return dir;
}

describe('shelfcast stock (golden project fixtures/stock/reconcile)', () => {
  it('import records counts once, in <state>/stock.sqlite; a replay changes nothing', async () => {
    const dir = projectCopy('reconcile');
    dirs.push(dir);
    const first = await runStock(['stock', 'import', 'counts.csv', '--at', '2026-03-01T06:00:00Z', '--json'], dir);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, counts: 5, inserted: 5, ignored: 0, issues: [] });
    expect(first.stderr).toBe('');
    expect(existsSync(path.join(dir, '.state/stock.sqlite'))).toBe(true);
    const again = await runStock(['stock', 'import', 'counts.csv', '--at', '2026-03-01T06:00:00Z'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/5 counts, 0 new, 5 already in the ledger/);
  });

  it('orders reports an oversell incident with exit 1; the replay is quiet', async () => {
    const dir = projectCopy('reconcile');
    dirs.push(dir);
    await runStock(['stock', 'import', 'counts.csv', '--at', '2026-03-01T06:00:00Z'], dir);
    const r = await runStock(['stock', 'orders', 'orders.csv', '--json'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ ok: false, format: 'shelfcast', events: 7, inserted: 7, ignored: 0 });
    expect(doc.incidents).toEqual([
      { eventKey: 'shop:S-2:1:reserved', sku: 'TEE-M', channel: 'shop', order: 'S-2', line: '1', units: 2, onHand: 4, reserved: 5, safety: 1, at: '2026-03-01T08:40:00.000Z', recordedAt: NOW.toISOString() },
    ]);
    const replay = await runStock(['stock', 'orders', 'orders.csv', '--json'], dir);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ inserted: 0, ignored: 7, incidents: [] });
  });

  it('allocate prints the golden allocation', async () => {
    const dir = await prepared();
    const r = await runStock(['stock', 'allocate', '--json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual(expected('expected-allocation.json'));
    const human = await runStock(['stock', 'allocate'], dir);
    expect(human.stdout).toBe('');
    expect(human.stderr.split('\n').slice(1, 4)).toEqual([
      'sku       on_hand  reserved  safety  available  amazon  ebay  shop',
      'BAG-XL         40         0       1         39      20    11     7',
      'CAP-RED         0         0       1          0       0     0     0',
    ]);
    expect(human.stderr).toMatch(/1 SKU\(s\) oversold \(open orders beyond on hand minus safety\): TEE-M/);
  });

  it('reconcile classifies every difference and --apply writes the corrections file', async () => {
    const dir = await prepared();
    const r = await runStock(['stock', 'reconcile', 'channel-quantities.csv', '--json', '--apply'], dir);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const { issues, ...rest } = doc;
    expect({ ...rest, applied: path.relative(dir, rest.applied) }).toEqual(expected('expected-reconcile.json'));
    expect(issues.map((i: any) => [i.severity, i.code, i.feed ?? null, i.id ?? null])).toEqual([
      ['error', 'stock.reconcile.unknown_channel', null, null],
      ['warning', 'stock.reconcile.unknown_sku', 'amazon', 'GHOST-1'],
      ['warning', 'stock.reconcile.drift', 'amazon', 'MUG-BLUE'],
      ['error', 'stock.reconcile.oversold', 'amazon', 'TEE-M'],
      ['warning', 'stock.reconcile.missing_on_channel', 'ebay', 'BAG-XL'],
      ['error', 'stock.reconcile.oversold', 'ebay', 'MUG-BLUE'],
    ]);
    const written = JSON.parse(readFileSync(path.join(dir, 'out/stock-corrections.json'), 'utf8'));
    expect(written).toEqual({ generatedAt: NOW.toISOString(), source: 'channel-quantities.csv', corrections: doc.corrections });

    const human = await runStock(['stock', 'reconcile', 'channel-quantities.csv'], dir);
    expect(human.code).toBe(1);
    expect(human.stderr).toMatch(/5 difference\(s\), 4 correction\(s\)/);
    expect(human.stderr).toMatch(/ebay +MUG-BLUE +oversold +12 +3 +10/);
  });

  it('reconcile of a channel that matches its allocation exits 0', async () => {
    const dir = await prepared();
    writeFileSync(path.join(dir, 'shop.csv'), 'sku,qty\nBAG-XL,7\nMUG-BLUE,2\n');
    const r = await runStock(['stock', 'reconcile', 'shop.csv', '--channel', 'shop', '--json'], dir);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, channels: ['shop'], differences: [], corrections: [] });
    expect(r.code).toBe(0);
  });

  it('show prints the events, numbers, allocation and incidents of one SKU', async () => {
    const dir = await prepared();
    const r = await runStock(['stock', 'show', 'TEE-M', '--json'], dir);
    const doc = JSON.parse(r.stdout);
    expect(doc.numbers).toEqual({ sku: 'TEE-M', onHand: 4, counts: { berlin: 4 }, countedAt: '2026-03-01T06:00:00.000Z', reserved: 5, safety: 1, available: 0, locations: { berlin: { onHand: 4, reserved: 0 } } });
    expect(doc.allocation).toEqual({ amazon: 0, ebay: 0, shop: 0 });
    expect(doc.events.map((e: any) => [e.kind, e.quantity])).toEqual([['count', 4], ['reserved', 2], ['reserved', 3]]);
    expect(doc.incidents.map((i: any) => [i.order, i.units])).toEqual([['S-2', 2]]);
    const human = await runStock(['stock', 'show', 'MUG-BLUE'], dir);
    expect(human.stderr).toMatch(/on_hand 14 \(counts berlin=10, hamburg=5, latest 2026-03-01T06:00:00.000Z\)/);
    expect(human.stderr).toMatch(/allocation amazon=5, ebay=3, shop=2/);
    const missing = await runStock(['stock', 'show', 'MUG-BLU'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no events for SKU "MUG-BLU".*MUG-BLUE/);
  });

  it('a strict policy whose shares exceed 100 % is a config error (exit 2)', async () => {
    const dir = projectCopy('reconcile');
    dirs.push(dir);
    const yaml = readFileSync(path.join(dir, 'shelfcast.yaml'), 'utf8').replace('share: 20', 'share: 40');
    writeFileSync(path.join(dir, 'shelfcast.yaml'), yaml);
    const r = await runStock(['stock', 'allocate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shelfcast\.yaml: stock\.channels: shares add up to 120 %/);
  });

  it('a project without a stock: section records events, but has nothing to allocate to (exit 2)', async () => {
    const dir = projectCopy('reconcile');
    dirs.push(dir);
    writeFileSync(path.join(dir, 'shelfcast.yaml'), 'catalog:\n  path: catalog.csv\n');
    expect((await runStock(['stock', 'import', 'counts.csv'], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, '.shelfcast/stock.sqlite'))).toBe(true);
    const r = await runStock(['stock', 'allocate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/shelfcast\.yaml: stock\.channels: no channels to allocate to/);
  });

  it('a bad --at or an unreadable file is a usage error (exit 2)', async () => {
    const dir = projectCopy('reconcile');
    dirs.push(dir);
    expect((await runStock(['stock', 'import', 'counts.csv', '--at', 'yesterday'], dir)).code).toBe(2);
    const r = await runStock(['stock', 'import', 'nope.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.csv: cannot read the file: ENOENT/);
  });
});

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChannelDefinition, FeedRecord, FeedTarget } from '../../src/channels/define-channel.js';
import { capabilitiesOf, CHANNEL_DESTINATION_SCHEMAS, CHANNEL_IDS, channelOfDestination, loadChannel, ORDER_READERS, type ChannelId } from '../../src/channels/registry.js';
import { GENERIC_SERIALIZERS } from '../../src/channels/define-channel.js';
import { capabilityCells } from '../../src/channels/docs/capability-table.js';
import { ORDER_FORMATS } from '../../src/stock/read-orders.js';
import { DESTINATION_TYPES } from '../../src/transports/registry.js';
import { feedColumns, recordsOf, renderFeed } from '../../src/channels/render-feed.js';
import type { Issue } from '../../src/issues/issue.js';
import type { CatalogItem } from '../../src/product/product.js';
import { expectedCell, expectedXmlItem, parseRss, parseTabular, type TabularKind } from '../serializers/read-feed.js';

/**
 * The conformance suite every channel passes: registry entry, one golden feed per format rendered
 * from the shared fixture catalog, an issues snapshot, strict re-reading of every output, the
 * attribute docs and their limits, and a docs page. Regenerate goldens with
 * `UPDATE_GOLDEN=1 npx vitest run test/channels`.
 */
const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'fixtures/channels');
const GOLDEN = path.join(FIXTURES, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const NOW = new Date('2026-01-01T00:00:00Z');
const HEADER = { title: 'Northwind test shop', link: 'https://shop.example.com/', description: 'Fixture catalog of the channel conformance suite' };
export const CATALOG: CatalogItem[] = JSON.parse(readFileSync(path.join(FIXTURES, 'catalog.json'), 'utf8'));

export function fixtureTarget(channel: string, format: string): FeedTarget {
  const file = path.join(FIXTURES, 'options', `${channel}.json`);
  const options = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  return { id: `${channel}-test`, format, country: 'US', language: 'en', currency: 'USD', options };
}

/** Compares with the golden file, or writes it under UPDATE_GOLDEN=1. */
function golden(file: string, actual: string): void {
  const full = path.join(GOLDEN, file);
  if (UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(full, actual);
    return;
  }
  expect(existsSync(full), `missing golden ${path.relative(ROOT, full)}: run UPDATE_GOLDEN=1 npx vitest run test/channels`).toBe(true);
  expect(actual === readFileSync(full, 'utf8'), `${path.relative(ROOT, full)} differs from the rendered feed`).toBe(true);
}

const issueSnapshot = (issues: Issue[]) =>
  `${JSON.stringify(issues.map(({ severity, code, id, row, field }) => ({ severity, code, id, row, field })), null, 2)}\n`;

/** Every record the channel makes from the catalog, in output order. */
function mapAll(channel: ChannelDefinition<any>, target: FeedTarget): FeedRecord[] {
  return CATALOG.flatMap(({ product, row }) => recordsOf(channel.map(product, { feed: target, row, now: NOW }).record));
}

const loaded = new Map<ChannelId, ChannelDefinition<any> | Error>();
for (const id of CHANNEL_IDS) {
  try {
    loaded.set(id, await loadChannel(id));
  } catch (e) {
    loaded.set(id, e instanceof Error ? e : new Error(String(e)));
  }
}

describe.each(CHANNEL_IDS)('channel %s', (id) => {
  const entry = loaded.get(id)!;
  it('has a registry entry that loads', () => {
    if (entry instanceof Error) expect.fail(`src/channels/${id}/index.ts does not load: ${entry.message}`);
    expect(entry.id).toBe(id);
    expect(entry.formats.length).toBeGreaterThan(0);
  });
  it('has a docs page docs/channels/' + id + '.md', () => {
    expect(existsSync(path.join(ROOT, 'docs/channels', `${id}.md`)), `docs/channels/${id}.md is missing`).toBe(true);
  });
  if (entry instanceof Error) return;
  const channel = entry;

  it('writes every format with a generic serializer or one of its own', () => {
    for (const f of channel.formats) {
      const own = channel.serializers && Object.hasOwn(channel.serializers, f.serializer);
      expect(own || (GENERIC_SERIALIZERS as readonly string[]).includes(f.serializer), `format ${f.id}: no serializer "${f.serializer}"`).toBe(true);
    }
  });
  it('declares its API push and order reader where the registry wires them', () => {
    const caps = capabilitiesOf(channel);
    const schemaType = CHANNEL_DESTINATION_SCHEMAS.map((d) => d.shape.type.value).find((t) => channelOfDestination(t) === id);
    // The definition's push and the registry's destination schema name the same destination type.
    expect(caps.apiPush, 'push.destination vs the registry entry\'s destination schema').toBe(schemaType);
    if (caps.apiPush) expect(DESTINATION_TYPES).toContain(caps.apiPush);
    if (!caps.apiPush) expect(caps.deltas || caps.deletes, 'deltas and deletes need an API push').toBe(false);
    expect(ORDER_FORMATS.includes(id)).toBe(caps.orders);
    expect(ORDER_READERS.some(([c]) => c === id)).toBe(caps.orders);
  });
  it('shows its capabilities on its docs page and in docs/channels/README.md', () => {
    const cells = capabilityCells(capabilitiesOf(channel)).join(' | ');
    const page = readFileSync(path.join(ROOT, 'docs/channels', `${id}.md`), 'utf8');
    expect(page, `docs/channels/${id}.md: regenerate with npm run docs`).toContain(`| ${cells} |`);
    const index = readFileSync(path.join(ROOT, 'docs/channels/README.md'), 'utf8');
    expect(index, 'docs/channels/README.md: regenerate with npm run docs').toContain(`| [${id}](${id}.md) | ${channel.kind} | ${cells} |`);
  });

  it('documents every attribute with name, format and source', () => {
    expect(channel.attributes.length).toBeGreaterThan(0);
    for (const a of channel.attributes) {
      expect(a.name, JSON.stringify(a)).toMatch(/\S/);
      expect(a.format, `${a.name}.format`).toMatch(/\S/);
      expect(a.source, `${a.name}.source`).toMatch(/\S/);
      expect(typeof a.required).toBe('boolean');
    }
  });

  it('names the feed, item, row, field and a stable code in every issue', () => {
    const { issues } = renderFeed(channel, channel.formats[0]!.id, fixtureTarget(id, channel.formats[0]!.id), CATALOG, { now: NOW, header: HEADER });
    const rows = new Map(CATALOG.map((c) => [c.product.id, c.row]));
    for (const issue of issues) {
      expect(issue.code, issue.message).toMatch(new RegExp(`^${id}\\.[a-z0-9_]+\\.[a-z0-9_]+$`));
      expect(issue.feed).toBe(`${id}-test`);
      expect(rows.get(issue.id!), `${issue.code}: id`).toBe(issue.row);
      expect(issue.field, issue.code).toMatch(/\S/);
      expect(issue.message).toMatch(/\S/);
    }
    golden(`${id}.issues.json`, issueSnapshot(issues));
  });

  it('respects every text limit of its attributes', () => {
    const target = fixtureTarget(id, channel.formats[0]!.id);
    const limits = channel.attributes.filter((a) => a.limit !== undefined);
    for (const record of mapAll(channel, target)) {
      for (const a of limits) {
        const value = record[a.name];
        const values = value === undefined ? [] : typeof value === 'string' ? [value] : value.filter((v): v is string => typeof v === 'string');
        for (const v of values) expect(v.length, `${record.id}.${a.name}`).toBeLessThanOrEqual(a.limit!);
      }
    }
  });

  describe.each(channel.formats.map((f) => [f.id, f] as const))('format %s', (formatId, format) => {
    const target = fixtureTarget(id, formatId);
    const rendered = () => renderFeed(channel, formatId, target, CATALOG, { now: NOW, header: HEADER });

    it(`matches golden/${id}.${formatId}.${format.ext}`, () => {
      const first = rendered().text;
      expect(rendered().text, 'rendering twice gives the same bytes').toBe(first);
      golden(`${id}.${formatId}.${format.ext}`, first);
    });

    it('re-reads field by field as the records it was written from', () => {
      const { text } = rendered();
      const records = mapAll(channel, target);
      if (format.serializer === 'rss') {
        const feed = parseRss(text);
        expect(feed.channel.title).toBe(HEADER.title);
        expect(feed.items).toEqual(records.map(expectedXmlItem));
      } else if (format.serializer === 'csv' || format.serializer === 'tsv' || format.serializer === 'tsv-quoted') {
        const rows = parseTabular(text, format.serializer as TabularKind);
        const columns = feedColumns(channel, target);
        expect(rows[0]).toEqual(columns);
        expect(rows.slice(1)).toEqual(records.map((r) => columns.map((c) => expectedCell(r[c], format.serializer as TabularKind))));
      } else if (format.serializer === 'json') {
        expect(JSON.parse(text)).toEqual(records);
      } else if (format.serializer === 'ndjson') {
        expect(text.split('\n').filter(Boolean).map((l) => JSON.parse(l))).toEqual(records);
      } else if (format.contentType.split(';')[0]!.trim() === 'application/json') {
        // Channel-specific JSON documents (Amazon listings, eBay inventory): one document whose single
        // top-level array holds one entry per record; the channel's own tests check the payloads.
        const doc = JSON.parse(text) as Record<string, unknown>;
        const arrays = Object.values(doc).filter(Array.isArray);
        expect(arrays, 'one top-level array of entries').toHaveLength(1);
        expect(arrays[0]).toHaveLength(records.length);
      } else {
        expect.fail(`no reader for serializer ${format.serializer}`);
      }
    });
  });
});

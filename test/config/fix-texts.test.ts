import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRAND_FIX, MISSING_IDENTIFIER_FIX } from '../../src/channels/common/index.js';
import { CHANNEL_IDS, loadChannel } from '../../src/channels/registry.js';
import { renderFeed } from '../../src/channels/render-feed.js';
import { feedConfigSchema } from '../../src/config/feed-schema.js';
import { catalogConfigSchema } from '../../src/config/project-schema.js';
import type { Issue } from '../../src/issues/issue.js';
import type { CatalogItem } from '../../src/product/product.js';
import { TRANSFORM_KEYS, FILTER_KEYS } from '../../src/rules/schema.js';

/**
 * Every fix text that names a setting names one that exists: `catalog.<key>` in shelfcast.yaml's
 * catalog section, `options.<key>` in the channel's options, and rules by their action keys.
 */
const FIXTURES = path.resolve(__dirname, '../../fixtures/channels');
const CATALOG: CatalogItem[] = JSON.parse(readFileSync(path.join(FIXTURES, 'catalog.json'), 'utf8'));
const NOW = new Date('2026-01-01T00:00:00Z');
const HEADER = { title: 'T', link: 'https://shop.example.com/', description: 'T' };
const ACTIONS = new Set<string>([...TRANSFORM_KEYS, ...FILTER_KEYS]);
/** Feed settings (`timezone:`, `rates:`, `currency:` ...) a fix names as "the feed's <key>:". */
const FEED_KEYS = new Set(Object.keys(feedConfigSchema.shape));

const shapeKeys = (schema: unknown): Set<string> => {
  // A channel without options has none (Pinterest).
  if (schema === undefined) return new Set();
  const s = schema as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown } };
  if (s.shape) return new Set(Object.keys(s.shape));
  const inner = s.def?.innerType ?? s.def?.in;
  return inner ? shapeKeys(inner) : new Set();
};

/** The settings a fix names that do not exist, for a channel's options (`channelOptions`). */
function unknownSettings(fix: string, channelOptions: Set<string> | undefined): string[] {
  const bad: string[] = [];
  const catalogKeys = shapeKeys(catalogConfigSchema);
  for (const m of fix.matchAll(/\bcatalog\.([a-z_]+)/g)) if (!catalogKeys.has(m[1]!)) bad.push(`catalog.${m[1]}`);
  for (const m of fix.matchAll(/\boptions?\.([a-zA-Z_]+)/g)) if (!channelOptions?.has(m[1]!)) bad.push(`options.${m[1]}`);
  for (const m of fix.matchAll(/\b([a-z_]+): \{ field: /g)) if (!ACTIONS.has(m[1]!)) bad.push(`rule ${m[1]}`);
  for (const m of fix.matchAll(/\bthe feed's ([a-z_]+):/g)) if (!FEED_KEYS.has(m[1]!)) bad.push(`feed ${m[1]}`);
  return bad;
}

/** The fixture catalog twice: as it is, and stripped of brand, identifiers and condition (to meet the missing-field fixes). */
const variants: CatalogItem[][] = [
  CATALOG,
  CATALOG.map((x) => ({ ...x, product: { ...x.product, brand: undefined, gtin: undefined, mpn: undefined, condition: undefined, quantity: undefined } })),
];

describe('fix texts name settings that exist', () => {
  it('the checker itself catches a setting that does not exist', () => {
    expect(unknownSettings('set options.noSuchThing, catalog.nope and a rule frob: { field: brand }', new Set(['missingIdentifier']))).toEqual(['catalog.nope', 'options.noSuchThing', 'rule frob']);
    expect(unknownSettings('set options.missingIdentifier: exclude', new Set(['missingIdentifier']))).toEqual([]);
    expect(unknownSettings("set the feed's timezone: Europe/Berlin or the feed's zone: x", undefined)).toEqual(['feed zone']);
  });

  it.each(CHANNEL_IDS)('%s: every fix of every issue', async (id) => {
    const channel = await loadChannel(id);
    const optionsFile = path.join(FIXTURES, 'options', `${id}.json`);
    const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
    const keys = shapeKeys(channel.options);
    const issues: Issue[] = [];
    for (const items of variants) {
      for (const format of channel.formats) {
        const target = { id: `${id}-fix`, format: format.id, country: 'US', language: 'en', currency: 'USD', options };
        issues.push(...renderFeed(channel, format.id, target, items, { now: NOW, header: HEADER }).issues);
      }
    }
    expect(issues.length).toBeGreaterThan(0);
    const wrong = issues.filter((i) => i.fix && unknownSettings(i.fix, keys).length).map((i) => `${i.code}: ${unknownSettings(i.fix!, keys).join(', ')}`);
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('the identifier and brand fixes of Google and Microsoft', async () => {
    for (const id of ['google', 'microsoft'] as const) {
      const keys = shapeKeys((await loadChannel(id)).options);
      expect(unknownSettings(MISSING_IDENTIFIER_FIX, keys)).toEqual([]);
      expect(unknownSettings(BRAND_FIX, keys)).toEqual([]);
      expect(MISSING_IDENTIFIER_FIX).toContain('options.missingIdentifier');
    }
  });
});

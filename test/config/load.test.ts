import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, selectFeeds } from '../../src/config/load.js';

async function project(config: string, feeds: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-config-'));
  await writeFile(path.join(dir, 'shelfcast.yaml'), config);
  await mkdir(path.join(dir, 'feeds'));
  for (const [name, text] of Object.entries(feeds)) await writeFile(path.join(dir, 'feeds', name), text);
  return path.join(dir, 'shelfcast.yaml');
}

const base = 'catalog:\n  path: catalog.csv\n';

describe('loadProject', () => {
  it('loads only the feed files asked for (a worker thread of a pass), as the full load gives them', async () => {
    const config = await project(base, { 'google-us.yaml': 'channel: google\ncountry: US\n', 'meta.yaml': 'channel: meta\ncountry: DE\n', 'later.yaml': 'channel: nosuchchannel\n' });
    const one = await loadProject(config, new Set(['feeds/google-us.yaml']));
    expect(one.feeds.map((f) => [f.id, f.file, f.channel.id])).toEqual([['google-us', 'feeds/google-us.yaml', 'google']]);
    // The feed file left out is not read: its unknown channel fails the full load only.
    await expect(loadProject(config)).rejects.toThrow(/later\.yaml: channel: unknown channel "nosuchchannel"/);
    expect((await loadProject(config, new Set(['feeds/meta.yaml', 'feeds/google-us.yaml']))).feeds.map((f) => f.id)).toEqual(['google-us', 'meta']);
  });

  it('loads the project and its feeds with defaults', async () => {
    const p = await loadProject(await project(base, { 'google-us.yaml': 'channel: google\ncountry: US\n' }));
    expect(p.config.output).toBe('out');
    expect(p.config.catalog.preset).toBe('google');
    expect(p.feeds).toHaveLength(1);
    expect(p.feeds[0]).toMatchObject({ id: 'google-us', fileName: 'google-us.xml' });
    expect(selectFeeds(p, undefined).map((f) => f.id)).toEqual(['google-us']);
  });

  it('names the file and the dot path of a wrong value', async () => {
    const file = await project(`${base}output: 3\n`, {});
    await expect(loadProject(file)).rejects.toThrow(/shelfcast\.yaml: output: .*string/i);
  });

  it('rejects unknown keys with their name', async () => {
    await expect(loadProject(await project(`${base}feedz: feeds\n`, {}))).rejects.toThrow('shelfcast.yaml: unknown key "feedz"');
    await expect(loadProject(await project(base, { 'a.yaml': 'channel: meta\ncountri: US\n' }))).rejects.toThrow('feeds/a.yaml: unknown key "countri"');
  });

  it('suggests the channel and the format that were meant', async () => {
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: gogle\n' }))).rejects.toThrow('feeds/g.yaml: channel: unknown channel "gogle" (did you mean "google"?)');
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: google\nformat: xlm\n' }))).rejects.toThrow(/format: channel "google" has no format "xlm" \(did you mean "xml"\?\)/);
  });

  it("refuses another channel's API push, naming what the feed's channel supports", async () => {
    const meta = 'destination:\n  type: meta\n  catalog_id: "123"\n  access_token_env: META_TOKEN\n';
    await expect(loadProject(await project(base, { 'g.yaml': `channel: google\n${meta}` }))).rejects.toThrow(
      'feeds/g.yaml: destination.type: "meta" is the API push of the meta channel; channel "google" does not support it (it supports file, sftp, ftp, ftps, http, s3, google-merchant)',
    );
    await expect(loadProject(await project(base, { 't.yaml': `channel: tiktok\n${meta}` }))).rejects.toThrow(
      'channel "tiktok" does not support it (it supports file, sftp, ftp, ftps, http, s3; it has no API push of its own)',
    );
    const ok = await loadProject(await project(base, { 'm.yaml': `channel: meta\n${meta}` }));
    expect(ok.feeds[0]!.config.destination).toMatchObject({ type: 'meta' });
  });

  it('reports YAML syntax errors with the line', async () => {
    await expect(loadProject(await project(`${base}shop: [\n`, {}))).rejects.toThrow(/shelfcast\.yaml: line \d+: invalid YAML/);
  });

  it('refuses two feeds with the same id', async () => {
    const file = await project(base, { 'a.yaml': 'id: x\nchannel: google\n', 'b.yaml': 'id: x\nchannel: meta\n' });
    await expect(loadProject(file)).rejects.toThrow(/feed id "x" is also used by feeds\/a\.yaml/);
  });
});

const load = async (feed: string, config = base) => loadProject(await project(config, { 'f.yaml': feed }));

describe('config codes at load', () => {
  it('refuses UK as a country, naming the file, the field and GB', async () => {
    await expect(load('channel: google\ncountry: UK\n')).rejects.toThrow('feeds/f.yaml: country: "UK" is not an ISO 3166-1 alpha-2 country code; did you mean GB? (write GB)');
    await expect(load('channel: google\ncountry: XX\n')).rejects.toThrow('feeds/f.yaml: country: "XX" is not an ISO 3166-1 alpha-2 country code');
  });

  it('checks matrix targets and destinations too', async () => {
    const matrix = 'channel: google\nmatrix:\n  - country: DE\n    currency: EUR\n  - country: UK\n    currency: GBP\n';
    await expect(load(matrix)).rejects.toThrow(/feeds\/f\.yaml: matrix\.1\.country: "UK" .*did you mean GB\?|feeds\/f\.yaml: matrix\[1\]\.country: "UK" .*did you mean GB\?/);
    const pin = 'channel: pinterest\ndestination:\n  type: pinterest\n  catalog_id: "1"\n  access_token_env: PIN\n  country: UK\n  language: EN\n';
    await expect(load(pin)).rejects.toThrow(/destination.*country: "UK" .*did you mean GB\?/);
    const google = 'channel: google\ndestination:\n  type: google-merchant\n  account_id: "1"\n  data_source_id: "2"\n  service_account_key_env: K\n  content_language: de-AT\n';
    await expect(load(google)).rejects.toThrow(/destination.*content_language/);
  });

  it('refuses a currency outside ISO 4217 in the feed and in catalog.currency', async () => {
    await expect(load('channel: google\ncurrency: XYZ\n')).rejects.toThrow('feeds/f.yaml: currency: "XYZ" is not an ISO 4217 currency code');
    await expect(load('channel: google\n', `${base}  currency: eur\n`)).rejects.toThrow(/shelfcast\.yaml: catalog\.currency: "eur" is not an ISO 4217 currency code; write it in upper case: EUR/);
  });

  it('takes a BCP 47 language and refuses a malformed or unknown one', async () => {
    const p = await load('channel: google\ncountry: GB\nlanguage: en-GB\n');
    expect(p.feeds[0]!.config.language).toBe('en-GB');
    await expect(load('channel: google\nlanguage: en_GB\n')).rejects.toThrow('feeds/f.yaml: language: "en_GB" is not a BCP 47 language tag');
    await expect(load('channel: google\nlanguage: xx\n')).rejects.toThrow('feeds/f.yaml: language: "xx" in "xx" is not a known ISO 639 language');
  });

  it("refuses an idealo feed in another currency than its country's market, naming the feed, the field and the fix", async () => {
    await expect(load('channel: idealo\ncountry: DE\ncurrency: USD\n')).rejects.toThrow(
      'feeds/f.yaml: currency: feed "f" for idealo in DE is in USD, but idealo takes prices there in EUR only (set currency: EUR, with a price column in EUR or convert with rates: { from: USD, to: EUR, rate: <rate> } and set EUR)',
    );
    const matrix = 'channel: idealo\nmatrix:\n  - country: DE\n    currency: EUR\n  - country: GB\n    currency: EUR\n';
    await expect(load(matrix)).rejects.toThrow('feeds/f.yaml: matrix[1].currency: feed "f-gb" for idealo in GB is in EUR, but idealo takes prices there in GBP only');
    const opts = 'options:\n  deliveryTime: 1-3 Werktage\n  deliveryCosts: { dhl: 4.95 }\n';
    const ok = await load(`channel: idealo\n${opts}matrix:\n  - country: DE\n    currency: EUR\n  - country: GB\n    currency: GBP\n`);
    expect(ok.feeds.map((f) => [f.id, f.config.currency])).toEqual([['f-de', 'EUR'], ['f-gb', 'GBP']]);
    // Other channels take any ISO 4217 currency in any country (Google converts for shoppers).
    expect((await load('channel: google\ncountry: DE\ncurrency: USD\n')).feeds).toHaveLength(1);
  });

  it('refuses a Microsoft feed whose currency is not the local currency of its country (price "submitted in local currency")', async () => {
    await expect(load('channel: microsoft\ncountry: DE\ncurrency: USD\n')).rejects.toThrow(
      'feeds/f.yaml: currency: feed "f" for Microsoft Merchant Center in DE is in USD, but Microsoft Merchant Center takes prices there in EUR only (set currency: EUR, with a price column in EUR or convert with rates: { from: USD, to: EUR, rate: <rate> } and set EUR)',
    );
    // Bulgaria has priced in euro since 2026-01-01; Panama has two legal tenders.
    await expect(load('channel: microsoft\ncountry: BG\ncurrency: BGN\n')).rejects.toThrow('takes prices there in EUR only');
    await expect(load('channel: microsoft\ncountry: PA\ncurrency: EUR\n')).rejects.toThrow('takes prices there in PAB or USD only (set currency: PAB');
    const matrix = 'channel: microsoft\nmatrix:\n  - country: US\n    currency: USD\n  - country: CA\n    currency: USD\n';
    await expect(load(matrix)).rejects.toThrow('feeds/f.yaml: matrix[1].currency: feed "f-ca" for Microsoft Merchant Center in CA is in USD, but Microsoft Merchant Center takes prices there in CAD only');
    const ok = await load('channel: microsoft\nmatrix:\n  - country: US\n    currency: USD\n  - country: PA\n    currency: USD\n  - country: CH\n    currency: CHF\n');
    expect(ok.feeds.map((f) => [f.id, f.config.currency])).toEqual([['f-us', 'USD'], ['f-pa', 'USD'], ['f-ch', 'CHF']]);
    // A country without Microsoft product ads is not checked (the channel documents no currency for it).
    expect((await load('channel: microsoft\ncountry: KE\ncurrency: USD\n')).feeds).toHaveLength(1);
  });

  it('takes any currency of their lists in any country on Meta, Pinterest, TikTok and Snapchat, which document no currency per country', async () => {
    for (const channel of ['meta', 'pinterest', 'tiktok', 'snapchat']) {
      expect((await load(`channel: ${channel}\ncountry: DE\ncurrency: USD\n`)).feeds, channel).toHaveLength(1);
    }
  });

  it("refuses a TikTok or Pinterest feed in a currency outside the channel's published list", async () => {
    await expect(load('channel: tiktok\ncountry: JM\ncurrency: JMD\n')).rejects.toThrow(
      'feeds/f.yaml: currency: feed "f" for TikTok Catalog is in JMD, which TikTok Catalog does not take (docs/channels/tiktok.md lists the 98 it does; set currency to one of them, with a price column in it or convert with rates: { from: JMD, to: <currency>, rate: <rate> })',
    );
    await expect(load('channel: pinterest\nmatrix:\n  - country: US\n    currency: USD\n  - country: VE\n    currency: VES\n')).rejects.toThrow(
      'feeds/f.yaml: matrix[1].currency: feed "f-ve" for Pinterest Catalogs is in VES, which Pinterest Catalogs does not take',
    );
    expect((await load('channel: pinterest\ncountry: JM\ncurrency: JMD\n')).feeds).toHaveLength(1);
    // Meta and Snapchat publish no currency list: any ISO 4217 code goes.
    expect((await load('channel: meta\ncountry: VE\ncurrency: VES\n')).feeds).toHaveLength(1);
    expect((await load('channel: snapchat\ncountry: JM\ncurrency: JMD\n')).feeds).toHaveLength(1);
  });
});

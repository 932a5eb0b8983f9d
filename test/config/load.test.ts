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

describe('country, currency and language codes in the config', () => {
  it('names the file, the field and the code that was meant', async () => {
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: google\ncountry: UK\n' }))).rejects.toThrow('feeds/g.yaml: country: "UK" is not an ISO 3166-1 alpha-2 country code: did you mean GB?');
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: google\ncountry: XX\n' }))).rejects.toThrow(/feeds\/g\.yaml: country: "XX" is not an ISO 3166-1 alpha-2 country code \(write an assigned code/);
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: google\ncountry: US\ncurrency: USS\n' }))).rejects.toThrow(/feeds\/g\.yaml: currency: "USS" is not an ISO 4217 currency code/);
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: google\nlanguage: en_GB\n' }))).rejects.toThrow('feeds/g.yaml: language: "en_GB" is not written as BCP 47 spells it: did you mean en-GB?');
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: google\nmatrix:\n  - { country: UK, currency: GBP }\n' }))).rejects.toThrow(/feeds\/g\.yaml: matrix\[0\]\.country: .*did you mean GB\?/);
    await expect(loadProject(await project(`${base}  currency: EURO\n`, {}))).rejects.toThrow(/shelfcast\.yaml: catalog\.currency: "EURO" is not an ISO 4217 currency code/);
  });

  it('accepts BCP 47 tags with a region', async () => {
    const p = await loadProject(await project(base, { 'g.yaml': 'channel: google\ncountry: CH\nlanguage: de-CH\ncurrency: CHF\n' }));
    expect(p.feeds[0]!.config).toMatchObject({ country: 'CH', language: 'de-CH', currency: 'CHF' });
  });

  it('refuses an idealo feed in a currency its country site does not show', async () => {
    await expect(loadProject(await project(base, { 'idealo.yaml': 'channel: idealo\ncountry: DE\ncurrency: GBP\n' }))).rejects.toThrow(
      'feeds/idealo.yaml: currency: the feed for DE is in GBP, but idealo DE takes prices in EUR only (its markets: DE EUR, AT EUR, FR EUR, IT EUR, ES EUR, GB GBP). Set currency: EUR, with prices in EUR (a matrix price: column or rates:).',
    );
    await expect(loadProject(await project(base, { 'idealo.yaml': 'channel: idealo\ncountry: GB\n' }))).rejects.toThrow(/currency: the feed for GB has no currency, so items in any currency would be listed, but idealo GB takes prices in GBP only/);
    await expect(loadProject(await project(base, { 'idealo.yaml': 'channel: idealo\nmatrix:\n  - { country: DE, currency: EUR }\n  - { country: GB, currency: EUR }\n' }))).rejects.toThrow(/feeds\/idealo\.yaml: matrix\[1\]\.currency: the feed for GB is in EUR, but idealo GB takes prices in GBP only/);
    await expect(loadProject(await project(base, { 'idealo.yaml': 'channel: idealo\ncurrency: USD\n' }))).rejects.toThrow(/currency: USD is a currency no idealo market takes .*Set country: and the currency of that market\./);
    const p = await loadProject(await project(base, { 'idealo.yaml': 'channel: idealo\noptions: { deliveryTime: 1-3 days, deliveryCosts: { standard: "4.95" } }\nmatrix:\n  - { country: DE, currency: EUR }\n  - { country: GB, currency: GBP, price: extra.price_gbp }\n' }));
    expect(p.feeds.map((f) => [f.id, f.config.currency])).toEqual([['idealo-de', 'EUR'], ['idealo-gb', 'GBP']]);
  });

  it('leaves channels without one currency per market alone', async () => {
    const p = await loadProject(await project(base, { 'g.yaml': 'channel: google\ncountry: DE\ncurrency: USD\n' }));
    expect(p.feeds[0]!.config.currency).toBe('USD');
  });
});

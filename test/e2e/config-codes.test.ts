import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, runCli } from './cli.js';

describe('shelfcast validate on bad country, currency and language codes', () => {
  it('refuses UK with the ISO code meant, exit 2, no stack trace', async () => {
    const dir = await demoProject();
    await writeFile(path.join(dir, 'feeds', 'meta.yaml'), 'channel: meta\ncountry: UK\ncurrency: GBP\nlanguage: en-GB\n');
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('feeds/meta.yaml: country: "UK" is not an ISO 3166-1 alpha-2 country code; did you mean GB? (write GB)');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('refuses an idealo feed priced in a currency idealo does not take in its country', async () => {
    const dir = await demoProject();
    await writeFile(path.join(dir, 'feeds', 'idealo.yaml'), 'channel: idealo\ncountry: GB\ncurrency: EUR\noptions:\n  deliveryTime: 1-3 days\n  deliveryCosts: { dhl: 4.95 }\n');
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('feeds/idealo.yaml: currency: feed "idealo" for idealo in GB is in EUR, but idealo takes prices there in GBP only (set currency: GBP');
  });

  it('refuses a Microsoft feed not priced in the local currency of its country, and a TikTok feed in a currency TikTok does not take', async () => {
    const dir = await demoProject();
    await writeFile(path.join(dir, 'feeds', 'microsoft.yaml'), 'channel: microsoft\ncountry: CA\ncurrency: USD\nlanguage: en-CA\n');
    const r = await runCli(['validate'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('feeds/microsoft.yaml: currency: feed "microsoft" for Microsoft Merchant Center in CA is in USD, but Microsoft Merchant Center takes prices there in CAD only (set currency: CAD');
    await writeFile(path.join(dir, 'feeds', 'microsoft.yaml'), 'channel: microsoft\ncountry: CA\ncurrency: CAD\nlanguage: en-CA\n');
    await writeFile(path.join(dir, 'feeds', 'tiktok.yaml'), 'channel: tiktok\nformat: csv\ncountry: JM\ncurrency: JMD\nlanguage: en\n');
    const t = await runCli(['validate'], dir);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('feeds/tiktok.yaml: currency: feed "tiktok" for TikTok Catalog is in JMD, which TikTok Catalog does not take (docs/channels/tiktok.md lists the 98 it does');
    expect(t.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

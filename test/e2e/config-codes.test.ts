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
});

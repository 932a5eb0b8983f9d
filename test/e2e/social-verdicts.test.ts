import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetaServer, type MetaServer } from '../servers/meta-server.js';
import type { MetaVerdictOptions } from '../servers/meta-product-status.js';
import { startPinterestServer, type PinterestServer, type PinterestVerdictOptions } from '../servers/pinterest-server.js';
import { demoProject, REPO, runCli } from './cli.js';

const META_TOKEN = 'EAAB-e2e-meta-verdicts-canary';
const PIN_TOKEN = 'pina_e2e-pinterest-verdicts-canary';

/**
 * `shelfcast run` on the demo project pushing its Meta feed and a Pinterest feed to their test
 * servers: Meta's servers decide from what they hold (a broken image, a policy rejection) and
 * throttle reads the way the Graph API does; Pinterest refuses one item in its batch record and
 * answers 429 now and then. The real CLI reads both channels' verdicts after the push, from the
 * batch handles the push kept, and shows them in run --json, status, explain, JUnit and the HTML
 * report; --fail-on-disapprovals gates on them. Nothing waits on a clock.
 */
describe('run against Meta and Pinterest: the channels\' verdicts end to end', () => {
  let meta: MetaServer;
  let pinterest: PinterestServer;
  let dir: string;
  const env = { META_TOKEN, PIN_TOKEN };
  const metaDecides: Required<Pick<MetaVerdictOptions, 'brokenImages' | 'rejected'>> & MetaVerdictOptions = {
    pageCap: 3, throttleEvery: 4, brokenImages: new Set(['https://cdn.example.com/img/mug.jpg']), rejected: new Map([['KETTLE-GOOSE', ['PROHIBITED_PRODUCT']]]),
  };
  const pinDecides: Required<Pick<PinterestVerdictOptions, 'errors'>> & PinterestVerdictOptions = {
    throttleEvery: 3, errors: new Map([['CANDLE-CEDAR', [{ attribute: 'image_link', message: 'Image link is invalid.' }]]]),
  };

  beforeAll(async () => {
    meta = await startMetaServer({ catalog: '777', token: META_TOKEN, verdicts: metaDecides });
    pinterest = await startPinterestServer({ token: PIN_TOKEN, verdicts: pinDecides });
    dir = await demoProject();
    for (const id of ['amazon', 'ebay', 'google']) await rm(path.join(dir, 'feeds', `${id}.yaml`));
    const demo = await readFile(path.join(REPO, 'feeds', 'meta.yaml'), 'utf8');
    await writeFile(path.join(dir, 'feeds', 'meta.yaml'), `${demo}destination:\n  type: meta\n  catalog_id: "777"\n  access_token_env: META_TOKEN\n  endpoint: ${meta.url}\n`);
    await writeFile(path.join(dir, 'feeds', 'pinterest.yaml'), `channel: pinterest\nformat: csv\ncountry: US\nlanguage: en\ncurrency: USD\ndestination:\n  type: pinterest\n  access_token_env: PIN_TOKEN\n  country: US\n  language: en-US\n  endpoint: ${pinterest.url}\n`);
  });
  afterAll(async () => {
    await meta?.stop();
    await pinterest?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps both channels\' verdicts with the run and shows them in run --json, status, explain, JUnit and HTML', async () => {
    const r = await runCli(['run', '--json', '--report', 'junit=out/junit.xml', '--report', 'html=out/report.html'], dir, env);
    expect(meta.violations).toEqual([]);
    expect(pinterest.violations).toEqual([]);
    // Pinterest refused CANDLE-CEDAR in its batch: the push says so and the run exits 1.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).not.toContain(META_TOKEN);
    expect(r.stdout + r.stderr).not.toContain(PIN_TOKEN);
    const json = JSON.parse(r.stdout);
    const byFeed = Object.fromEntries(json.verdicts.map((v: any) => [v.feed, v]));
    expect(byFeed.meta).toMatchObject({ channel: 'meta', source: 'meta://catalogs/777', items: meta.items.size, counts: { disapproved: 2 } });
    expect(byFeed.meta.codes.map((c: any) => [c.code, c.items, c.field])).toEqual(expect.arrayContaining([['IMAGE_FETCH_FAILED_LINK_BROKEN', ['MUG-STONE'], 'image_link'], ['review_rejected', ['KETTLE-GOOSE'], undefined]]));
    expect(byFeed.pinterest).toMatchObject({ channel: 'pinterest', source: 'pinterest://catalogs/US/en-US', counts: { disapproved: 1 } });
    expect(byFeed.pinterest.codes).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'image_link', severity: 'disapproved', items: ['CANDLE-CEDAR'], field: 'image_link' })]));

    // Kept beside the verdicts: the batch handles of the push, then the verdicts with the run id.
    const metaFolder = path.join(dir, '.shelfcast', 'feeds', 'meta', 'verdicts');
    expect((await readdir(path.join(metaFolder, 'batches'))).some((f) => f.startsWith('meta-'))).toBe(true);
    expect((await readdir(metaFolder)).some((f) => f.includes(json.runId))).toBe(true);

    const status = JSON.parse((await runCli(['status', '--json'], dir, env)).stdout);
    expect(status.feeds.find((f: any) => f.feed === 'meta').verdicts).toMatchObject({ source: 'meta://catalogs/777', counts: { disapproved: 2 } });
    expect(status.feeds.find((f: any) => f.feed === 'pinterest').verdicts).toMatchObject({ counts: { disapproved: 1 } });
    expect((await runCli(['status'], dir, env)).stdout).toMatch(/channel at \S+: \d+ approved, 0 limited, 2 disapproved, 0 pending/);

    const explainMeta = (await runCli(['explain', 'MUG-STONE', '--feed', 'meta'], dir, env)).stdout;
    expect(explainMeta).toContain('meta said (meta://catalogs/777');
    expect(explainMeta).toMatch(/disapproved IMAGE_FETCH_FAILED_LINK_BROKEN \[image_url\]: Image link broken/);
    expect(explainMeta).toMatch(/catalog field image_link: "https:\/\/cdn\.example\.com\/img\/mug\.jpg"/);
    expect(explainMeta).toContain('check before sending: Meta: Image link broken [image_link]');
    const explainPin = JSON.parse((await runCli(['explain', 'CANDLE-CEDAR', '--feed', 'pinterest', '--json'], dir, env)).stdout);
    expect(explainPin.channelVerdict).toMatchObject({ channel: 'pinterest', verdict: { status: 'disapproved', issues: [expect.objectContaining({ code: 'image_link', message: 'Image link is invalid.' })] } });

    const junit = await readFile(path.join(dir, 'out', 'junit.xml'), 'utf8');
    const cases = (cls: string) => [...junit.matchAll(new RegExp(`<testcase[^>]*classname="${cls.replace(/\./g, '\\.')}"[^>]*>[\\s\\S]*?</testcase>`, 'g'))].map((m) => m[0]).filter((c) => c.includes('<failure'));
    expect(cases('shelfcast.channel.meta.meta')).toHaveLength(2);
    expect(cases('shelfcast.channel.pinterest.pinterest')).toEqual([expect.stringContaining('CANDLE-CEDAR')]);

    const html = await readFile(path.join(dir, 'out', 'report.html'), 'utf8');
    expect(html).toContain('data-verdicts="meta"');
    expect(html).toContain('data-verdicts="pinterest"');
    expect(html).toContain('data-code="IMAGE_FETCH_FAILED_LINK_BROKEN"');
    expect(html).toContain('data-code="review_rejected"');
    expect(html).toMatch(/<tr data-item="CANDLE-CEDAR"><td>CANDLE-CEDAR<\/td><td>disapproved<\/td>/);
  });

  it('--fail-on-disapprovals: no rise passes, Meta rejecting two more items fails the run and says why', async () => {
    // Pinterest now takes the candle (it is sent again, its refusal was never acknowledged).
    pinDecides.errors.clear();
    const same = await runCli(['run', '--json', '--fail-on-disapprovals', '10%'], dir, env);
    expect(same.code, same.stderr).toBe(0);
    const after = Object.fromEntries(JSON.parse(same.stdout).verdicts.map((v: any) => [v.feed, v.counts.disapproved]));
    expect(after).toEqual({ meta: 2, pinterest: 0 });
    // Meta's review rejects two more items; nothing is sent again (unchanged), the catalog read sees it.
    metaDecides.rejected.set('CANDLE-CEDAR', ['PROHIBITED_PRODUCT']);
    metaDecides.rejected.set('NOTEBOOK-A5', ['MISLEADING_CLAIMS']);
    const rose = await runCli(['run', '--json', '--fail-on-disapprovals', '10%'], dir, env);
    expect(rose.code).toBe(1);
    expect(JSON.stringify(JSON.parse(rose.stdout))).toContain('verdicts.disapprovals_rose');
    expect(rose.stderr + rose.stdout).toMatch(/meta: disapprovals rose by 2 \(\d+\.\d% of \d+ items; the limit is 10\.0%\)/);
    expect(rose.stderr + rose.stdout).not.toMatch(/pinterest: disapprovals rose/);
  });
});

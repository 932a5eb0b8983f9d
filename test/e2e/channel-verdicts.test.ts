/// <reference lib="dom" />
import { generateKeyPairSync } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, skipBrowser } from '../report/browser.js';
import { productStatusRoutes, type ItemLevelIssue } from '../servers/merchant-product-status.js';
import { startMerchantServer, type MerchantServer } from '../servers/merchant-server.js';
import { startEbayMock, type EbayMock } from '../servers/ebay-mock.js';
import { startSpApiMock, type SpApiMock } from '../servers/sp-api-mock.js';
import { demoProject, REPO, runCli } from './cli.js';
import { redPixels } from './screenshot-pixels.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const EMAIL = 'feeds@demo-shop.iam.gserviceaccount.com';

/**
 * `shelfcast run` on the demo project pushing its Google feed to the Merchant test server, which
 * disapproves some items the way Merchant Center does (a broken image, a policy code): the real
 * CLI reads the verdicts after the push, keeps them in the state folder, and `status`, `explain`,
 * JUnit and `--fail-on-disapprovals` show them. The server decides from what it holds, so the
 * verdicts are there as soon as the push returns: nothing waits on a clock.
 */
describe('run against the Merchant API: the channel verdicts end to end', () => {
  let server: MerchantServer;
  let amazon: SpApiMock | undefined;
  let ebay: EbayMock | undefined;
  let dir: string;
  let env: Record<string, string>;
  const brokenImages = new Set(['https://cdn.example.com/img/mug.jpg']);
  const policy: ItemLevelIssue = { code: 'policy_violation', severity: 'DISAPPROVED', resolution: 'merchant_action', reportingContext: 'SHOPPING_ADS', description: 'Violation of Shopping ads policy', detail: 'Remove the product or change it to comply', documentation: 'https://support.google.com/merchants/answer/6149970' };
  const issues = new Map<string, ItemLevelIssue[]>([['KETTLE-GOOSE', [policy]]]);

  beforeAll(async () => {
    server = await startMerchantServer({ account: '123', dataSource: '456', publicKey, clientEmail: EMAIL, rate: 0, routes: productStatusRoutes({ account: '123', dataSource: '456', brokenImages, issues }) });
    dir = await demoProject();
    // Only the Google feed, now with a Merchant API destination on the test server.
    for (const id of ['amazon', 'ebay', 'meta']) await rm(path.join(dir, 'feeds', `${id}.yaml`));
    const demo = await readFile(path.join(REPO, 'feeds', 'google.yaml'), 'utf8');
    await writeFile(path.join(dir, 'feeds', 'google.yaml'), `${demo}destination:\n  type: google-merchant\n  account_id: "123"\n  data_source_id: "456"\n  service_account_key_env: GOOGLE_KEY\n  endpoint: ${server.url}\n  requests_per_minute: 100000\n  min_update_interval_hours: 0\n`);
    env = { GOOGLE_KEY: JSON.stringify({ type: 'service_account', client_email: EMAIL, private_key: privateKey, token_uri: `${server.url}/token` }) };
  });
  afterAll(async () => {
    await server?.stop();
    await amazon?.close();
    await ebay?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores the verdicts with the run and shows them in run --json, status, explain and JUnit', async () => {
    const r = await runCli(['run', '--json', '--report', 'junit=out/junit.xml'], dir, env);
    expect(server.violations).toEqual([]);
    // Disapprovals alone do not fail a run that was not asked to gate on them.
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.verdicts).toEqual([expect.objectContaining({ feed: 'google', channel: 'google', source: 'google-merchant://accounts/123/dataSources/456' })]);
    const summary = json.verdicts[0];
    expect(summary.items).toBe(server.products.size);
    expect(summary.counts.disapproved).toBe(2);
    expect(summary.codes.map((c: any) => [c.code, c.items])).toEqual(expect.arrayContaining([['image_link_broken', ['MUG-STONE']], ['policy_violation', ['KETTLE-GOOSE']]]));
    expect(summary.codes.find((c: any) => c.code === 'image_link_broken')).toMatchObject({ field: 'image_link' });

    // Kept in the state folder, keyed by item id.
    const folder = path.join(dir, '.shelfcast', 'feeds', 'google', 'verdicts');
    const files = await readdir(folder);
    expect(files.some((f) => f.includes(json.runId))).toBe(true);
    const stored = await Promise.all(files.map(async (f) => readFile(path.join(folder, f), 'utf8')));
    const full = stored.map((t) => JSON.parse(t)).find((v) => v.items && !Array.isArray(v.items));
    expect(json.runId).toEqual(expect.any(String));
    expect(full.runId).toBe(json.runId);
    expect(full.items['MUG-STONE']).toMatchObject({ status: 'disapproved', issues: [expect.objectContaining({ code: 'image_link_broken', field: 'image_link' })] });
    expect(full.items['TEE-RED-S']).toMatchObject({ status: 'approved' });

    const status = JSON.parse((await runCli(['status', '--json'], dir, env)).stdout);
    expect(status.feeds.find((f: any) => f.feed === 'google').verdicts).toMatchObject({ source: 'google-merchant://accounts/123/dataSources/456', counts: { disapproved: 2 } });
    const statusText = (await runCli(['status'], dir, env)).stdout;
    expect(statusText).toMatch(/channel at \S+: \d+ approved, 0 limited, 2 disapproved, 0 pending/);

    // history: the run's feed line carries what the channel said after that run's push.
    const hist = JSON.parse((await runCli(['history', '--json'], dir, env)).stdout);
    const histFeed = hist.runs.find((r: any) => r.runId === json.runId).feeds.find((f: any) => f.id === 'google');
    expect(histFeed.verdicts).toMatchObject({ source: 'google-merchant://accounts/123/dataSources/456', counts: { disapproved: 2, limited: 0 } });
    expect(histFeed.verdicts.codes).toEqual(expect.arrayContaining([{ code: 'image_link_broken', items: 1 }, { code: 'policy_violation', items: 1 }]));
    const histText = (await runCli(['history', '--feed', 'google'], dir, env)).stdout;
    expect(histText).toMatch(/\n\s+channel: \d+ approved, 0 limited, 2 disapproved, 0 pending {2}(image_link_broken|policy_violation) x1/);

    const explain = JSON.parse((await runCli(['explain', 'MUG-STONE', '--feed', 'google', '--json'], dir, env)).stdout);
    expect(explain.channelVerdict).toMatchObject({ channel: 'google', verdict: { status: 'disapproved', issues: [expect.objectContaining({ code: 'image_link_broken' })] } });
    const explainText = (await runCli(['explain', 'MUG-STONE', '--feed', 'google'], dir, env)).stdout;
    expect(explainText).toContain('google said (google-merchant://accounts/123/dataSources/456');
    expect(explainText).toMatch(/disapproved image_link_broken \[image_link\]/);
    expect(explainText).toMatch(/catalog field image_link: "https:\/\/cdn\.example\.com\/img\/mug\.jpg"/);
    expect(explainText).toContain('check before sending: Google: Invalid image [image_link]');

    // JUnit: one failure per disapproved item code, under the channel's class name.
    const junit = await readFile(path.join(dir, 'out', 'junit.xml'), 'utf8');
    const failures = [...junit.matchAll(/<failure[^>]*>/g)].map((m) => m[0]);
    const channelCases = [...junit.matchAll(/<testcase[^>]*classname="shelfcast\.channel\.google\.google"[^>]*>[\s\S]*?<\/testcase>/g)].map((m) => m[0]);
    expect(channelCases.filter((c) => c.includes('<failure'))).toHaveLength(2);
    expect(failures.filter((f) => /image_link_broken/.test(f))).toHaveLength(1);
    expect(failures.filter((f) => /policy_violation/.test(f))).toHaveLength(1);
  });

  it('--fail-on-disapprovals: a run within the share passes, a rise beyond it exits 1 and says why', async () => {
    // Nothing changed since the last fetch: no rise, the run passes.
    const same = await runCli(['run', '--json', '--fail-on-disapprovals', '10%'], dir, env);
    expect(same.code, same.stderr).toBe(0);
    // Two more items disapproved by the channel: a rise of 2 of 8 items (25%) beyond 10%.
    brokenImages.add('https://cdn.example.com/img/notebook.jpg');
    issues.set('CANDLE-CEDAR', [{ ...policy }]);
    const rose = await runCli(['run', '--json', '--fail-on-disapprovals', '10%'], dir, env);
    expect(rose.code).toBe(1);
    const json = JSON.parse(rose.stdout);
    expect(json.verdicts[0].counts.disapproved).toBe(4);
    expect(JSON.stringify(json)).toContain('verdicts.disapprovals_rose');
    expect(rose.stderr + rose.stdout).toMatch(/google: disapprovals rose by 2 \(\d+\.\d% of \d+ items; the limit is 10\.0%\)/);
    // The same rise within a wider share passes (the gate compares with the previous fetch: now 4).
    brokenImages.add('https://cdn.example.com/img/headphones.jpg');
    const within = await runCli(['run', '--json', '--fail-on-disapprovals', '50%'], dir, env);
    expect(within.code, within.stderr).toBe(0);
    expect(JSON.parse(within.stdout).verdicts[0].counts.disapproved).toBe(5);
    // --no-verdicts: the push goes out, the channel is not asked; status keeps the last fetch.
    brokenImages.add('https://cdn.example.com/img/kettle.jpg');
    const unread = await runCli(['run', '--json', '--no-verdicts'], dir, env);
    expect(unread.code, unread.stderr).toBe(0);
    expect(JSON.parse(unread.stdout).verdicts).toBeUndefined();
    const kept = JSON.parse((await runCli(['status', '--json'], dir, env)).stdout);
    expect(kept.feeds.find((f: any) => f.feed === 'google').verdicts.counts.disapproved).toBe(5);
    // A gate on verdicts that are not read is a usage error, before anything is built.
    const both = await runCli(['run', '--no-verdicts', '--fail-on-disapprovals', '5%'], dir, env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--fail-on-disapprovals needs the verdicts that --no-verdicts leaves unread');
    expect(both.stderr).not.toMatch(/\n\s+at /);
  });

  it.skipIf(skipBrowser)('the HTML report, in headless Chromium, shows Google\'s, Amazon\'s and eBay\'s verdicts per item and the disapprovals over the last fetches; JUnit has every channel', async () => {
    // The demo's Amazon feed pushed to the SP-API test server, which suppresses one listing (no
    // applied enforcement other than this) and hides another from search.
    const credentials = { clientId: 'amzn-client', clientSecret: 'amzn-secret-5d1e', refreshToken: 'Atzr|amzn-refresh-8c2f' };
    amazon = await startSpApiMock({
      now: () => new Date(), credentials, pollsToFinish: 1,
      listingIssues: new Map([
        ['BACKPACK-20', [{ code: '18155', message: 'The item is missing safety information required for this product type.', severity: 'ERROR', attributeNames: ['supplier_declared_dg_hz_regulation'], categories: ['MISSING_ATTRIBUTE'], enforcements: { actions: [{ action: 'LISTING_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } }, marketplaceIds: ['ATVPDKIKX0DER'] }]],
        ['CANDLE-CEDAR', [{ code: '99300', message: 'The title contains promotional text.', severity: 'ERROR', attributeNames: ['item_name'], categories: ['INVALID_ATTRIBUTE'], enforcements: { actions: [{ action: 'SEARCH_SUPPRESSED' }], exemption: { status: 'NOT_EXEMPT' } }, marketplaceIds: ['ATVPDKIKX0DER'] }]],
      ]),
    });
    const demo = await readFile(path.join(REPO, 'feeds', 'amazon.yaml'), 'utf8');
    await writeFile(path.join(dir, 'feeds', 'amazon.yaml'), `${demo}destination: { type: amazon, region: na, marketplace_ids: [ATVPDKIKX0DER], endpoint: "${amazon.url}", token_endpoint: "${amazon.url}/auth/o2/token", client_id_env: MP_CLIENT, client_secret_env: MP_SECRET, refresh_token_env: MP_REFRESH, poll_seconds: 0.05, timeout_seconds: 5 }\n`);
    // The demo's eBay feed on the eBay test server: one offer refused (no shipping service), one
    // listing put on hold for a policy violation, one inventory item with a warning.
    ebay = await startEbayMock({ credentials, failures: { offer: new Map([['MUG-STONE', 25007]]) }, inventoryWarnings: new Map([['NOTEBOOK-A5', 25401]]), listingStates: new Map([['HEADPHONES-REF', { listingOnHold: true }]]) });
    const ebayDemo = await readFile(path.join(REPO, 'feeds', 'ebay.yaml'), 'utf8');
    await writeFile(path.join(dir, 'feeds', 'ebay.yaml'), `${ebayDemo}destination: { type: ebay, endpoint: "${ebay.url}", token_endpoint: "${ebay.url}/identity/v1/oauth2/token", client_id_env: MP_CLIENT, client_secret_env: MP_SECRET, refresh_token_env: MP_REFRESH, timeout_seconds: 5 }\n`);
    const all = { ...env, MP_CLIENT: credentials.clientId, MP_SECRET: credentials.clientSecret, MP_REFRESH: credentials.refreshToken };
    const r = await runCli(['run', '--json', '--report', 'html=out/report.html', '--report', 'junit=out/junit.xml'], dir, all);
    // eBay refused one offer: the run says so and exits 1; the verdicts are read all the same.
    expect(r.code, r.stderr).toBe(1);
    expect(amazon.violations).toEqual([]);
    expect(ebay.violations).toEqual([]);
    const json = JSON.parse(r.stdout);
    expect(json.feeds.map((f: any) => [f.id, f.status])).toEqual(expect.arrayContaining([['amazon', 'published'], ['ebay', 'failed'], ['google', 'published']]));
    const ebaySummary = json.verdicts.find((v: any) => v.feed === 'ebay');
    // The ten demo SKUs (the TEE group is no item): the refused one too, from what eBay answered the push.
    expect(ebaySummary).toMatchObject({ channel: 'ebay', items: 10, counts: { approved: 8, limited: 0, disapproved: 2, pending: 0 } });
    expect(ebaySummary.codes.map((c: any) => [c.code, c.items])).toEqual([['25007', ['MUG-STONE']], ['listingOnHold', ['HEADPHONES-REF']], ['25401', ['NOTEBOOK-A5']]]);
    const amazonSummary = json.verdicts.find((v: any) => v.feed === 'amazon');
    expect(amazonSummary).toMatchObject({ channel: 'amazon', counts: { disapproved: 1, limited: 1, pending: 0 } });
    // Every SKU the push left on Amazon was read: the ten demo items and the TEE parent.
    expect(amazonSummary.items).toBe(11);

    const explain = (await runCli(['explain', 'BACKPACK-20', '--feed', 'amazon'], dir, all)).stdout;
    expect(explain).toMatch(/disapproved 18155 \[supplier_declared_dg_hz_regulation\]/);
    const status = (await runCli(['status'], dir, all)).stdout;
    expect(status).toMatch(/channel at \S+: 9 approved, 1 limited, 1 disapproved, 0 pending/);
    expect((await runCli(['explain', 'MUG-STONE', '--feed', 'ebay'], dir, all)).stdout).toMatch(/disapproved 25007/);
    // On demand: diagnostics reads Amazon and eBay again; nothing changed since the run's fetch.
    const diag = await runCli(['diagnostics', '--feed', 'amazon,ebay', '--json'], dir, all);
    expect(diag.code, diag.stderr).toBe(0);
    expect(JSON.parse(diag.stdout).feeds.map((f: any) => [f.feed, f.counts.disapproved, f.rise.rise])).toEqual([['amazon', 1, 0], ['ebay', 2, 0]]);
    const junit = await readFile(path.join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase[^>]*classname="shelfcast\.channel\.amazon\.amazon"[^>]*name="[^"]*BACKPACK-20[^"]*"[^>]*>\s*<failure[^>]*18155/);
    expect(junit).toMatch(/<testcase[^>]*classname="shelfcast\.channel\.ebay\.ebay"[^>]*name="HEADPHONES-REF"[^>]*>\s*<failure[^>]*listingOnHold/);
    expect(junit).toMatch(/<testcase[^>]*classname="shelfcast\.channel\.ebay\.ebay"[^>]*name="MUG-STONE"[^>]*>\s*<failure[^>]*25007/);

    const context = await launchChromium();
    try {
      const page = await context.newPage();
      await page.goto(`file://${path.join(dir, 'out', 'report.html')}`, { waitUntil: 'load' });
      const google = page.locator('[data-verdicts="google"]');
      const amazonSection = page.locator('[data-verdicts="amazon"]');
      expect(await google.locator('[data-metric="disapproved"] dd').textContent()).toBe('5');
      expect(await amazonSection.locator('[data-metric="disapproved"] dd').textContent()).toBe('1');
      expect(await amazonSection.locator('[data-metric="limited"] dd').textContent()).toBe('1');
      expect(await amazonSection.locator('[data-worst] tbody tr').evaluateAll((rows) => rows.map((x) => x.getAttribute('data-item')))).toEqual(['BACKPACK-20', 'CANDLE-CEDAR']);
      const ebaySection = page.locator('[data-verdicts="ebay"]');
      expect(await ebaySection.locator('[data-metric="disapproved"] dd').textContent()).toBe('2');
      expect(await ebaySection.locator('[data-worst] tbody tr').evaluateAll((rows) => rows.map((x) => x.getAttribute('data-item')))).toEqual(['HEADPHONES-REF', 'MUG-STONE', 'NOTEBOOK-A5']);
      expect(await google.locator('[data-channel-codes] tbody tr').evaluateAll((rows) => rows.map((x) => x.getAttribute('data-code')))).toEqual(expect.arrayContaining(['image_link_broken', 'policy_violation']));
      // Google's chart: the five fetches of this project's runs (2, 2, 4, 5, 5 disapproved), oldest
      // first, in the order they were made although the pinned clock gives them one time.
      const chart = google.locator('svg[data-verdict-chart="google"]');
      expect(await chart.getAttribute('data-fetches')).toBe('5');
      expect(await chart.locator('rect.vbad').evaluateAll((rects) => rects.map((x) => Number(x.getAttribute('data-disapproved'))))).toEqual([2, 2, 4, 5, 5]);
      // Accessible: an image with a name and a description, and a table with the same numbers.
      expect(await chart.getAttribute('role')).toBe('img');
      const labelled = await chart.evaluate((svg) => svg.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)?.textContent ?? ''));
      expect(labelled[0]).toBe('google: items google disapproved or limited over the last 5 fetches');
      expect(labelled[1]).toMatch(/^Disapproved went from 2 to 5 and limited from 0 to 0 between /);
      const table = google.locator('[data-verdict-table="google"] tbody tr');
      expect(await table.evaluateAll((rows) => rows.map((x) => x.children[5]!.textContent))).toEqual(['5', '5', '4', '2', '2']);

      // The screenshot: the whole page, and the chart, whose red bars must be on it.
      const shot = path.join(dir, 'out', 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      if (process.env.SHELFCAST_SCREENSHOT) await page.screenshot({ path: process.env.SHELFCAST_SCREENSHOT, fullPage: true });
      const png = await readFile(shot);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(1100);
      const chartShot = await chart.screenshot();
      const box = (await chart.boundingBox())!;
      const red = await redPixels(context, chartShot);
      // Bars of 2+2+4+5+5 on an axis to 5 fill a good part of the plot: far more than the legend's square.
      expect(red.share).toBeGreaterThan(0.03);
      expect(Math.abs(red.width - Math.round(box.width))).toBeLessThanOrEqual(1);
    } finally {
      await context.close();
    }
  });
});

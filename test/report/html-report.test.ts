/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/run/history.js';
import { runCli } from '../e2e/cli.js';
import { editCatalog, twoFeedProject } from '../schedule/project.js';
import { launchChromium, skipBrowser } from './browser.js';

const HOSTILE = '<img src="http://203.0.113.9/x.png" onerror="window.pwned=1"><script>window.pwned=1</script>';

describe.skipIf(skipBrowser)('the HTML report in headless Chromium', () => {
  it('shows the numbers of the recorded run, loads nothing from outside and reads well', async () => {
    const dir = await twoFeedProject();
    const first = await runCli(['run', '--json'], dir);
    expect(first.code).toBe(0);
    await editCatalog(dir, { 3: { price: HOSTILE }, 4: { title: '' }, 5: { gtin: '12345' }, 7: { image_link: '' } });
    const r = await runCli(['run', '--json', '--report', 'html=report/index.html'], dir);
    expect(r.code).toBe(1);
    const { runId } = JSON.parse(r.stdout);
    const record = JSON.parse(await readFile(path.join(dir, '.shelfcast', 'runs', `${runId}.json`), 'utf8')) as RunRecord;

    const context = await launchChromium();
    try {
      const requests: string[] = [];
      context.on('request', (req) => requests.push(req.url()));
      // Anything but the report itself is blocked as well as recorded.
      await context.route(/^(?!file:).*/, (route) => route.abort());
      const page = await context.newPage();
      const url = `file://${path.join(dir, 'report', 'index.html')}`;
      await page.goto(url, { waitUntil: 'load' });
      await page.screenshot({ path: path.join(dir, 'report', 'screenshot.png'), fullPage: true });
      if (process.env.SHELFCAST_SCREENSHOT) await page.screenshot({ path: process.env.SHELFCAST_SCREENSHOT, fullPage: true });

      expect(requests).toEqual([url]);
      expect(await page.evaluate(() => document.scripts.length)).toBe(0);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.title()).toBe(`Demo Shop: feed report ${runId}`);

      const shown = await page.evaluate(() => {
        const metrics = (root: Element) => Object.fromEntries([...root.querySelectorAll(':scope > dl > [data-metric]')].map((m) => [m.getAttribute('data-metric'), Number(m.querySelector('dd')!.textContent!.replace(/,/g, ''))]));
        const catalog = document.querySelector('[data-catalog]')!;
        return {
          catalog: metrics(catalog),
          catalogCodes: [...catalog.querySelectorAll('tr[data-code]')].map((tr) => [tr.getAttribute('data-code'), Number(tr.children[1]!.textContent)]),
          feeds: [...document.querySelectorAll('section[data-feed]')].map((s) => ({
            id: s.getAttribute('data-feed'),
            status: s.querySelector('[data-status]')!.getAttribute('data-status'),
            metrics: metrics(s),
            codes: [...s.querySelectorAll('tr[data-code]')].map((tr) => [tr.getAttribute('data-code'), Number(tr.children[1]!.textContent)]),
            bars: [...s.querySelectorAll('svg.chart rect.bar')].map((b) => Number(b.getAttribute('data-items'))),
            errorDots: [...s.querySelectorAll('svg.chart circle.errdot')].map((c) => Number(c.getAttribute('data-errors'))),
            delivery: s.querySelector('[data-delivery]')!.textContent,
          })),
          text: document.body.innerText,
        };
      });
      expect(shown.catalog).toEqual({ read: record.items.total, valid: record.items.valid, invalid: record.items.invalid });
      // Row 5's GTIN is only left out (an optional field); rows 3 and 4 are invalid.
      expect(shown.catalog).toEqual({ read: 10, valid: 8, invalid: 2 });
      expect(shown.catalogCodes).toEqual(record.catalog!.issueCodes.map((c) => [c.code, c.count]));
      expect(shown.feeds.map((f) => f.id)).toEqual(record.feeds.map((f) => f.id));
      for (const [i, f] of record.feeds.entries()) {
        const s = shown.feeds[i]!;
        expect(s.status).toBe(f.status);
        expect(s.metrics).toEqual({ items: f.items, excluded: f.counts.excluded, filtered: f.counts.filtered, written: f.counts.written, pushed: f.counts.pushed, failed: f.counts.failed, errors: f.errors, warnings: f.warnings });
        expect(s.codes).toEqual(f.issueCodes.slice(0, 8).map((c) => [c.code, c.count]));
        // The chart: the clean first run (10 items, no errors), then this one.
        expect(s.bars).toEqual([10, f.items]);
        expect(s.errorDots).toEqual([0, f.errors]);
        expect(s.delivery).toMatch(/^Not published: the safety check held this version back/);
      }
      expect(record.feeds.map((f) => [f.id, f.items, f.counts.excluded])).toEqual([
        ['google', 7, 1],
        ['meta', 7, 1],
      ]);
      // Words for people, with the hostile cell shown as text.
      expect(shown.text).toContain('Needs attention');
      expect(shown.text).toContain('What to do');
      expect(shown.text).toContain('Fill in image_link');
      expect(shown.text).toMatch(/price: price "<img src=.*203\.0\.113\.9\/x\.png/);
      expect(shown.text).toContain('Held back by the safety check');
    } finally {
      await context.close();
    }
  });
});

/// <reference lib="dom" />
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderHtmlReport } from '../../src/report/html-report.js';
import { summarizeVerdicts, type ItemVerdict } from '../../src/verdicts/model.js';
import { launchChromium, skipBrowser } from './browser.js';
import { sampleRun } from './sample-run.js';

const HOSTILE = '<img src=x onerror="window.pwned=1">';
const bad = (id: string, codes: string[]): ItemVerdict => ({ id, status: 'disapproved', issues: codes.map((code) => ({ code, severity: 'disapproved' as const, message: `Problem ${code}`, attribute: 'gtin', field: 'gtin', hint: 'a gtin check' })) });

describe.skipIf(skipBrowser)('channel verdicts in the HTML report, in headless Chromium', () => {
  it('shows the counts, the channel codes and the worst items of the fetch after the run', async () => {
    const run = sampleRun();
    const v = summarizeVerdicts({
      feed: 'google', channel: 'google', source: 'google-merchant://accounts/1/dataSources/2', fetchedAt: '2026-01-01T00:00:00.000Z', runId: run.runId,
      items: [bad('A', ['invalid_upc', 'image_link_broken']), bad(HOSTILE, ['invalid_upc']), { id: 'C', status: 'limited', issues: [{ code: 'landing_page_error', severity: 'demoted', message: 'Unavailable landing page', attribute: 'link', field: 'link' }] }, { id: 'D', status: 'approved', issues: [] }, { id: 'E', status: 'pending', issues: [] }],
    });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-html-verdicts-'));
    const file = path.join(dir, 'index.html');
    await writeFile(file, renderHtmlReport({ run, history: [run], project: 'Demo Shop', verdicts: [v] }));
    const context = await launchChromium();
    try {
      const page = await context.newPage();
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const section = page.locator('[data-verdicts="google"]');
      const metric = async (m: string) => (await section.locator(`[data-metric="${m}"] dd`).textContent())?.trim();
      expect([await metric('approved'), await metric('limited'), await metric('disapproved'), await metric('pending')]).toEqual(['1', '1', '2', '1']);
      expect(await section.locator('[data-metric="disapproved"]').getAttribute('class')).toBe('bad');
      const codes = await section.locator('[data-channel-codes] tbody tr').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-code'), r.children[2]!.textContent]));
      expect(codes).toEqual([['invalid_upc', '2'], ['image_link_broken', '1'], ['landing_page_error', '1']]);
      const worst = await section.locator('[data-worst] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-item')));
      expect(worst).toEqual(['A', HOSTILE, 'C']);
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.evaluate(() => document.images.length)).toBe(0);
    } finally {
      await context.close();
    }
  });

  it('charts the disapprovals of the last fetches, accessible, with the numbers in a table; a fetch with no history charts itself', async () => {
    const run = sampleRun();
    const at = (h: number) => `2026-01-0${h}T08:00:00.000Z`;
    const summary = (h: number, disapproved: number, limited: number) =>
      summarizeVerdicts({ feed: 'google', channel: 'google', source: 's', fetchedAt: at(h), runId: `r${h}`, items: [...Array.from({ length: disapproved }, (_, i) => bad(`B${i}`, ['invalid_upc'])), ...Array.from({ length: limited }, (_, i) => ({ id: `L${i}`, status: 'limited' as const, issues: [] })), { id: 'OK', status: 'approved' as const, issues: [] }] });
    // Newest first, as the store reads them; the current fetch is the newest.
    const history = [summary(3, 1, 2), summary(2, 4, 0), summary(1, 2, 1)];
    const lone = summarizeVerdicts({ feed: HOSTILE, channel: 'meta', source: 's', fetchedAt: at(3), items: [bad('X', ['1013'])] });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-html-verdict-chart-'));
    const file = path.join(dir, 'index.html');
    await writeFile(file, renderHtmlReport({ run, history: [run], project: 'Demo Shop', verdicts: [history[0]!, lone], verdictHistory: { google: history } }));
    const context = await launchChromium();
    try {
      const page = await context.newPage();
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      const chart = page.locator('svg[data-verdict-chart="google"]');
      expect(await chart.locator('rect.vbad').evaluateAll((r) => r.map((x) => Number(x.getAttribute('data-disapproved'))))).toEqual([2, 4, 1]);
      expect(await chart.locator('rect.vlimited').evaluateAll((r) => r.map((x) => Number(x.getAttribute('data-limited'))))).toEqual([1, 0, 2]);
      // Stacked: each limited bar sits on its disapproved bar.
      const tops = await chart.evaluate((svg) => [...svg.querySelectorAll('rect.vbad')].map((b, i) => [Number(b.getAttribute('y')), Number(svg.querySelectorAll('rect.vlimited')[i]!.getAttribute('y')) + Number(svg.querySelectorAll('rect.vlimited')[i]!.getAttribute('height'))]));
      for (const [barTop, limitedBottom] of tops) expect(limitedBottom).toBeCloseTo(barTop!, 5);
      const name = await chart.evaluate((svg) => svg.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)?.textContent));
      expect(name).toEqual(['google: items google disapproved or limited over the last 3 fetches', 'Disapproved went from 2 to 1 and limited from 1 to 2 between 01-01 08:00 and 01-03 08:00 UTC; the table below has every fetch.']);
      const rows = await page.locator('[data-verdict-table="google"] tbody tr').evaluateAll((r) => r.map((x) => [...x.children].map((c) => c.textContent)));
      expect(rows).toEqual([
        [at(3), 'r3', '4', '1', '2', '1', '0'],
        [at(2), 'r2', '5', '1', '0', '4', '0'],
        [at(1), 'r1', '4', '1', '1', '2', '0'],
      ]);
      // No history given: the fetch itself is the chart; a hostile feed id stays text.
      const loneChart = page.locator('[data-verdicts] svg.chart').nth(1);
      expect(await loneChart.getAttribute('data-verdict-chart')).toBe(HOSTILE);
      expect(await loneChart.getAttribute('data-fetches')).toBe('1');
      expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
      expect(await page.evaluate(() => document.images.length)).toBe(0);
    } finally {
      await context.close();
    }
  });
});

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
});

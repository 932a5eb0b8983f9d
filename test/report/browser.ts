import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium package (installed by .ci/browser.sh). */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Under CI a missing browser is a failure (the install step broke), not a reason to skip; on a
 * developer machine without chromium the browser tests are skipped.
 */
export const skipBrowser = !existsSync(CHROMIUM) && process.env.CI !== 'true';

/** Headless Chromium with a fresh profile and nothing that phones home. */
export async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (.ci/browser.sh)`);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

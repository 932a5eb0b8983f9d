import { fullJitter, isHttpError, type RateLimit, type Sleep } from '../../http/index.js';
import type { FeedsApi } from './feeds-api.js';

export const FEED_TYPE = 'JSON_LISTINGS_FEED';
const CREATE_ATTEMPTS = 5;
/** Allowed difference between our clock and Amazon's when looking a feed up by creation time. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface SubmitDeps {
  api: FeedsApi;
  marketplaceIds: string[];
  now: () => Date;
  sleep: Sleep;
  random: () => number;
  /** createFeed (burst 15) and JSON_LISTINGS_FEED (5 per 5 minutes) quotas; each submission takes from all. */
  limits: RateLimit[];
  /** Feed ids this run already created: never adopted by a lookup. */
  known: Set<string>;
  log: (line: string) => void;
  signal?: AbortSignal;
}

/** createFeedDocument + upload; a new document when the pre-signed URL was refused (expired). */
export async function uploadDocument(body: Buffer, contentType: string, d: SubmitDeps): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const { feedDocumentId, url } = await d.api.createFeedDocument(contentType);
    try {
      await d.api.upload(url, body, contentType);
      return feedDocumentId;
    } catch (e) {
      if (attempt < 3 && isHttpError(e) && (e.status === 403 || e.status === 400)) {
        d.log(`upload to the feed document URL refused (HTTP ${e.status}, likely expired); asking for a new URL`);
        continue;
      }
      throw e;
    }
  }
}

/**
 * createFeed is not safe to repeat: a lost answer may hide a feed Amazon did create. After such an
 * unclear failure the feed is looked up (getFeeds by type and creation time, skipping feeds this run
 * already knows); only when none is found is the request sent again.
 */
export async function createFeedOnce(inputFeedDocumentId: string, d: SubmitDeps): Promise<string> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt++) {
    if (attempt > 1) await d.sleep(fullJitter(attempt, d.random, 1000, 60_000), d.signal);
    for (const l of d.limits) await l.take(d.signal);
    const started = d.now().getTime();
    try {
      const id = await d.api.createFeed({ feedType: FEED_TYPE, marketplaceIds: d.marketplaceIds, inputFeedDocumentId });
      d.known.add(id);
      return id;
    } catch (e) {
      if (!isHttpError(e) || e.outcome !== 'unknown') throw e;
      lastError = e;
      d.log(`createFeed: ${e.message}; looking the feed up before sending it again`);
      const candidates = (await d.api.getFeeds(FEED_TYPE, d.marketplaceIds, new Date(started - CLOCK_SKEW_MS)))
        .filter((f) => !d.known.has(f.feedId) && Date.parse(f.createdTime) >= started - CLOCK_SKEW_MS)
        .sort((a, b) => Date.parse(a.createdTime) - Date.parse(b.createdTime));
      const found = candidates[0];
      if (found) {
        d.log(`createFeed: feed ${found.feedId} was created after all; not sending again`);
        d.known.add(found.feedId);
        return found.feedId;
      }
    }
  }
  throw lastError;
}

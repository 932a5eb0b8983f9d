import { setTimeout as delay } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import type { ReadOptions } from './read-options.js';
import { createUrlPolicy, MAX_REDIRECTS, UrlRefusedError, type CheckedUrl, type UrlPolicy } from '../http/url-policy.js';
import type { ShelfcastError } from '../issues/issue.js';
import { catalogError, displayName } from './source-error.js';

/** The URL rule every fetch follows (src/http/url-policy.ts), for the catalog the configuration names. */
export function catalogPolicy(location: string, options: ReadOptions = {}): UrlPolicy {
  return createUrlPolicy({ named: [location], resolve: options.resolve });
}

/** A refused URL as a catalog error that says what to change. */
function refused(location: string, error: UrlRefusedError, hop: boolean): ShelfcastError {
  const fix = hop
    ? 'Point catalog.path at the final https URL (or name that host in catalog.path when it is yours).'
    : 'Use an https:// URL in catalog.path (plain http only for a loopback test server).';
  return catalogError(location, `${hop ? 'redirect to ' : ''}${error.message}`, fix, error);
}

/** Checks the first URL of a catalog (shelfcast validate uses it before any fetch). */
export async function checkUrl(location: string, options: ReadOptions = {}): Promise<CheckedUrl> {
  try {
    return await catalogPolicy(location, options).check(location);
  } catch (error) {
    if (error instanceof UrlRefusedError) throw refused(location, error, false);
    throw catalogError(location, `cannot resolve the host: ${(error as Error).message}`, 'Check the URL and the network, then run again.', error);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type Got = typeof import('got');

/** 5xx, 408 and 429 are worth another try; other HTTP errors are the caller's to fix. */
function retryable(error: unknown, HTTPError: Got['HTTPError']): boolean {
  if (error instanceof HTTPError) {
    const s = error.response.statusCode;
    return s >= 500 || s === 408 || s === 429;
  }
  return true;
}

/** A response body as it came (still content-encoded) and its Content-Encoding header. */
export interface UrlBody {
  body: Readable;
  encoding: string | undefined;
}

/**
 * Opens the response body; retries until the response starts, then streams it (a break mid-body
 * fails the run). Redirects are followed here, hop by hop, so each one passes the URL policy
 * before anything connects to it.
 */
export async function openUrl(location: string, options: ReadOptions = {}): Promise<UrlBody> {
  const policy = catalogPolicy(location, options);
  const first = await checkUrl(location, options);
  // Loaded only for catalogs at a URL: most runs read a local file and need no HTTP client.
  const { default: got, HTTPError } = await import('got');
  const retries = options.retries ?? 2;
  const timeout = options.timeoutMs ?? 30_000;
  const baseDelay = options.retryDelayMs ?? 500;
  const open = (hop: CheckedUrl) =>
    got.stream(hop.url, {
      retry: { limit: 0 },
      followRedirect: false,
      // Decoded in openBytes, under the decompression limits (got would expand a bomb unbounded).
      decompress: false,
      dnsLookup: hop.lookup as never,
      // socket is an idle timeout: a large catalog may take long, but it must keep moving.
      timeout: { lookup: timeout, connect: timeout, secureConnect: timeout, response: timeout, socket: timeout },
      headers: { 'user-agent': 'shelfcast', 'accept-encoding': 'gzip, deflate, br' },
    });
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0 && baseDelay > 0) await delay(baseDelay * 2 ** (attempt - 1));
    let hop = first;
    for (let hops = 0; ; hops++) {
      const stream = open(hop);
      let status: number;
      let target: string | undefined;
      let encoding: string | undefined;
      try {
        const response = await new Promise<{ statusCode: number; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
          stream.once('response', resolve);
          stream.once('error', reject);
        });
        status = response.statusCode;
        target = typeof response.headers.location === 'string' ? response.headers.location : undefined;
        encoding = typeof response.headers['content-encoding'] === 'string' ? response.headers['content-encoding'] : undefined;
      } catch (error) {
        stream.destroy();
        lastError = error;
        break;
      }
      if (!(REDIRECTS.has(status) && target !== undefined)) return { body: stream, encoding };
      stream.destroy();
      if (hops + 1 > MAX_REDIRECTS) throw catalogError(location, `redirects more than ${MAX_REDIRECTS} times`, 'Point catalog.path at the final URL.');
      try {
        hop = await policy.redirect(target, hop.url);
      } catch (error) {
        if (error instanceof UrlRefusedError) throw refused(location, error, true);
        lastError = error;
        break;
      }
    }
    if (!retryable(lastError, HTTPError)) break;
  }
  const status = lastError instanceof HTTPError ? ` (HTTP ${lastError.response.statusCode})` : '';
  throw catalogError(
    location,
    `download failed${status}: ${lastError instanceof Error ? lastError.message.replace(location, displayName(location)) : String(lastError)}`,
    'Check the URL, the network and the server, then run again.',
    lastError,
  );
}

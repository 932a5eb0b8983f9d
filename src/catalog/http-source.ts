import { setTimeout as delay } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import type { ReadOptions } from './read-options.js';
import { catalogError, displayName } from './source-error.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https anywhere; plain http only on loopback (local test servers), never across a network. */
export function checkUrl(location: string): URL {
  let url: URL;
  try {
    url = new URL(location);
  } catch (cause) {
    throw catalogError(location, 'is not a valid URL', 'Fix catalog.path in shelfcast.yaml.', cause);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return url;
  throw catalogError(location, 'plain http is not allowed for remote catalogs', 'Use an https:// URL.');
}

type Got = typeof import('got');

/** 5xx, 408 and 429 are worth another try; other HTTP errors are the caller's to fix. */
function retryable(error: unknown, HTTPError: Got['HTTPError']): boolean {
  if (error instanceof HTTPError) {
    const s = error.response.statusCode;
    return s >= 500 || s === 408 || s === 429;
  }
  return true;
}

/** Opens the response body; retries until the response starts, then streams it (a break mid-body fails the run). */
export async function openUrl(location: string, options: ReadOptions = {}): Promise<Readable> {
  const url = checkUrl(location);
  // Loaded only for catalogs at a URL: most runs read a local file and need no HTTP client.
  const { default: got, HTTPError } = await import('got');
  const retries = options.retries ?? 2;
  const timeout = options.timeoutMs ?? 30_000;
  const baseDelay = options.retryDelayMs ?? 500;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0 && baseDelay > 0) await delay(baseDelay * 2 ** (attempt - 1));
    const stream = got.stream(url, {
      retry: { limit: 0 },
      // socket is an idle timeout: a large catalog may take long, but it must keep moving.
      timeout: { lookup: timeout, connect: timeout, secureConnect: timeout, response: timeout, socket: timeout },
      headers: { 'user-agent': 'shelfcast' },
    });
    try {
      await new Promise<void>((resolve, reject) => {
        stream.once('response', () => resolve());
        stream.once('error', reject);
      });
      return stream;
    } catch (error) {
      stream.destroy();
      lastError = error;
      if (!retryable(error, HTTPError)) break;
    }
  }
  const status = lastError instanceof HTTPError ? ` (HTTP ${lastError.response.statusCode})` : '';
  throw catalogError(
    location,
    `download failed${status}: ${lastError instanceof Error ? lastError.message.replace(location, displayName(location)) : String(lastError)}`,
    'Check the URL, the network and the server, then run again.',
    lastError,
  );
}

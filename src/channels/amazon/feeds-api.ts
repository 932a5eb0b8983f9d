import { gunzipSync } from 'node:zlib';
import type { HttpClient } from '../../http/index.js';

/** The SP-API Feeds API 2021-06-30 calls a listings push needs. */
export type ProcessingStatus = 'CANCELLED' | 'DONE' | 'FATAL' | 'IN_PROGRESS' | 'IN_QUEUE';

export interface Feed {
  feedId: string;
  feedType: string;
  createdTime: string;
  processingStatus: ProcessingStatus;
  resultFeedDocumentId?: string;
}

export interface FeedsApi {
  createFeedDocument(contentType: string): Promise<{ feedDocumentId: string; url: string }>;
  upload(url: string, body: Buffer, contentType: string): Promise<void>;
  createFeed(spec: { feedType: string; marketplaceIds: string[]; inputFeedDocumentId: string }): Promise<string>;
  getFeed(feedId: string): Promise<Feed>;
  /** Feeds of a type created since `since` (newest first, as Amazon lists them). */
  getFeeds(feedType: string, marketplaceIds: string[], since: Date): Promise<Feed[]>;
  /** The result document's bytes, decompressed. */
  download(feedDocumentId: string): Promise<Buffer>;
}

const BASE = '/feeds/2021-06-30';

/** Largest processing report or document read back, uncompressed. */
const MAX_REPORT_BYTES = 256 * 1024 * 1024;

export function feedsApi(endpoint: string, http: HttpClient): FeedsApi {
  const url = (p: string) => `${endpoint.replace(/\/$/, '')}${BASE}${p}`;
  return {
    async createFeedDocument(contentType) {
      // An unused document id costs nothing, so this create may be repeated.
      const res = await http.request({ method: 'POST', url: url('/documents'), json: { contentType }, idempotent: true });
      return res.json();
    },
    async upload(target, body, contentType) {
      // The pre-signed URL carries its own credentials; the content type must match the declared one.
      await http.request({ method: 'PUT', url: target, body, headers: { 'content-type': contentType }, auth: false, idempotent: true });
    },
    async createFeed(spec) {
      const res = await http.request({ method: 'POST', url: url('/feeds'), json: spec, idempotent: false });
      return res.json<{ feedId: string }>().feedId;
    },
    async getFeed(feedId) {
      return (await http.request({ method: 'GET', url: url(`/feeds/${encodeURIComponent(feedId)}`), idempotent: true })).json();
    },
    async getFeeds(feedType, marketplaceIds, since) {
      const q = new URLSearchParams({ feedTypes: feedType, marketplaceIds: marketplaceIds.join(','), createdSince: since.toISOString(), pageSize: '100' });
      const res = await http.request({ method: 'GET', url: url(`/feeds?${q}`), idempotent: true });
      return res.json<{ feeds?: Feed[] }>().feeds ?? [];
    },
    async download(feedDocumentId) {
      const doc = (await http.request({ method: 'GET', url: url(`/documents/${encodeURIComponent(feedDocumentId)}`), idempotent: true })).json<{
        url: string;
        compressionAlgorithm?: string;
      }>();
      const res = await http.request({ method: 'GET', url: doc.url, auth: false, idempotent: true });
      // GZIP documents may already be inflated by a Content-Encoding header: check the magic bytes.
      const gz = res.body[0] === 0x1f && res.body[1] === 0x8b;
      // A report of 25,000 messages is tens of MiB; the cap keeps a corrupt or hostile document from expanding without end.
      return doc.compressionAlgorithm === 'GZIP' && gz ? gunzipSync(res.body, { maxOutputLength: MAX_REPORT_BYTES }) : res.body;
    },
  };
}

import type { ValidateFunction } from 'ajv';
import { errorsOf, readSpec, vendorAjv } from './spec-files.js';

/**
 * Validators for everything shelfcast sends to or receives from SP-API, compiled from Amazon's own
 * documents: the JSON_LISTINGS_FEED v2 schema and message schema, the processing report schema, and
 * the Feeds API 2021-06-30 and Listings Items API 2021-08-01 definitions.
 */
export interface AmazonValidators {
  feed(doc: unknown): string[];
  message(msg: unknown): string[];
  report(doc: unknown): string[];
  /** A Feeds API definition by name (CreateFeedSpecification, Feed, FeedDocument...). */
  feedsApi(definition: string, value: unknown): string[];
  /** A Listings Items API 2021-08-01 definition by name (Item, Issue, ErrorList...). */
  listingsApi(definition: string, value: unknown): string[];
}

let cached: AmazonValidators | undefined;

export function amazonValidators(): AmazonValidators {
  if (cached) return cached;
  const ajv = vendorAjv();
  const feed = ajv.compile(readSpec('amazon/listings-feed-schema-v2.json'));
  const message = ajv.compile(readSpec('amazon/listings-feed-message-schema-v2.json'));
  const report = ajv.compile(readSpec('amazon/listings-feed-processing-report-schema-v2.json'));
  ajv.addSchema(readSpec('amazon/feeds_2021-06-30.json'), 'feeds');
  ajv.addSchema(readSpec('amazon/listingsItems_2021-08-01.json'), 'listings');
  const defs = new Map<string, ValidateFunction>();
  const def = (name: string, api = 'feeds'): ValidateFunction => {
    let v = defs.get(`${api}/${name}`);
    if (!v) {
      v = ajv.compile({ $ref: `${api}#/definitions/${name}` });
      defs.set(`${api}/${name}`, v);
    }
    return v;
  };
  cached = {
    feed: (d) => errorsOf(feed, d),
    message: (m) => errorsOf(message, m),
    report: (d) => errorsOf(report, d),
    feedsApi: (name, v) => errorsOf(def(name), v),
    listingsApi: (name, v) => errorsOf(def(name, 'listings'), v),
  };
  return cached;
}

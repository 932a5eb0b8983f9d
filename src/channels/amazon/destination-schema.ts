import { z } from 'zod';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name such as "AMAZON_REFRESH_TOKEN"');

/**
 * `destination: { type: amazon, ... }` in a feed file: push JSON_LISTINGS_FEED documents through
 * the SP-API Feeds API. Secrets are never in this file: only the names of the environment
 * variables that hold them.
 */
export const amazonDestinationSchema = z
  .object({
    type: z.literal('amazon'),
    /** SP-API region of the marketplace: na, eu or fe. Required. */
    region: z.enum(['na', 'eu', 'fe']),
    /** Marketplaces the feed applies to, e.g. [ATVPDKIKX0DER]. Required. */
    marketplace_ids: z.array(z.string().regex(/^[A-Z0-9]{10,14}$/)).min(1).max(25),
    /** SP-API base URL instead of the region's (a sandbox or a local test server); default the region's. */
    endpoint: z.url().optional(),
    /** Login with Amazon token URL; default https://api.amazon.com/auth/o2/token. */
    token_endpoint: z.url().optional(),
    /** Variable holding the LWA client id; default AMAZON_CLIENT_ID. */
    client_id_env: envName.default('AMAZON_CLIENT_ID'),
    /** Variable holding the LWA client secret; default AMAZON_CLIENT_SECRET. */
    client_secret_env: envName.default('AMAZON_CLIENT_SECRET'),
    /** Variable holding the seller's refresh token; default AMAZON_REFRESH_TOKEN. */
    refresh_token_env: envName.default('AMAZON_REFRESH_TOKEN'),
    /** Messages per submitted document, 1 to 25,000 (Amazon's limit; documents also stay under 9 MiB); default 25,000. */
    batch_size: z.number().int().min(1).max(25_000).default(25_000),
    /** Longest wait for Amazon to process one document, in seconds; default 3600. */
    max_wait_seconds: z.number().int().positive().default(3600),
    /** Deadline of one HTTP request in seconds; default 30. */
    timeout_seconds: z.number().positive().default(30),
    /** First wait between getFeed polls in seconds (doubles up to 300); default 30. */
    poll_seconds: z.number().positive().default(30),
  })
  .strict();

export type AmazonDestinationConfig = z.infer<typeof amazonDestinationSchema>;

/** SP-API hosts by region. */
export const SP_API_ENDPOINTS: Record<AmazonDestinationConfig['region'], string> = {
  na: 'https://sellingpartnerapi-na.amazon.com',
  eu: 'https://sellingpartnerapi-eu.amazon.com',
  fe: 'https://sellingpartnerapi-fe.amazon.com',
};

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

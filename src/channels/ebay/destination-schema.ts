import { z } from 'zod';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name such as "EBAY_REFRESH_TOKEN"');

/**
 * `destination: { type: ebay, ... }` in a feed file: push inventory items and offers through the
 * Sell Inventory API. Secrets are never in this file: only the names of the variables holding them.
 */
export const ebayDestinationSchema = z
  .object({
    type: z.literal('ebay'),
    /** production or sandbox; default production. */
    environment: z.enum(['production', 'sandbox']).default('production'),
    /** API origin instead of the environment's (a local test server); default https://api.ebay.com or the sandbox's. */
    endpoint: z.url().optional(),
    /** OAuth token URL; default the environment's /identity/v1/oauth2/token. */
    token_endpoint: z.url().optional(),
    /** Variable holding the app's client id; default EBAY_CLIENT_ID. */
    client_id_env: envName.default('EBAY_CLIENT_ID'),
    /** Variable holding the app's client secret; default EBAY_CLIENT_SECRET. */
    client_secret_env: envName.default('EBAY_CLIENT_SECRET'),
    /** Variable holding the seller's refresh token; default EBAY_REFRESH_TOKEN. */
    refresh_token_env: envName.default('EBAY_REFRESH_TOKEN'),
    /** OAuth scopes asked for; default the sell.inventory scope. */
    scopes: z.array(z.url()).min(1).default(['https://api.ebay.com/oauth/api_scope/sell.inventory']),
    /** Publish the offers (create or revise the live listings); false stops at unpublished offers. Default true. */
    publish: z.boolean().default(true),
    /** Deadline of one HTTP request in seconds; default 30. */
    timeout_seconds: z.number().positive().default(30),
  })
  .strict();

export type EbayDestinationConfig = z.infer<typeof ebayDestinationSchema>;

export const EBAY_ORIGINS = { production: 'https://api.ebay.com', sandbox: 'https://api.sandbox.ebay.com' } as const;

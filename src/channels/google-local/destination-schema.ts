import { z } from 'zod';
import { twoLetterLanguage } from '../../config/codes/code-schemas.js';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable');

/** Google Merchant API v1 local inventories: each product's stock per store, set with `localInventories:insert`. */
export const googleLocalInventoryDestinationSchema = z
  .object({
    type: z.literal('google-local-inventory'),
    /** Merchant Center account id (digits). Required. */
    account_id: z.string().regex(/^\d+$/, 'the numeric Merchant Center account id'),
    /** Content language of the products the inventories belong to, ISO 639-1; default `en`. */
    content_language: twoLetterLanguage.default('en'),
    /** Feed label of those products (often the target country); default `US`. */
    feed_label: z.string().regex(/^[A-Z0-9_-]{1,20}$/).default('US'),
    /** Environment variable holding the service account's JSON key. Required. */
    service_account_key_env: envName,
    /** API root; default `https://merchantapi.googleapis.com`. */
    endpoint: z.string().url().default('https://merchantapi.googleapis.com'),
    /** Requests per minute, to stay inside the account's quota; default 120. */
    requests_per_minute: z.number().int().positive().default(120),
  })
  .strict();

export type GoogleLocalInventoryDestinationConfig = z.infer<typeof googleLocalInventoryDestinationSchema>;

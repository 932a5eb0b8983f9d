import { z } from 'zod';
import { twoLetterLanguage } from '../../config/codes/code-schemas.js';

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable');

/** Google Merchant API v1: product inputs inserted into (and deleted from) one API data source. */
export const googleMerchantDestinationSchema = z
  .object({
    type: z.literal('google-merchant'),
    /** Merchant Center account id (digits). Required. */
    account_id: z.string().regex(/^\d+$/, 'the numeric Merchant Center account id'),
    /** Id of the API data source the products belong to (digits). Required. */
    data_source_id: z.string().regex(/^\d+$/, 'the numeric data source id (Merchant Center > Data sources)'),
    /** Content language, ISO 639-1; default `en`. */
    content_language: twoLetterLanguage.default('en'),
    /** Feed label (often the target country); default `US`. */
    feed_label: z.string().regex(/^[A-Z0-9_-]{1,20}$/).default('US'),
    /** Environment variable holding the service account's JSON key. Required. */
    service_account_key_env: envName,
    /** API root; default `https://merchantapi.googleapis.com`. */
    endpoint: z.string().url().default('https://merchantapi.googleapis.com'),
    /** A product already sent is updated again only after this many hours (Google: at most twice a day); default 12. 0 turns it off; `--full` ignores it. */
    min_update_interval_hours: z.number().min(0).max(168).default(12),
    /** Requests per minute, to stay inside the account's quota; default 120. */
    requests_per_minute: z.number().int().positive().default(120),
  })
  .strict();

export type GoogleMerchantDestinationConfig = z.infer<typeof googleMerchantDestinationSchema>;

import { z } from 'zod';
import { countryCode } from '../../config/codes/code-schemas.js';

/** Pinterest catalogs through API v5 `catalogs/items/batch`. */
export const pinterestDestinationSchema = z
  .object({
    type: z.literal('pinterest'),
    /** Environment variable holding an OAuth access token with catalogs:write. Required. */
    access_token_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable'),
    /** Target country, ISO 3166-1 alpha-2. Required. */
    country: countryCode,
    /** Item language as Pinterest takes it: an upper-case ISO 639-1 code (`EN`) or a locale (`en-US`). Required. */
    language: z.string().regex(/^([A-Z]{2}|[a-z]{2}(-[A-Za-z0-9]{2,3})?)$/, 'a language such as "EN" or a locale such as "en-US"'),
    /** Ad account id to act for; default none. */
    ad_account_id: z.string().regex(/^\d+$/).optional(),
    /** API root; default `https://api.pinterest.com`. */
    endpoint: z.string().url().default('https://api.pinterest.com'),
    /** Items per call, 1 to 1,000 (Pinterest's limit); default 1,000. */
    batch_size: z.number().int().min(1).max(1000).default(1000),
  })
  .strict();

export type PinterestDestinationConfig = z.infer<typeof pinterestDestinationSchema>;

import { z } from 'zod';

/** Meta (Facebook/Instagram) catalog via the Graph API `items_batch` endpoint. */
export const metaDestinationSchema = z
  .object({
    type: z.literal('meta'),
    /** Product catalog id (digits). Required. */
    catalog_id: z.string().regex(/^\d+$/, 'the numeric catalog id (Commerce Manager > Settings)'),
    /** Environment variable holding a system-user access token with catalog_management. Required. */
    access_token_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable'),
    /** Graph API version; default `v21.0`. */
    api_version: z.string().regex(/^v\d+\.\d+$/).default('v21.0'),
    /** API root; default `https://graph.facebook.com`. */
    endpoint: z.string().url().default('https://graph.facebook.com'),
    /** Items per call, 1 to 5,000 (Meta's limit); default 5,000. */
    batch_size: z.number().int().min(1).max(5000).default(5000),
  })
  .strict();

export type MetaDestinationConfig = z.infer<typeof metaDestinationSchema>;

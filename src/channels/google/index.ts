import { z } from 'zod';
import { defineChannel } from '../define-channel.js';
import { cachedOptions, perOptions, GOOGLE_AGE_GROUPS, GOOGLE_FIELDS, GOOGLE_FORMATS, GOOGLE_LIMITS, googleAttributes, googleRecord, itemIssues, type GoogleProfile } from '../common/index.js';
import type { GoogleMerchantDestinationConfig } from './destination-schema.js';

const optionsSchema = z
  .object({
    /** Items without GTIN or brand + MPN: `exclude` them, publish with `identifier_exists_no`, or `allow`; default exclude. */
    missingIdentifier: z.enum(['exclude', 'identifier_exists_no', 'allow']).default('exclude'),
  })
  .strict();
const parseOptions = cachedOptions(optionsSchema);

/** Google Merchant Center product data specification. */
export const GOOGLE_PROFILE: GoogleProfile = {
  limits: GOOGLE_LIMITS,
  availability: 'google',
  maxAdditionalImages: 10,
  missingIdentifier: 'exclude',
  availabilityDateRequired: true,
  ageGroups: GOOGLE_AGE_GROUPS,
  required: ['id', 'title', 'description', 'link', 'image_link', 'availability'],
};

const profileFor = perOptions((opts: z.infer<typeof optionsSchema>): GoogleProfile => ({ ...GOOGLE_PROFILE, missingIdentifier: opts.missingIdentifier }));

export default defineChannel({
  id: 'google',
  title: 'Google Merchant Center',
  kind: 'comparison',
  push: {
    destination: 'google-merchant',
    deltas: true,
    deletes: true,
    create: async (config, feedId) => (await import('./destination.js')).createDestination(config as GoogleMerchantDestinationConfig, feedId),
  },
  formats: GOOGLE_FORMATS,
  attributes: googleAttributes(GOOGLE_FIELDS, GOOGLE_PROFILE),
  options: optionsSchema,
  map(product, ctx) {
    const out = itemIssues('google', product, ctx);
    const opts = parseOptions(ctx.feed.options);
    const record = googleRecord(product, ctx, profileFor(opts), out);
    return record ? { record, issues: out.list } : { issues: out.list };
  },
});

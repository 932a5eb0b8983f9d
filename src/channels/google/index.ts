import { defineChannel } from '../define-channel.js';
import { identifierOptionsSchema, parseIdentifierOptions, profileWithIdentifierOption } from '../common/identifier-options.js';
import { GOOGLE_AGE_GROUPS, GOOGLE_FIELDS, GOOGLE_FORMATS, GOOGLE_LIMITS, googleAttributes, googleRecord, itemIssues, type GoogleProfile } from '../common/index.js';
import { requireApparelAttributes } from './apparel.js';
import type { GoogleMerchantDestinationConfig } from './destination-schema.js';

/** Google Merchant Center product data specification. */
export const GOOGLE_PROFILE: GoogleProfile = {
  limits: GOOGLE_LIMITS,
  availability: 'google',
  maxAdditionalImages: 10,
  missingIdentifier: 'keep',
  brandForNew: true,
  availabilityDateRequired: true,
  ageGroups: GOOGLE_AGE_GROUPS,
  required: ['id', 'title', 'description', 'link', 'image_link', 'availability'],
};

const profileFor = profileWithIdentifierOption(GOOGLE_PROFILE);

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
  options: identifierOptionsSchema,
  map(product, ctx) {
    const out = itemIssues('google', product, ctx);
    const opts = parseIdentifierOptions(ctx.feed.options);
    // Before the record: an apparel item without these is disapproved, so it is left out.
    requireApparelAttributes(product, ctx, out, GOOGLE_PROFILE.ageGroups);
    const record = googleRecord(product, ctx, profileFor(opts), out);
    return record ? { record, issues: out.list } : { issues: out.list };
  },
});

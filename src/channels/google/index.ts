import { defineChannel } from '../define-channel.js';
import { identifierOptionsSchema, parseIdentifierOptions, profileWithIdentifierOption } from '../common/identifier-options.js';
import { GOOGLE_AGE_GROUPS, GOOGLE_FIELDS, googleFormats, GOOGLE_LIMITS, googleAttributes, googleRecord, itemIssues, type GoogleProfile } from '../common/index.js';
import type { GoogleMerchantDestinationConfig } from './destination-schema.js';

/** Google Merchant Center product data specification. */
export const GOOGLE_PROFILE: GoogleProfile = {
  limits: GOOGLE_LIMITS,
  availability: 'google',
  maxAdditionalImages: 10,
  missingIdentifier: 'keep',
  brandForNew: true,
  apparelAttributes: true,
  availabilityDateRequired: true,
  ageGroups: GOOGLE_AGE_GROUPS,
  required: ['id', 'title', 'description', 'link', 'image_link', 'availability'],
  // availability_date and sale_price_effective_date: "YYYY-MM-DDThh:mm[±hhmm]" (answers 6324470, 6324460).
  dateStyle: 'minutes',
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
  formats: googleFormats('tsv-quoted'),
  attributes: googleAttributes(GOOGLE_FIELDS, GOOGLE_PROFILE),
  options: identifierOptionsSchema,
  map(product, ctx) {
    const out = itemIssues('google', product, ctx);
    const opts = parseIdentifierOptions(ctx.feed.options);
    const record = googleRecord(product, ctx, profileFor(opts), out);
    return record ? { record, issues: out.list } : { issues: out.list };
  },
});

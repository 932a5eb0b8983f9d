import { defineChannel } from '../define-channel.js';
import { identifierOptionsSchema, parseIdentifierOptions, profileWithIdentifierOption } from '../common/identifier-options.js';
import { GOOGLE_AGE_GROUPS, GOOGLE_FIELDS, googleFormats, GOOGLE_LIMITS, googleAttributes, googleRecord, itemIssues, type GoogleProfile } from '../common/index.js';


/**
 * Microsoft Merchant Center (Microsoft Shopping): reads Google's feed vocabulary in TSV and
 * Google-formatted XML; description up to 10,000 characters, no HTML.
 */
export const MICROSOFT_PROFILE: GoogleProfile = {
  limits: { ...GOOGLE_LIMITS, description: 10_000 },
  availability: 'google',
  maxAdditionalImages: 10,
  missingIdentifier: 'keep',
  brandForNew: true,
  availabilityDateRequired: true,
  ageGroups: GOOGLE_AGE_GROUPS,
  required: ['id', 'title', 'description', 'link', 'image_link'],
};

const profileFor = profileWithIdentifierOption(MICROSOFT_PROFILE);

const SHIPPING_REQUIRED = new Set(['AT', 'DE']);

export default defineChannel({
  id: 'microsoft',
  title: 'Microsoft Merchant Center',
  kind: 'comparison',
  formats: googleFormats('tsv'),
  attributes: googleAttributes(GOOGLE_FIELDS, MICROSOFT_PROFILE),
  options: identifierOptionsSchema,
  map(product, ctx) {
    const out = itemIssues('microsoft', product, ctx);
    const opts = parseIdentifierOptions(ctx.feed.options);
    // Microsoft requires shipping for offers in Austria and Germany only.
    if (ctx.feed.country && SHIPPING_REQUIRED.has(ctx.feed.country) && product.shipping.length === 0) {
      out.error('shipping', 'missing', `Microsoft requires shipping for feeds in ${ctx.feed.country}.`, { fix: 'Add a shipping price, or shipping rules in the catalog.' });
    }
    const record = googleRecord(product, ctx, profileFor(opts), out);
    return record ? { record, issues: out.list } : { issues: out.list };
  },
});

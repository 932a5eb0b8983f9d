import { localCurrencies } from '../../config/codes/local-currency.js';
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

/**
 * The countries where Microsoft runs product ads (help.ads.microsoft.com/apex/index/3/en/60048).
 * Its feed file page (…/en-us/51084) has price and shipping "submitted in local currency", so a
 * feed for one of them in another currency is refused at config load.
 */
const PRODUCT_AD_COUNTRIES = [
  'AL', 'AD', 'AR', 'AW', 'AU', 'AT', 'BD', 'BE', 'BO', 'BA', 'BR', 'BN', 'BG', 'CA', 'KY', 'CL', 'CO', 'CR', 'HR', 'CY',
  'CZ', 'DK', 'DM', 'DO', 'EC', 'SV', 'EE', 'FI', 'FJ', 'FR', 'GF', 'PF', 'DE', 'GR', 'GU', 'GT', 'GY', 'HT', 'HN', 'HU',
  'IS', 'IN', 'ID', 'IE', 'IT', 'JP', 'LV', 'LI', 'LT', 'LU', 'MY', 'MV', 'MT', 'MQ', 'MX', 'MC', 'MN', 'ME', 'MS', 'NP',
  'NL', 'NC', 'NZ', 'MK', 'NO', 'PA', 'PG', 'PY', 'PE', 'PH', 'PL', 'PT', 'PR', 'RO', 'SM', 'RS', 'SG', 'ZA', 'SK', 'SI',
  'ES', 'LK', 'SE', 'CH', 'BS', 'GB', 'US', 'TH', 'TT', 'TR', 'UY', 'VA', 'VE', 'VN',
];

export default defineChannel({
  id: 'microsoft',
  title: 'Microsoft Merchant Center',
  kind: 'comparison',
  formats: googleFormats('tsv'),
  attributes: googleAttributes(GOOGLE_FIELDS, MICROSOFT_PROFILE),
  options: identifierOptionsSchema,
  marketCurrencies: localCurrencies(PRODUCT_AD_COUNTRIES),
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

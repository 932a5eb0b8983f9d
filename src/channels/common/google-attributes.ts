import type { AttributeDoc } from '../define-channel.js';
import { feedDateFormat } from '../../product/feed-dates.js';
import { AVAILABILITY_SPELLINGS } from './availability.js';
import type { GoogleField, GoogleProfile } from './google-record.js';

/** Format and source of each Google attribute; `required` and `limit` come from the profile. */
const DOCS: Record<GoogleField, { format: string; source: string }> = {
  id: { format: 'text, unique per feed', source: 'id' },
  title: { format: 'text', source: 'title' },
  description: { format: 'plain text (HTML converted, paragraph breaks kept)', source: 'description' },
  link: { format: 'URL', source: 'link' },
  mobile_link: { format: 'URL', source: 'mobile_link' },
  image_link: { format: 'URL', source: 'image_link' },
  additional_image_link: { format: 'URL, repeated', source: 'additional_image_link' },
  availability: { format: 'in_stock | out_of_stock | preorder | backorder', source: 'availability' },
  availability_date: { format: 'ISO 8601 date; required for preorder and backorder', source: 'availability_date' },
  price: { format: '15.00 USD', source: 'price (or price_<CUR> column for another feed currency)' },
  sale_price: { format: '12.00 USD, lower than price', source: 'sale_price (or sale_price_<CUR>)' },
  sale_price_effective_date: { format: 'ISO 8601 interval start/end', source: 'sale_price_effective_date' },
  google_product_category: { format: 'numeric id from the Google product taxonomy', source: 'google_product_category (id or full path)' },
  product_type: { format: 'text, categories separated by >', source: 'product_type' },
  brand: { format: 'text', source: 'brand' },
  gtin: { format: 'GTIN-8/12/13/14', source: 'gtin' },
  mpn: { format: 'text', source: 'mpn' },
  identifier_exists: { format: 'no', source: 'identifier_exists (false)' },
  condition: { format: 'new | refurbished | used', source: 'condition' },
  item_group_id: { format: 'text, shared by the variants of one product', source: 'item_group_id' },
  color: { format: 'text', source: 'color' },
  size: { format: 'text', source: 'size' },
  gender: { format: 'male | female | unisex', source: 'gender' },
  age_group: { format: 'newborn | infant | toddler | kids | adult', source: 'age_group' },
  material: { format: 'text', source: 'material' },
  pattern: { format: 'text', source: 'pattern' },
  shipping: { format: 'country:region:service:price (XML: sub-elements)', source: 'shipping' },
  shipping_weight: { format: '1.5 kg', source: 'shipping_weight' },
  custom_label_0: { format: 'text', source: 'custom_label_0' },
  custom_label_1: { format: 'text', source: 'custom_label_1' },
  custom_label_2: { format: 'text', source: 'custom_label_2' },
  custom_label_3: { format: 'text', source: 'custom_label_3' },
  custom_label_4: { format: 'text', source: 'custom_label_4' },
};

/**
 * AttributeDoc list for a Google-compatible channel, in `fields` order. Enum formats follow the
 * profile (availability spelling, age groups); `extra` documents the channel's own fields.
 */
export function googleAttributes(
  fields: readonly string[],
  profile: GoogleProfile,
  extra: Record<string, Omit<AttributeDoc, 'name'>> = {},
): AttributeDoc[] {
  const req = new Set<string>([...profile.required, 'price']);
  const enums: Record<string, string> = {
    availability: [...new Set(Object.values(AVAILABILITY_SPELLINGS[profile.availability]))].join(' | '),
    age_group: profile.ageGroups.join(' | '),
    availability_date: `${feedDateFormat(profile.dateStyle)}; required for preorder and backorder`,
    sale_price_effective_date: feedDateFormat(profile.dateStyle, 'interval'),
  };
  return fields.map((name) => {
    if (extra[name]) return { name, ...extra[name] };
    const base = DOCS[name as GoogleField];
    if (!base) throw new Error(`googleAttributes: no documentation for field "${name}"`);
    const doc: AttributeDoc = { name, required: req.has(name), format: enums[name] ?? base.format, source: base.source };
    const limit = profile.limits[name as GoogleField];
    if (limit !== undefined) doc.limit = limit;
    return doc;
  });
}

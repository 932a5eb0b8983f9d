import { googleAncestry, type GoogleCategory } from './google-taxonomy.js';
import type { ItemIssues } from './item-issues.js';

/**
 * Google's apparel attributes (product data specification, pages color 6324487, gender 6324479,
 * age_group 6324463, size 6324492): color, gender and age_group are required for every product in
 * Apparel & Accessories (166) and size for Clothing (1604) and Shoes (187), for Shopping ads
 * targeting these countries. Missing, Google disapproves the item.
 */
// UK is not an ISO 3166-1 code, but feeds written before the country check may still say it.
export const APPAREL_COUNTRIES: ReadonlySet<string> = new Set(['BR', 'FR', 'DE', 'JP', 'GB', 'UK', 'US']);

const APPAREL = 'Apparel & Accessories';
const SIZED = [`${APPAREL} > Clothing`, `${APPAREL} > Shoes`];

// Sub-categories where Google makes gender and age_group optional (accessories without a wearer).
const NO_WEARER = ['4179', '180', '1893', '5385', '1856', '2427', '5123', '175', '5841', '6277', '6460', '6170', '6870', '7471', '5207', '5114'];
const GENDER_OPTIONAL: ReadonlySet<string> = new Set(NO_WEARER);
// The age_group page also lists Cufflinks (193); the gender page does not.
const AGE_GROUP_OPTIONAL: ReadonlySet<string> = new Set([...NO_WEARER, '193']);

const within = (path: string, root: string): boolean => path === root || path.startsWith(`${root} > `);

/**
 * The apparel attributes Google requires for an item of `category` in a feed for `country`. The
 * answer depends on the two alone and a feed asks it per item, so it is worked out once per
 * category and country (categories are the taxonomy's own objects; a catalog uses a few hundred).
 */
export function requiredApparelFields(category: GoogleCategory | undefined, country: string | undefined): readonly ApparelField[] {
  if (!category || !country || !APPAREL_COUNTRIES.has(country)) return NONE;
  let byCountry = required.get(category);
  if (byCountry === undefined) required.set(category, (byCountry = new Map()));
  let fields = byCountry.get(country);
  if (fields === undefined) byCountry.set(country, (fields = Object.freeze(apparelFieldsOf(category))));
  return fields;
}

const NONE: readonly ApparelField[] = Object.freeze([]);
const required = new WeakMap<GoogleCategory, Map<string, readonly ApparelField[]>>();

/** requiredApparelFields of an item in one of Google's apparel countries. */
function apparelFieldsOf(category: GoogleCategory): ApparelField[] {
  if (!within(category.path, APPAREL)) return [];
  // Optional in a sub-category means optional in its descendants too: check every id on the path.
  const ids = googleAncestry(category);
  const fields: ApparelField[] = ['color'];
  if (!ids.some((id) => GENDER_OPTIONAL.has(id))) fields.push('gender');
  if (!ids.some((id) => AGE_GROUP_OPTIONAL.has(id))) fields.push('age_group');
  if (SIZED.some((root) => within(category.path, root))) fields.push('size');
  return fields;
}

export type ApparelField = 'color' | 'gender' | 'age_group' | 'size';

/** How to fill each field: the catalog column, or a feed rule (docs/rules.md, "Apparel: gender and age group from the category path"). */
const FIXES: Record<ApparelField, string> = {
  color: 'Fill in the color column, or set it with a rule (set: { field: color, from: extra.<your colour column> }).',
  gender: 'Fill in the gender column (male, female or unisex), or derive it from the category path with a rule (default: { field: gender, value: female } under a condition on product_type; see docs/rules.md, "Apparel").',
  age_group: 'Fill in the age_group column (newborn, infant, toddler, kids or adult), or derive it from the category path with a rule (default: { field: age_group, value: adult }; see docs/rules.md, "Apparel").',
  size: 'Fill in the size column (one size per variant, e.g. M or 42), or set it with a rule (set: { field: size, from: extra.<your size column> }).',
};

/**
 * Records `<channel>.<field>.missing` for each apparel attribute Google requires of this item and
 * `values` lacks (values as published: an invalid gender already left out counts as missing).
 */
export function requireApparelFields(
  values: Record<ApparelField, string | undefined>,
  category: GoogleCategory | undefined,
  country: string | undefined,
  out: ItemIssues,
): void {
  for (const field of requiredApparelFields(category, country)) {
    if (values[field]) continue;
    out.error(field, 'missing', `${field} is required for ${category!.path} (${category!.id}) in ${country}; ${out.channel} disapproves apparel without it, so the item is left out.`, {
      fix: FIXES[field],
    });
  }
}

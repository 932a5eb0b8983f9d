import { normalizeAgeGroup, normalizeGender } from '../common/enums.js';
import { resolveGoogleCategory } from '../common/google-taxonomy.js';
import type { ItemIssues } from '../common/item-issues.js';
import type { MapContext } from '../define-channel.js';
import type { Product } from '../../product/product.js';

/**
 * Google's apparel requirements (Merchant Center product data specification, the gender, age_group,
 * color and size pages): Shopping ads for Apparel & Accessories (166) targeting these countries
 * need color, gender and age_group; Clothing (1604) and Shoes (187) need size as well.
 * GB is the ISO code of the United Kingdom; UK is accepted as the same market.
 */
export const APPAREL_COUNTRIES: ReadonlySet<string> = new Set(['BR', 'FR', 'DE', 'JP', 'GB', 'UK', 'US']);

const APPAREL = 'Apparel & Accessories';
const SIZED = ['Apparel & Accessories > Clothing', 'Apparel & Accessories > Shoes'];

/**
 * Sub-categories of 166 for which Google marks gender and age_group optional (Pinback Buttons, Tie
 * Clips, Cufflinks, Wristbands, Shoe Covers, Shoelaces, Spurs, Watch Bands, Keychains, Wallet
 * Chains, Lanyards, Checkbook Covers, Badge & Pass Holders, Watch Winders, Watch Stickers & Decals,
 * Handkerchiefs, Decorative Fans). Their descendants follow them.
 */
export const APPAREL_EXEMPT_IDS: readonly string[] = ['4179', '180', '1893', '5385', '1856', '2427', '5123', '175', '5841', '6277', '6460', '6170', '6870', '7471', '5207', '5114'];
/** Cufflinks (193) is on the age_group page's optional list only, not on the gender page's. */
const AGE_GROUP_ONLY_EXEMPT = '193';

const within = (path: string, prefix: string): boolean => path === prefix || path.startsWith(`${prefix} > `);

const pathsOf = (ids: readonly string[]): string[] => ids.map((id) => resolveGoogleCategory(id)?.path).filter((p): p is string => p !== undefined);
let exemptPaths: { both: string[]; ageGroup: string[] } | undefined;
const exemptions = (): { both: string[]; ageGroup: string[] } => (exemptPaths ??= { both: pathsOf(APPAREL_EXEMPT_IDS), ageGroup: pathsOf([AGE_GROUP_ONLY_EXEMPT]) });

/** Which apparel attributes Google requires for a category (id or path), or none. */
export function apparelRequirements(category: string | undefined): Array<'color' | 'gender' | 'age_group' | 'size'> {
  const path = category === undefined ? undefined : resolveGoogleCategory(category)?.path;
  if (path === undefined || !within(path, APPAREL)) return [];
  const { both, ageGroup } = exemptions();
  const fields: Array<'color' | 'gender' | 'age_group' | 'size'> = ['color'];
  if (!both.some((p) => within(path, p))) {
    fields.push('gender');
    if (!ageGroup.some((p) => within(path, p))) fields.push('age_group');
  }
  if (SIZED.some((p) => within(path, p))) fields.push('size');
  return fields;
}

const FIX: Record<'color' | 'gender' | 'age_group' | 'size', string> = {
  color: 'Fill in the color column (for example "Navy" or "Black/White"), or map the shop\'s color attribute with catalog.columns.',
  gender: 'Fill in the gender column (male, female or unisex), or derive it from the category path with a rule (set: { field: gender, value: female } under an if: on product_type; see docs/rules.md, "Apparel: gender and age group from the category path").',
  age_group: 'Fill in the age_group column (newborn, infant, toddler, kids or adult), or derive it from the category path with a rule (set: { field: age_group, value: adult } under an if: on product_type; see docs/rules.md, "Apparel: gender and age group from the category path").',
  size: 'Fill in the size column (for example "M" or "42"), or map the shop\'s size attribute with catalog.columns.',
};

const present = (v: string | undefined): boolean => v !== undefined && v.trim() !== '';

/**
 * Records `google.<field>.apparel_missing` errors for an apparel item in a country where Google
 * requires the field: Google disapproves such items, so they are left out. A gender or age_group
 * the channel does not know counts as missing (googleValues warns about the value itself).
 */
export function requireApparelAttributes(product: Product, ctx: MapContext, out: ItemIssues, ageGroups: readonly string[]): void {
  const country = ctx.feed.country?.toUpperCase();
  if (country === undefined || !APPAREL_COUNTRIES.has(country)) return;
  const fields = apparelRequirements(product.google_product_category);
  if (fields.length === 0) return;
  const has = {
    color: present(product.color),
    size: present(product.size),
    gender: product.gender !== undefined && normalizeGender(product.gender) !== undefined,
    age_group: product.age_group !== undefined && normalizeAgeGroup(product.age_group, ageGroups) !== undefined,
  };
  for (const f of fields) {
    if (has[f]) continue;
    out.error(f, 'apparel_missing', `${f} is required by Google for Apparel & Accessories items in ${country} ("${product.google_product_category}"); the item is left out of the feed.`, { fix: FIX[f] });
  }
}

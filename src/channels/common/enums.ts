/**
 * Common catalog spellings of gender and age group, normalised to Google's values (Meta shares
 * them and adds a few). Keys are lower case; values outside these maps are invalid enums.
 */
const GENDER: Record<string, 'male' | 'female' | 'unisex'> = {
  male: 'male', men: 'male', man: 'male', mens: 'male', "men's": 'male', m: 'male',
  female: 'female', women: 'female', woman: 'female', womens: 'female', "women's": 'female', ladies: 'female', f: 'female',
  unisex: 'unisex',
};

const AGE_GROUP: Record<string, string> = {
  newborn: 'newborn', infant: 'infant', toddler: 'toddler', kids: 'kids', kid: 'kids', children: 'kids', adult: 'adult', adults: 'adult',
  teen: 'teen', 'all ages': 'all ages',
};

/** Google's age_group values; Meta also accepts `teen` and `all ages`. */
export const GOOGLE_AGE_GROUPS: readonly string[] = ['newborn', 'infant', 'toddler', 'kids', 'adult'];
export const META_AGE_GROUPS: readonly string[] = [...GOOGLE_AGE_GROUPS, 'teen', 'all ages'];

/**
 * Google's gender of a catalog value. A list (`Men,Women`, one per line in Magento exports) is the
 * one gender all its entries share, else unisex (a product for men and women is unisex).
 */
export const normalizeGender = (value: string): string | undefined => {
  const v = value.trim().toLowerCase();
  const one = GENDER[v];
  if (one !== undefined || !/[,|\n/]/.test(v)) return one;
  let found: string | undefined;
  for (const part of v.split(/[,|\n/]/)) {
    const g = GENDER[part.trim()];
    if (g === undefined) continue;
    if (found !== undefined && found !== g) return 'unisex';
    found = g;
  }
  return found;
};
export const normalizeAgeGroup = (value: string, allowed: readonly string[]): string | undefined => {
  const v = AGE_GROUP[value.trim().toLowerCase()];
  return v !== undefined && allowed.includes(v) ? v : undefined;
};

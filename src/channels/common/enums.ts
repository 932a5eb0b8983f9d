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

export const normalizeGender = (value: string): string | undefined => GENDER[value.trim().toLowerCase()];
export const normalizeAgeGroup = (value: string, allowed: readonly string[]): string | undefined => {
  const v = AGE_GROUP[value.trim().toLowerCase()];
  return v !== undefined && allowed.includes(v) ? v : undefined;
};

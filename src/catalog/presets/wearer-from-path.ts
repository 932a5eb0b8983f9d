/**
 * Gender and age group from a shop's category paths (`Men > Tops > Tees`, `Kids > Girls > Dresses`),
 * by the same words and in the same order as the docs/rules.md recipe "Apparel: gender and age group
 * from the category path": the first matching word wins per field, narrower words first (Baby
 * before Kids, Girls before Women); `\b` keeps Women from matching men. Presets use it only where
 * the export has no gender or age_group column.
 */
const AGE_GROUP: readonly [RegExp, string][] = [
  [/\b(newborn)\b/i, 'newborn'],
  [/\b(baby|babies|infant)s?\b/i, 'infant'],
  [/\b(toddlers?)\b/i, 'toddler'],
  [/\b(kids?|children|girls?|boys?|junior)\b/i, 'kids'],
  [/\b(men|mens|men's|women|womens|women's|ladies|unisex)\b/i, 'adult'],
];
const GENDER: readonly [RegExp, string][] = [
  [/\b(women|womens|women's|ladies|girls?)\b/i, 'female'],
  [/\b(men|mens|men's|boys?)\b/i, 'male'],
  [/\b(unisex|kids?|baby|babies)\b/i, 'unisex'],
];

const first = (rules: readonly [RegExp, string][], path: string): string | undefined => rules.find(([re]) => re.test(path))?.[1];

/**
 * The value every path that names one agrees on; undefined when none names one, or when two paths
 * disagree (a product filed under both Men and Women is not guessed).
 */
function agreed(rules: readonly [RegExp, string][], paths: readonly string[]): string | undefined {
  let value: string | undefined;
  for (const path of paths) {
    const v = first(rules, path);
    if (v === undefined) continue;
    if (value !== undefined && v !== value) return undefined;
    value = v;
  }
  return value;
}

export interface Wearer {
  gender?: string;
  age_group?: string;
}

/** What the category paths say of who wears the product. */
export function wearerFromPaths(paths: readonly string[]): Wearer {
  const out: Wearer = {};
  const gender = agreed(GENDER, paths);
  const ageGroup = agreed(AGE_GROUP, paths);
  if (gender) out.gender = gender;
  if (ageGroup) out.age_group = ageGroup;
  return out;
}

import type { GoogleCategory } from '../channels/common/google-taxonomy.js';

export interface Candidate {
  id: string;
  path: string;
  /** Word-match score; higher is better. */
  score: number;
}

// Words that say nothing about a category.
const STOP = new Set(['and', 'or', 'for', 'the', 'of', 'with', 'in', 'a', 'an', 'und', 'für', 'de', 'et', 'la', 'le', 'les', 'other', 'misc', 'all']);

/** Lower-case words of a text, plural `s` removed so that Jackets matches Jacket. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !STOP.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
}

/**
 * Shop words for garments that the taxonomy spells otherwise: a query word also matches these.
 * "Tees" and "Tshirts" are T-shirts; the taxonomy has no T-shirt, hoodie or sweatshirt category,
 * the nearest is Shirts & Tops.
 */
const SYNONYMS: Record<string, string[]> = { tee: ['shirt'], tshirt: ['shirt'], hoodie: ['shirt'], sweatshirt: ['shirt'] };

/**
 * Words of a merchant path that say it is worn by someone (the shops' Men, Women, Kids ...
 * menus). With one of them, candidates in Apparel & Accessories gain AUDIENCE_BONUS, so that
 * "Men > Tops > Tees" ranks Shirts & Tops above Golf Tees.
 */
const ADULTS = new Set(['men', 'man', 'mens', 'women', 'woman', 'womens', 'ladie', 'unisex']);
const CHILDREN = new Set(['kid', 'kids', 'children', 'baby', 'babie', 'girl', 'boy', 'toddler', 'infant', 'newborn', 'junior']);
const AUDIENCE_BONUS = 3;
const APPAREL_ROOT = 'Apparel & Accessories';
/** Baby clothes are not what a Men or Women menu sells: they get no bonus from an adult word. */
const BABY = 'Baby & Toddler';

interface Entry {
  category: GoogleCategory;
  leaf: Set<string>;
  path: Set<string>;
  depth: number;
}

/**
 * Candidate Google categories for merchant categories, by word match: a word of the merchant
 * category scores 2 in the candidate's last segment and 1 elsewhere in its path, doubled for
 * words of the merchant's own last segment (a shop word also matches its SYNONYMS). A path that
 * names who wears it (ADULTS, CHILDREN) lifts Apparel & Accessories candidates. Ties go to the candidate whose last segment has
 * fewer unmatched words, then the shallower one, then the lower id.
 */
export function createCategoryMatcher(taxonomy: readonly GoogleCategory[]): (category: string, limit?: number) => Candidate[] {
  const entries: Entry[] = taxonomy.map((category) => {
    const segments = category.path.split(' > ');
    return { category, leaf: new Set(words(segments[segments.length - 1]!)), path: new Set(words(category.path)), depth: segments.length };
  });
  return (category, limit = 3) => {
    // Magento writes paths with `/` (Default Category/Men/Tops/Tees), most shops with `>`.
    const segments = category.split(/>|\//);
    const last = new Set(words(segments[segments.length - 1]!));
    const query = [...new Set(words(category))];
    if (query.length === 0) return [];
    const adults = query.some((w) => ADULTS.has(w));
    const worn = adults || query.some((w) => CHILDREN.has(w));
    let scored: Array<Candidate & { loose: number; depth: number }> = [];
    for (const e of entries) {
      let score = 0;
      for (const w of query) {
        const weight = last.has(w) ? 2 : 1;
        const alike = SYNONYMS[w] ?? [];
        if (e.leaf.has(w) || alike.some((a) => e.leaf.has(a))) score += 2 * weight;
        else if (e.path.has(w) || alike.some((a) => e.path.has(a))) score += weight;
      }
      if (score === 0) continue;
      if (worn && e.category.path.startsWith(APPAREL_ROOT) && !(adults && e.category.path.includes(BABY))) score += AUDIENCE_BONUS;
      const loose = [...e.leaf].filter((w) => !query.includes(w)).length;
      scored.push({ id: e.category.id, path: e.category.path, score, loose, depth: e.depth });
    }
    // A path that names who wears it: other departments are shown only where they match better
    // than the best apparel candidate (Golf Tees is no candidate for Men > Tops > Tees).
    if (worn) {
      const best = Math.max(0, ...scored.filter((c) => c.path.startsWith(APPAREL_ROOT)).map((c) => c.score));
      scored = scored.filter((c) => c.path.startsWith(APPAREL_ROOT) || c.score > best);
    }
    scored.sort((a, b) => b.score - a.score || a.loose - b.loose || a.depth - b.depth || Number(a.id) - Number(b.id));
    return scored.slice(0, limit).map(({ id, path, score }) => ({ id, path, score }));
  };
}

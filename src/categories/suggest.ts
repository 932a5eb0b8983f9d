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

// Shop words for garments that the taxonomy names otherwise ("Tees" are T-shirts, not golf tees).
const SYNONYMS: Record<string, string> = { tee: 'shirt', tank: 'shirt', hoodie: 'sweatshirt', jumper: 'sweater', trainer: 'shoe', sneaker: 'shoe', trouser: 'pant', jean: 'pant', legging: 'pant' };
// Words of a merchant path that name who wears the product: the path is about apparel.
const WEARERS = new Set(['men', 'man', 'mens', 'women', 'woman', 'womens', 'ladie', 'ladies', 'kid', 'kids', 'baby', 'babie', 'girl', 'boy', 'unisex', 'toddler', 'infant', 'herren', 'damen', 'kinder', 'homme', 'femme', 'enfant']);
const APPAREL_ROOT = 'Apparel & Accessories';

interface Entry {
  category: GoogleCategory;
  leaf: Set<string>;
  path: Set<string>;
  depth: number;
  apparel: boolean;
}

/**
 * Candidate Google categories for merchant categories, by word match: a word of the merchant
 * category scores 2 in the candidate's last segment and 1 elsewhere in its path, doubled for
 * words of the merchant's own last segment. Ties go to the candidate whose last segment has
 * fewer unmatched words, then the shallower one, then the lower id. Shop words for garments
 * count as the taxonomy's word too (Tees as Shirt), and a path that names a wearer (Men, Women,
 * Kids, Baby...) adds 1 to every Apparel & Accessories candidate.
 */
export function createCategoryMatcher(taxonomy: readonly GoogleCategory[]): (category: string, limit?: number) => Candidate[] {
  const entries: Entry[] = taxonomy.map((category) => {
    const segments = category.path.split(' > ');
    return { category, leaf: new Set(words(segments[segments.length - 1]!)), path: new Set(words(category.path)), depth: segments.length, apparel: segments[0] === APPAREL_ROOT };
  });
  return (category, limit = 3) => {
    const segments = category.split('>');
    const lastWords = words(segments[segments.length - 1]!);
    const last = new Set([...lastWords, ...lastWords.flatMap((w) => SYNONYMS[w] ?? [])]);
    const own = words(category);
    const query = [...new Set([...own, ...own.flatMap((w) => SYNONYMS[w] ?? [])])];
    if (query.length === 0) return [];
    // The path as context: a wearer word (Men, Women, Kids...) favours Apparel & Accessories.
    const apparelContext = own.some((w) => WEARERS.has(w));
    const scored: Array<Candidate & { loose: number; depth: number }> = [];
    for (const e of entries) {
      let score = 0;
      for (const w of query) {
        const weight = last.has(w) ? 2 : 1;
        if (e.leaf.has(w)) score += 2 * weight;
        else if (e.path.has(w)) score += weight;
      }
      if (score === 0) continue;
      if (apparelContext && e.apparel) score += 1;
      const loose = [...e.leaf].filter((w) => !query.includes(w)).length;
      scored.push({ id: e.category.id, path: e.category.path, score, loose, depth: e.depth });
    }
    scored.sort((a, b) => b.score - a.score || a.loose - b.loose || a.depth - b.depth || Number(a.id) - Number(b.id));
    return scored.slice(0, limit).map(({ id, path, score }) => ({ id, path, score }));
  };
}

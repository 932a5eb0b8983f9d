/**
 * A variant's own title from its product's title and its option values, for exports whose variants
 * share the product's title (Shopify) or leave it empty (WooCommerce). Google asks for the
 * distinguishing variant details in the title (support.google.com/merchants/answer/6324415,
 * "Google Organic Cotton Men's T-Shirt - Blue - M"), so no two items of a group read the same.
 * Each shop names variants its own way: Shopify "T-Shirt - Blue / M" (`separator` " / "),
 * WooCommerce "T-Shirt - Blue, M" (", ", as WooCommerce titles variations itself).
 */
export function titleWithOptions(title: string, values: readonly string[], separator: string): string {
  const own = values.filter((v) => v !== '');
  return title && own.length ? `${title} - ${own.join(separator)}` : title;
}

/**
 * The titles a shop export gives its variants, counted per parent in the prepass, to tell a
 * variant's own title from one that says nothing of it: empty, the parent's, or shared with a
 * sibling (WooCommerce's CSV and WordPress XML exports; the two readers ask the same question).
 */
export class VariantTitles {
  private readonly counts = new Map<string, number>();

  /** Counts one variant of `parent` titled `title` (prepass). */
  note(parent: string, title: string): void {
    const key = `${parent}\u0000${title}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Whether the variant's title needs its option values to tell it apart. */
  shared(parent: string, title: string, parentTitle: string | undefined): boolean {
    return title === '' || title === parentTitle || (this.counts.get(`${parent}\u0000${title}`) ?? 0) > 1;
  }
}

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

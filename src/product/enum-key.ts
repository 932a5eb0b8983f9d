const SCHEMA_ORG = /^https?:\/\/schema\.org\//i;
const SEPARATORS = /[\s_-]+/g;

/**
 * The lookup key of an enumerated value: lower case, without a schema.org prefix and without
 * spaces, underscores and hyphens, so `In Stock`, `in_stock`, `InStock` and
 * `https://schema.org/InStock` are one key (`instock`).
 */
export function enumKey(text: string): string {
  let s = text.trim();
  if (s.length > 8 && (s.charCodeAt(0) | 32) === 104 && SCHEMA_ORG.test(s)) s = s.replace(SCHEMA_ORG, '');
  return s.toLowerCase().replace(SEPARATORS, '');
}

import type { ItemIssues } from './item-issues.js';

/**
 * Records a `<channel>.<field>.missing` error for each listed field that is absent or empty in
 * `values`; returns true when all are present. `values` is usually the record being built.
 */
export function requireFields(values: Record<string, unknown>, fields: readonly string[], out: ItemIssues): boolean {
  let ok = true;
  for (const field of fields) if (!requireField(values[field], field, out)) ok = false;
  return ok;
}

/** requireFields for one value: a `<channel>.<field>.missing` error when it is absent or empty. */
export function requireField(value: unknown, field: string, out: ItemIssues): boolean {
  if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)) return true;
  out.error(field, 'missing', `${field} is required by ${out.channel}; the item is left out of the feed.`, { fix: `Fill in ${field} for this item.` });
  return false;
}

/**
 * Records a `<channel>.<fields[0]>.missing` error unless at least one of `fields` is present
 * (Meta and Snapchat: brand, gtin or mpn). Returns true when one is.
 */
export function requireOneOf(values: Record<string, unknown>, fields: readonly string[], out: ItemIssues): boolean {
  if (fields.some((f) => values[f] !== undefined && values[f] !== '')) return true;
  out.error(fields[0]!, 'missing', `${out.channel} needs one of ${fields.join(', ')}; the item has none and is left out.`, {
    fix: `Fill in ${fields.join(' or ')}.`,
  });
  return false;
}

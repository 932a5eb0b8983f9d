import { warning, type Issue } from '../../issues/issue.js';
import { splitList } from './row-kit.js';

/** Sub-elements of `<g:shipping>`, in the order of Google's text form `country:region:service:price`. */
const PARTS = ['country', 'region', 'service', 'price'] as const;

/**
 * An XML feed's `<g:shipping>` arrives flattened (`shipping.country`, `shipping.price`, one
 * comma list per sub-element when it repeats). Google's text form is rebuilt from them
 * (`US:CA:Overnight:16.00 USD`, entries joined with `,`), when the lists line up one to one.
 * Consumed source keys are deleted from `extra`.
 */
export function shippingFromParts(extra: Record<string, string>, row: number): { shipping?: string; issue?: Issue } {
  const lists = PARTS.map((p) => splitList(extra[`shipping.${p}`] ?? extra[`shipping.${p === 'region' ? 'postal_code' : p}`] ?? ''));
  const n = Math.max(...lists.map((l) => l.length));
  if (n === 0) return {};
  if (lists.some((l) => l.length !== 0 && l.length !== n)) {
    return {
      issue: warning('google.shipping.unaligned', `row ${row}: the <g:shipping> entries do not all have the same sub-elements; shipping is not read`, {
        row,
        field: 'shipping',
        fix: 'Give every <g:shipping> the same sub-elements (country, region or postal_code, service, price), or use the text form.',
      }),
    };
  }
  const entries: string[] = [];
  for (let i = 0; i < n; i++) entries.push(lists.map((l) => l[i] ?? '').join(':'));
  for (const p of [...PARTS, 'postal_code']) delete extra[`shipping.${p}`];
  return { shipping: entries.join(',') };
}

import { formatMoney } from '../../product/money-format.js';
import type { Product } from '../../product/product.js';
import { cachedOptions } from '../common/cached-options.js';
import { itemIssues } from '../common/item-issues.js';
import { defineChannel, type FeedRecord } from '../define-channel.js';
import type { GoogleLocalInventoryDestinationConfig } from './destination-schema.js';
import { LOCAL_AVAILABILITY, PICKUP_METHODS, PICKUP_SLAS, googleLocalOptionsSchema } from './options.js';

const parseOptions = cachedOptions(googleLocalOptionsSchema);

/**
 * The columns of Google's local product inventory feed. In a tab-delimited file Google wants the
 * attribute names with spaces for underscores (`store code`, `pickup sla`).
 */
export const LOCAL_COLUMNS = ['store code', 'id', 'availability', 'quantity', 'price', 'sale price', 'pickup method', 'pickup sla'] as const;

/**
 * Google local inventory (Merchant Center local product inventory feed): one row per product and
 * store, with the store's quantity from the stock ledger. Products the ledger has no store count
 * for are left out (they are not sold in stores).
 */
export default defineChannel({
  id: 'google-local',
  title: 'Google local inventory',
  kind: 'comparison',
  push: {
    destination: 'google-local-inventory',
    deltas: true,
    deletes: true,
    create: async (config, feedId) => (await import('./destination.js')).createDestination(config as GoogleLocalInventoryDestinationConfig, feedId),
  },
  formats: [{ id: 'tsv', serializer: 'tsv', ext: 'txt', contentType: 'text/tab-separated-values' }],
  attributes: [
    { name: 'store code', required: true, format: 'the Business Profile store code', limit: 64, source: 'options.stores.<location>.store_code (default the ledger location)' },
    { name: 'id', required: true, format: 'the product id', limit: 50, source: 'id' },
    { name: 'availability', required: true, format: LOCAL_AVAILABILITY.join(' | '), source: 'the store quantity (limited_at)' },
    { name: 'quantity', required: true, format: 'whole number >= 0', source: 'stock ledger, per SKU and location' },
    { name: 'price', required: false, format: '15.00 USD', source: 'price' },
    { name: 'sale price', required: false, format: '12.00 USD', source: 'sale_price' },
    { name: 'pickup method', required: false, format: PICKUP_METHODS.join(' | '), source: 'options (per store or for all)' },
    { name: 'pickup sla', required: false, format: PICKUP_SLAS.join(' | '), source: 'options (per store or for all)' },
  ],
  options: googleLocalOptionsSchema,
  columns: () => [...LOCAL_COLUMNS],
  map(product: Product, ctx) {
    const out = itemIssues('google-local', product, ctx);
    const opts = parseOptions(ctx.feed.options);
    if (product.id.length > 50) out.error('id', 'too_long', `id is ${product.id.length} characters; Google takes at most 50`);
    const records: FeedRecord[] = [];
    for (const [location, store] of Object.entries(opts.stores)) {
      const units = product.stores?.[location];
      if (units === undefined) continue;
      const quantity = Math.max(0, units - opts.buffer);
      const availability = quantity === 0 ? 'out_of_stock' : quantity <= opts.limited_at ? 'limited_availability' : 'in_stock';
      const record: FeedRecord = { 'store code': store.store_code ?? location, id: product.id, availability, quantity: String(quantity) };
      if (opts.prices && product.price) record.price = formatMoney(product.price);
      if (opts.prices && product.sale_price) record['sale price'] = formatMoney(product.sale_price);
      const method = store.pickup_method ?? opts.pickup_method;
      if (method) {
        record['pickup method'] = method;
        const sla = store.pickup_method ? store.pickup_sla : (store.pickup_sla ?? opts.pickup_sla);
        if (sla) record['pickup sla'] = sla;
      }
      records.push(record);
    }
    if (out.failed) return { issues: out.list };
    if (records.length === 0) {
      return { issues: [...out.list, { severity: 'info', code: 'google-local.quantity.no_store_stock', message: 'the stock ledger counts this SKU in none of the stores of the feed; it is left out', feed: ctx.feed.id, id: product.id, row: ctx.row, field: 'quantity' }] };
    }
    return { record: records, issues: out.list };
  },
});

import type { AttributeDoc } from '../define-channel.js';
import { CANONICAL_FIELDS, EXTRA_PREFIX, isListField, isMoneyField } from './canonical-fields.js';

const FORMATS: Record<string, string> = {
  availability: 'in_stock | out_of_stock | preorder | backorder',
  condition: 'new | refurbished | used',
  identifier_exists: 'yes | no',
  quantity: 'integer',
  shipping: 'country:region:service:price',
  sale_price_effective_date: 'ISO 8601 interval start/end',
  availability_date: 'ISO 8601 date',
};

/**
 * What a generic feed's columns may read: every canonical field, as written by default. The feed
 * declares its own columns, so none is required here.
 */
export const GENERIC_ATTRIBUTES: AttributeDoc[] = [
  ...CANONICAL_FIELDS.map((field) => ({
    name: field,
    required: false,
    format: isMoneyField(field)
      ? '15.00 USD (format: money), 15.00 (amount) or USD (currency)'
      : isListField(field)
        ? `${FORMATS[field] ?? 'URL'}, repeated; joined with \`join\``
        : (FORMATS[field] ?? 'text'),
    source: field,
  })),
  { name: `${EXTRA_PREFIX}<column>`, required: false, format: 'text as read', source: 'a source column the mapping did not consume' },
];

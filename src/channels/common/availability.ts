import type { Availability } from '../../product/product.js';

/** How each channel family spells the canonical availability values. */
export const AVAILABILITY_SPELLINGS = {
  /** Google, Microsoft, Snapchat, Pinterest: the canonical values. */
  google: { in_stock: 'in_stock', out_of_stock: 'out_of_stock', preorder: 'preorder', backorder: 'backorder' },
  /** Meta (ProductItem_availability): spaces, and "available for order" for backorder. */
  meta: { in_stock: 'in stock', out_of_stock: 'out of stock', preorder: 'preorder', backorder: 'available for order' },
  /** Older Google-style feeds read by several channels: spaces, backorder kept. */
  spaced: { in_stock: 'in stock', out_of_stock: 'out of stock', preorder: 'preorder', backorder: 'backorder' },
} as const satisfies Record<string, Record<Availability, string>>;

export type AvailabilitySpelling = keyof typeof AVAILABILITY_SPELLINGS;

/** The channel's spelling of `value`; undefined stays undefined. */
export const spellAvailability = (value: Availability | undefined, spelling: AvailabilitySpelling): string | undefined =>
  value === undefined ? undefined : AVAILABILITY_SPELLINGS[spelling][value];

/** Availabilities that need an availability_date on Google-compatible channels. */
export const NEEDS_AVAILABILITY_DATE: ReadonlySet<Availability> = new Set(['preorder', 'backorder']);

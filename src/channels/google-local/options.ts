import { z } from 'zod';

/** Google's local product inventory values, as the tab-delimited file writes them. */
export const PICKUP_METHODS = ['buy', 'reserve', 'ship to store', 'not supported'] as const;
export const PICKUP_SLAS = ['same day', 'next day', '2-day', '3-day', '4-day', '5-day', '6-day', '7-day', 'multi-week'] as const;
export const LOCAL_AVAILABILITY = ['in_stock', 'limited_availability', 'on_display_to_order', 'out_of_stock'] as const;

const pickup = {
  /** How shoppers get the item at this store: buy, reserve, ship to store, not supported; default none (not written). */
  pickup_method: z.enum(PICKUP_METHODS).optional(),
  /** When a pickup order is ready: same day, next day, 2-day ... 7-day, multi-week; default none. Required with a pickup_method other than `not supported`. */
  pickup_sla: z.enum(PICKUP_SLAS).optional(),
};

const storeSchema = z
  .object({
    /** Store code of the store in the Business Profile; default the ledger location's name. */
    store_code: z.string().min(1).max(64).regex(/^[^~\t\n]+$/, 'no `~`, tab or line break').optional(),
    ...pickup,
  })
  .strict();

const pickupPair = (o: { pickup_method?: string; pickup_sla?: string }) => o.pickup_method === undefined || o.pickup_method === 'not supported' || o.pickup_sla !== undefined;
const pickupMessage = { message: 'a pickup_method other than `not supported` needs a pickup_sla (Google refuses one without the other)', path: ['pickup_sla'] };

/**
 * Options of a `google-local` feed: which ledger locations are stores, their store codes and
 * pickup terms. Quantities come from the stock ledger (`stock:`), per SKU and location.
 */
export const googleLocalOptionsSchema = z
  .object({
    /** Ledger location -> store; only these locations are written. Required. */
    stores: z.record(z.string().min(1), storeSchema.refine(pickupPair, pickupMessage)).refine((s) => Object.keys(s).length > 0, 'name at least one store'),
    ...pickup,
    /** At or below this many units a store shows `limited_availability`; default 0 (never). */
    limited_at: z.number().int().min(0).default(0),
    /** Units of each SKU held back in every store (for items being picked, damaged...); default 0. */
    buffer: z.number().int().min(0).default(0),
    /** Write the catalog's price and sale price per store (set false when the online price holds in stores); default true. */
    prices: z.boolean().default(true),
  })
  .strict()
  .refine(pickupPair, pickupMessage);

export type GoogleLocalOptions = z.infer<typeof googleLocalOptionsSchema>;

import { z } from 'zod';

/** `4.95`, `0`, `12.5` (YAML numbers or strings): a non-negative amount in the feed currency. */
const amount = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^\d+(?:\.\d{1,2})?$/.test(v), 'an amount such as 4.95 (decimal point, at most 2 decimals)');

/** Delivery or payment method as idealo names it in column suffixes: `dhl`, `dpd`, `paypal`, `credit_card`. */
const method = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a lower-case method name such as dhl or paypal');

export const idealoOptions = z
  .object({
    /** Delivery time shown on idealo for items in stock, e.g. `1-3 Werktage`. Required. */
    deliveryTime: z.string().min(1).describe('Delivery time shown on idealo for items in stock, e.g. `1-3 Werktage`. Required.'),
    /** Delivery time for preorder and backorder items; default `deliveryTime`. */
    deliveryTimePreorder: z.string().min(1).optional().describe('Delivery time for preorder and backorder items; default `deliveryTime`.'),
    /** Delivery cost per method, one `deliveryCosts_<method>` column each, e.g. `{dhl: 4.95}`; a product shipping row whose service names the method wins. Required, at least one. */
    deliveryCosts: z
      .record(method, amount)
      .refine((r) => Object.keys(r).length > 0, 'at least one delivery method, e.g. { dhl: 4.95 }')
      .describe('Delivery cost per method, one `deliveryCosts_<method>` column each, e.g. `{dhl: 4.95}`; a product shipping row whose service names the method wins. Required, at least one.'),
    /** Payment surcharge per method, one `paymentCosts_<method>` column each, e.g. `{paypal: 0}`; default none. */
    paymentCosts: z.record(method, amount).default({}).describe('Payment surcharge per method, one `paymentCosts_<method>` column each, e.g. `{paypal: 0}`; default none.'),
    /** Order value from which delivery is free (all delivery costs written as 0.00); default none. */
    freeDeliveryFrom: amount.optional().describe('Order value from which delivery is free (all delivery costs written as 0.00); default none.'),
    /** Words added to the title of used and refurbished items, which idealo requires to be marked; default German. */
    conditionLabels: z
      .object({ used: z.string().min(1), refurbished: z.string().min(1) })
      .strict()
      .default({ used: 'gebraucht', refurbished: 'generalüberholt' })
      .describe('Words added to the title of used and refurbished items, which idealo requires to be marked; default `gebraucht`, `generalüberholt`.'),
  })
  .strict();

export type IdealoOptions = z.infer<typeof idealoOptions>;

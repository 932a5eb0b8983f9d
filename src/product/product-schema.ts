import { z } from 'zod';
import { isCurrencyCode } from './currency-codes.js';
import { TEXT_FIELDS, type Product, type TextField } from './product.js';

/**
 * The canonical Product (product.ts) as a zod schema: the contract every validated product meets,
 * for JSON Schema generation, for reading products that are already canonical, and for tests. The
 * validator builds products by hand for speed; its tests check them against this schema.
 */
export const moneySchema = z.object({
  amount: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  currency: z.string().refine(isCurrencyCode, 'an ISO 4217 currency code'),
});

const text = z.string().min(1).refine((s) => s === s.trim(), 'trimmed text');
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'an absolute http(s) URL');
const count = z.number().int().nonnegative();

export const shippingSchema = z
  .object({
    country: z.string().regex(/^[A-Z]{2}$/).optional(),
    region: z.string().optional(),
    postal_code: z.string().optional(),
    service: z.string().optional(),
    price: moneySchema.optional(),
    min_handling_time: count.optional(),
    max_handling_time: count.optional(),
    min_transit_time: count.optional(),
    max_transit_time: count.optional(),
  })
  .strict();

const textFields = Object.fromEntries(TEXT_FIELDS.map((f) => [f, text.optional()])) as Record<TextField, z.ZodOptional<typeof text>>;

export const productSchema = z
  .object({
    ...textFields,
    id: text,
    title: text,
    link: httpUrl.optional(),
    mobile_link: httpUrl.optional(),
    image_link: httpUrl.optional(),
    additional_image_link: z.array(httpUrl).max(10),
    price: moneySchema.optional(),
    sale_price: moneySchema.optional(),
    sale_price_effective_date: z.string().includes('/').optional(),
    availability: z.enum(['in_stock', 'out_of_stock', 'preorder', 'backorder']).optional(),
    availability_date: z.string().regex(/^\d{4}-\d{2}-\d{2}/).optional(),
    quantity: count.optional(),
    gtin: z.string().regex(/^(\d{8}|\d{12,14})$/).optional(),
    identifier_exists: z.boolean().optional(),
    condition: z.enum(['new', 'refurbished', 'used']).optional(),
    shipping: z.array(shippingSchema),
    extra: z.record(z.string(), z.string()),
  })
  .strict();

// Compile-time proof that the schema and the Product interface describe the same shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const sameShape: Same<z.infer<typeof productSchema>, Product> = true;
void sameShape;

import { z } from 'zod';

const units = z.number().int().min(0);

/**
 * How one sales channel gets its share of a SKU's available units. Applied in this order:
 * end_when, share (rounded down, plus the rounding remainder for the priority channel), buffer,
 * cap, min; see src/stock/allocate.ts.
 */
export const channelPolicySchema = z
  .object({
    /** Percent of available units this channel may show, rounded down; default 100. */
    share: z.number().min(0).max(100).default(100),
    /** Units held back from this channel after its share; default 0. */
    buffer: units.default(0),
    /** Most units this channel ever shows; default none. */
    cap: units.optional(),
    /** Fewest units shown while the SKU is above `end_when` (never more than available); default 0. */
    min: units.default(0),
    /** Show 0 when available is at or below this number; default 0. */
    end_when: units.default(0),
    /**
     * Locations (warehouses, stores) whose stock this channel sells: its share is taken of what
     * they have, never more than the SKU's available; default every location (the SKU's available).
     */
    locations: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((c) => c.cap === undefined || c.min <= c.cap, { message: 'min must not be above cap', path: ['min'] });

/**
 * The optional `stock:` section of shelfcast.yaml. Without it, feeds use the catalog's quantities.
 *
 * ```yaml
 * stock:
 *   safety: 2
 *   strict: true
 *   priority: amazon
 *   channels:
 *     amazon: { share: 60, buffer: 1, cap: 100, end_when: 1 }
 *     ebay: { share: 40, min: 1 }
 * ```
 */
export const stockConfigSchema = z
  .object({
    /** Units of every SKU that no channel sees (available = on_hand - reserved - safety); default 0. */
    safety: units.default(0),
    /**
     * Strict mode: the quantities shown across channels never add up to more than available, so
     * allocation never oversells; shares above 100 % in total are then a config error. Default false.
     */
    strict: z.boolean().default(false),
    /** Channel that gets the units left over by rounding shares down; default the first channel. */
    priority: z.string().min(1).optional(),
    /** Ledger database file, relative to shelfcast.yaml; default `<state>/stock.sqlite`. */
    ledger: z.string().min(1).optional(),
    /** Allocation policy per channel name (the names used in order files and reconcile files). Default none. */
    channels: z.record(z.string().min(1), channelPolicySchema).default({}),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const names = Object.keys(cfg.channels);
    if (cfg.priority !== undefined && !names.includes(cfg.priority)) {
      ctx.addIssue({
        code: 'custom',
        path: ['priority'],
        message: `"${cfg.priority}" is not one of stock.channels (${names.join(', ') || 'none defined'})`,
      });
    }
    // Channels limited to some locations take shares of those, not of the SKU's available.
    const total = Object.values(cfg.channels).reduce((sum, c) => sum + (c.locations ? 0 : c.share), 0);
    if (cfg.strict && total > 100) {
      ctx.addIssue({
        code: 'custom',
        path: ['channels'],
        message: `shares add up to ${total} %; in strict mode they may add up to at most 100 % (lower them, or set strict: false)`,
      });
    }
  });

export type StockConfig = z.infer<typeof stockConfigSchema>;
export type ChannelPolicy = z.infer<typeof channelPolicySchema>;

/** The channel that owns the rounding remainder: `priority`, else the first channel listed. */
export function priorityChannel(cfg: StockConfig): string | undefined {
  return cfg.priority ?? Object.keys(cfg.channels)[0];
}

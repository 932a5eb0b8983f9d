import type { z } from 'zod';

/**
 * A parser for a channel's options that parses each feed's options object once: map() runs per
 * item (hundreds of thousands of times) with the same object, and the config loader has already
 * validated it, so repeated parsing would only cost time.
 */
export function cachedOptions<O>(schema: z.ZodType<O>): (raw: Record<string, unknown> | undefined) => O {
  const cache = new WeakMap<object, O>();
  const empty = {};
  return (given) => {
    const raw = given ?? empty;
    let parsed = cache.get(raw);
    if (parsed === undefined) {
      parsed = schema.parse(raw);
      cache.set(raw, parsed);
    }
    return parsed;
  };
}

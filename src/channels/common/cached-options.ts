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

/**
 * `derive` of a feed's parsed options, computed once per options object (which cachedOptions
 * returns for the whole feed): a per-item `{ ...PROFILE, option }` spread costs an object per item.
 */
export function perOptions<O extends object, T>(derive: (opts: O) => T): (opts: O) => T {
  const cache = new WeakMap<O, T>();
  return (opts) => {
    let value = cache.get(opts);
    if (value === undefined) {
      value = derive(opts);
      cache.set(opts, value);
    }
    return value;
  };
}

/**
 * One-entry memos of pure functions. Consecutive calls repeat their arguments (the variants of one
 * product share a description, and every feed maps the same product in turn), and a strict
 * equality check is far cheaper than redoing the work. Strings compare by content, so a hit never
 * depends on where a string came from; objects compare by identity, so only pass values that
 * nobody mutates.
 */
export function lastCall<A, R>(fn: (a: A) => R): (a: A) => R {
  let has = false;
  let lastA: A;
  let lastR: R;
  return (a) => {
    if (has && a === lastA) return lastR;
    const r = fn(a);
    lastA = a;
    lastR = r;
    has = true;
    return r;
  };
}

/** Texts this long (descriptions) are often the last one again: the next variant, the next feed. */
const LONG_TEXT = 128;

/** `fn` with a one-entry memo for long texts only, where comparing is much cheaper than the work. */
export function lastCallForLong<R>(fn: (text: string) => R): (text: string) => R {
  const long = lastCall(fn);
  return (text) => (text.length >= LONG_TEXT ? long(text) : fn(text));
}

export function lastCall2<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let has = false;
  let lastA: A;
  let lastB: B;
  let lastR: R;
  return (a, b) => {
    if (has && a === lastA && b === lastB) return lastR;
    const r = fn(a, b);
    lastA = a;
    lastB = b;
    lastR = r;
    has = true;
    return r;
  };
}

/**
 * `fn` with a memo of the last `size` long texts it was given (the newest replaces the oldest).
 * For a function shared by several callers that take turns: one row's description goes through
 * several feeds, each of which asks for other long texts in between.
 */
export function recentCallsForLong<R>(fn: (text: string) => R, size: number): (text: string) => R {
  const texts: (string | undefined)[] = new Array<string | undefined>(size).fill(undefined);
  const results: R[] = new Array<R>(size);
  let next = 0;
  return (text) => {
    if (text.length < LONG_TEXT) return fn(text);
    for (let i = 0; i < size; i++) if (texts[i] === text) return results[i]!;
    const r = fn(text);
    texts[next] = text;
    results[next] = r;
    next = (next + 1) % size;
    return r;
  };
}

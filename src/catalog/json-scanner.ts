import type { TextCursor } from './text-cursor.js';

export interface CapturedValue {
  text: string;
  /** Deepest nesting of objects and arrays inside the value. */
  depth: number;
}

export class JsonSyntaxError extends Error {}

/**
 * Finds where one JSON value ends without building it: tracks strings, escapes and bracket depth,
 * pulling more text as needed. Returns the value's text for JSON.parse. The cursor must sit on its
 * first character.
 */
export async function captureValue(cursor: TextCursor, maxChars: number): Promise<CapturedValue> {
  cursor.compact();
  let i = 0;
  let depth = 0;
  let maxDepth = 0;
  let inString = false;
  const first = cursor.buf.charCodeAt(0);
  const scalar = first !== 0x7b && first !== 0x5b; // not { or [
  for (;;) {
    const buf = cursor.buf;
    const n = buf.length;
    for (; i < n; i++) {
      const c = buf.charCodeAt(i);
      if (inString) {
        if (c === 0x5c) i++; // backslash: skip the escaped character
        else if (c === 0x22) {
          inString = false;
          if (scalar) return done(cursor, i + 1, 0);
        }
      } else if (c === 0x22) inString = true;
      else if (c === 0x7b || c === 0x5b) {
        if (++depth > maxDepth) maxDepth = depth;
      } else if (c === 0x7d || c === 0x5d) {
        if (scalar) return done(cursor, i, 0);
        if (--depth === 0) return done(cursor, i + 1, maxDepth);
      } else if (scalar && (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) {
        return done(cursor, i, 0);
      }
    }
    if (i > maxChars) throw new JsonSyntaxError(`an item is larger than ${maxChars} characters`);
    if (!(await cursor.fill())) {
      if (scalar && !inString && i > 0) return done(cursor, i, 0);
      throw new JsonSyntaxError('the text ends inside an item');
    }
  }
}

function done(cursor: TextCursor, end: number, depth: number): CapturedValue {
  const text = cursor.buf.slice(0, end);
  cursor.pos = end;
  return { text, depth };
}

/** Reads a JSON string token (cursor on its opening quote) and returns its value. */
export async function readKey(cursor: TextCursor, maxChars: number): Promise<string> {
  const c = await cursor.peek();
  if (c !== '"') throw new JsonSyntaxError(`expected a key in quotes but found ${c === undefined ? 'the end' : `"${c}"`}`);
  const { text } = await captureValue(cursor, maxChars);
  try {
    return JSON.parse(text) as string;
  } catch {
    throw new JsonSyntaxError(`invalid key ${text.slice(0, 40)}`);
  }
}

async function expect(cursor: TextCursor, chars: string): Promise<string> {
  const c = await cursor.peek();
  if (c === undefined || !chars.includes(c)) {
    throw new JsonSyntaxError(`expected ${chars.split('').join(' or ')} but found ${c === undefined ? 'the end' : `"${c}"`}`);
  }
  cursor.pos++;
  return c;
}

/** Moves the cursor into the array at `path` (dot-separated object keys; empty: the document itself). */
export async function enterArray(cursor: TextCursor, path: string[], maxChars: number): Promise<void> {
  for (let level = 0; level < path.length; level++) {
    await expect(cursor, '{');
    for (;;) {
      const c = await cursor.peek();
      if (c === '}' || c === undefined) throw new JsonSyntaxError(`no key "${path.slice(0, level + 1).join('.')}" in the document`);
      const key = await readKey(cursor, maxChars);
      await expect(cursor, ':');
      if (key === path[level]) break;
      // A value beside the items is skipped; it is held in memory while skipped, so no size limit applies.
      await cursor.peek();
      await captureValue(cursor, Number.MAX_SAFE_INTEGER);
      if ((await cursor.peek()) === ',') cursor.pos++;
    }
  }
  const c = await cursor.peek();
  if (c !== '[') {
    throw new JsonSyntaxError(
      c === '{'
        ? `the ${path.length ? `value at "${path.join('.')}"` : 'document'} is an object, not an array of items`
        : `expected an array of items but found ${c === undefined ? 'nothing' : `"${c}"`}`,
    );
  }
  cursor.pos++;
}

/** Yields the text of each element of the array the cursor is in, then stops after its `]`. */
export async function* arrayElements(cursor: TextCursor, maxChars: number): AsyncGenerator<CapturedValue> {
  let c = await cursor.peek();
  if (c === ']') return;
  for (;;) {
    if (c === undefined) throw new JsonSyntaxError('the text ends inside the item array');
    yield await captureValue(cursor, maxChars);
    c = await expect(cursor, ',]');
    if (c === ']') return;
    c = await cursor.peek();
  }
}

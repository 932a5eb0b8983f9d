import type { AmazonOptions } from './listing-options.js';

/**
 * Pieces of listing-attribute JSON text. The feed embeds the attributes as text, and building an
 * object tree per item only to stringify it was the Amazon map's largest cost, so the text is
 * written directly. Every piece is what JSON.stringify writes for the same value, members whose
 * value is undefined included (they are left out), so the bytes are those the object tree gave.
 */

/** What JSON.stringify escapes in a string: quotes, backslashes, C0 controls and (lone) surrogates. */
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify of a string. Most values need no escaping, and for those a regex test and two
 * quotes cost less than the call; values with a surrogate (emoji too, to stay simple) take the call.
 */
export const quote = (s: string): string => (ESCAPED.test(s) ? JSON.stringify(s) : `"${s}"`);

/** JSON.stringify of a value of an attribute entry. */
export const json = (value: unknown): string => (typeof value === 'string' ? quote(value) : (JSON.stringify(value) as string));

/** The members of `obj` as JSON.stringify writes them, without the braces ('' when none remain). */
export const members = (obj: Record<string, unknown>): string => JSON.stringify(obj).slice(1, -1);

/** The members `"key":value,rest` for a quoted `key` and the members text `rest`. */
export function member(key: string, value: unknown, rest: string): string {
  if (value === undefined) return rest;
  return rest === '' ? `${key}:${json(value)}` : `${key}:${json(value)},${rest}`;
}

/** `{"key":value,rest}`: one object of an attribute's array. */
export const entry = (key: string, value: unknown, rest: string): string => `{${member(key, value, rest)}}`;

/** The members every entry of a feed ends with: its marketplace, and for text its language. */
export interface EntryTails {
  marketplace: string;
  text: string;
}

const tails = new WeakMap<AmazonOptions, EntryTails>();

/** Computed once per feed: the options object is parsed once per feed and then shared. */
export function entryTails(opts: AmazonOptions): EntryTails {
  let t = tails.get(opts);
  if (t === undefined) {
    const marketplace_id = opts.marketplaceId;
    t = { marketplace: members({ marketplace_id }), text: members({ language_tag: opts.languageTag ?? opts.issueLocale, marketplace_id }) };
    tails.set(opts, t);
  }
  return t;
}

/**
 * An attributes object written member by member, in the order they are added. A listing that is
 * left out for a missing required attribute needs only the names of the attributes it would
 * carry, so one built with `write` false records the names and skips writing the entries (the
 * Amazon map of a catalog whose items all lack a required column spent most of its time there).
 */
export class AttributesJson {
  private text = '';
  /** The attributes added. */
  readonly names = new Set<string>();
  private last = '';
  constructor(readonly write = true) {}
  /**
   * Records that the listing carries `name`; true when its entries are wanted next (`put`), false
   * when only the names are. `if (a.carries(name)) a.put(entries)` keeps the entries' text unbuilt.
   */
  carries(name: string): boolean {
    this.names.add(name);
    this.last = name;
    return this.write;
  }
  /** `entries` is the JSON array text of the attribute last `carries`; names are plain identifiers, so need no escaping. */
  put(entries: string): void {
    this.text += this.text === '' ? `"${this.last}":${entries}` : `,"${this.last}":${entries}`;
  }
  toString(): string {
    return `{${this.text}}`;
  }
}

import { localName, sameAt } from './xml-element.js';

/** A name the plain reader met, with what it needs of it worked out once. */
export interface KnownName {
  name: string;
  local: string;
  /** fast-xml-parser refuses it (`__proto__`...) or renames it (`toString` -> `__toString`). */
  guarded: boolean;
}

/** Names fast-xml-parser refuses or renames; items using one go to it. */
const GUARDED = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
]);

const SIZE = 1024;

/**
 * The element and attribute names of a catalog repeat in every item: looked up by a hash taken
 * while the name is scanned, each is sliced out, hashed by the engine and checked once, not once
 * per element. Direct-mapped and bounded: a colliding name replaces the one before it.
 */
export class NameTable {
  private readonly slots: (KnownName | undefined)[] = new Array(SIZE);

  /** The name at [from, to) of s, whose hash is `hash`. */
  get(s: string, from: number, to: number, hash: number): KnownName {
    const slot = hash & (SIZE - 1);
    const known = this.slots[slot];
    if (known && known.name.length === to - from && sameAt(s, from, known.name)) return known;
    const name = s.slice(from, to);
    const fresh: KnownName = { name, local: localName(name), guarded: GUARDED.has(name) };
    this.slots[slot] = fresh;
    return fresh;
  }
}


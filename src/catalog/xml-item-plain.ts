import { decodeEntities, sameAt, type XmlElement } from './xml-element.js';
import { NameTable } from './xml-name-table.js';

/**
 * A reader for the shape nearly every catalog item has, several times faster than validating and
 * parsing it with fast-xml-parser: elements with ASCII names (one optional prefix), quoted
 * attributes, text, CDATA, comments, and the XML entities and character references. It reads
 * exactly what fast-xml-parser reads from such an item (the differential test holds the two
 * equal), and for anything else (a processing instruction, a DOCTYPE, a name outside that set,
 * an `&` that is not a plain reference, any markup error) it returns undefined, and the item goes
 * to fast-xml-parser, which also words the errors.
 */
export function readPlainItem(source: string): XmlElement | undefined {
  // fast-xml-parser reads CR LF and lone CR as LF everywhere, CDATA and attribute values included.
  const s = source.indexOf('\r') < 0 ? source : source.replace(/\r\n?/g, '\n');
  const n = s.length;
  if (s.charCodeAt(0) !== LT) return undefined;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let cur: XmlElement | undefined;
  /** Start of the text not yet taken. */
  let i = 0;
  /** Text before a comment: the parser carries it on, so the run continues after the comment. */
  let carried = '';
  /** The next `&` at or after i (n when none), kept so the text is searched for `&` only once. */
  let amp = -1;
  for (;;) {
    const lt = s.indexOf('<', i);
    if (lt < 0) return undefined;
    if (!cur) {
      if (lt !== i) return undefined;
    } else if (lt > i) {
      if (amp < i) amp = indexOr(s, '&', i, n);
      while (amp < lt) {
        const end = referenceEnd(s, amp);
        if (end < 0 || end > lt) return undefined;
        amp = indexOr(s, '&', end, n);
      }
    }
    const c1 = s.charCodeAt(lt + 1);
    if (c1 === SLASH) {
      if (!cur || !sameAt(s, lt + 2, cur.name)) return undefined;
      let p = lt + 2 + cur.name.length;
      while (isSpace(s.charCodeAt(p))) p++;
      if (s.charCodeAt(p) !== GT) return undefined;
      addText(cur, carried, s, i, lt);
      carried = '';
      i = p + 1;
      cur = stack.pop();
      if (!cur) return i === n ? root : undefined;
    } else if (c1 === BANG) {
      if (!cur) return undefined;
      if (s.startsWith('!--', lt + 1)) {
        const end = s.indexOf('-->', lt + 4);
        if (end < 0) return undefined;
        carried += s.slice(i, lt);
        i = end + 3;
      } else if (s.startsWith('![CDATA[', lt + 1)) {
        const end = s.indexOf(']]>', lt + 9);
        if (end < 0) return undefined;
        addText(cur, carried, s, i, lt);
        carried = '';
        // CDATA is neither trimmed nor kept apart from entity decoding, exactly as the parser path reads it.
        cur.text += decodeEntities(s.slice(lt + 9, end));
        i = end + 3;
      } else return undefined;
    } else {
      const nameEnd = plainNameEnd(s, lt + 1);
      if (nameEnd < 0) return undefined;
      const known = names.get(s, lt + 1, nameEnd, nameHash);
      if (known.guarded) return undefined;
      const element: XmlElement = { name: known.name, local: known.local, text: '', children: NO_CHILDREN };
      let p = nameEnd;
      for (;;) {
        let c = s.charCodeAt(p);
        if (c === GT || c === SLASH) break;
        if (!isSpace(c)) return undefined;
        do c = s.charCodeAt(++p);
        while (isSpace(c));
        if (c === GT || c === SLASH) break;
        const attrEnd = plainNameEnd(s, p);
        if (attrEnd < 0) return undefined;
        const attribute = names.get(s, p, attrEnd, nameHash);
        const attr = attribute.name;
        if (attribute.guarded || element.attributes?.some(([a]) => a === attr)) return undefined;
        p = attrEnd;
        while (isSpace(s.charCodeAt(p))) p++;
        if (s.charCodeAt(p) !== EQUALS) return undefined;
        do c = s.charCodeAt(++p);
        while (isSpace(c));
        if (c !== QUOT && c !== APOS) return undefined;
        const close = s.indexOf(c === QUOT ? '"' : "'", p + 1);
        if (close < 0) return undefined;
        (element.attributes ??= []).push([attr, s.slice(p + 1, close).trim()]);
        p = close + 1;
      }
      const selfClosing = s.charCodeAt(p) === SLASH;
      if (selfClosing && s.charCodeAt(++p) !== GT) return undefined;
      if (cur) {
        addText(cur, carried, s, i, lt);
        carried = '';
        if (cur.children === NO_CHILDREN) cur.children = [element];
        else cur.children.push(element);
      } else root = element;
      i = p + 1;
      if (!selfClosing) {
        if (cur) stack.push(cur);
        // fast-xml-parser refuses more than 1000 levels: deep items go to it, to be refused the same way.
        if (stack.length > MAX_DEPTH) return undefined;
        cur = element;
      } else if (!cur) return i === n ? root : undefined;
    }
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const BANG = 0x21;
const EQUALS = 0x3d;
const QUOT = 0x22;
const APOS = 0x27;
const SEMICOLON = 0x3b;
const HASH = 0x23;
const MAX_DEPTH = 512;

/** Shared by every element until it gets a child, which spares an array per leaf. */
const NO_CHILDREN: XmlElement[] = [];

const names = new NameTable();

/** Whitespace inside tags, as the validator counts it (CR is gone by then). */
const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/** 1: may start a name, 2: may continue one (ASCII letters, digits, `_`, `-`, `.`). */
const NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_]/.test(ch)) NAME[c] = 3;
  else if (/[0-9.-]/.test(ch)) NAME[c] = 2;
}
const startsName = (c: number): boolean => c < 128 && (NAME[c]! & 1) !== 0;
const continuesName = (c: number): boolean => c < 128 && (NAME[c]! & 2) !== 0;

/** Hash of the name plainNameEnd read last, for the name table. */
let nameHash = 0;

/** End of a name at p (`name` or `prefix:name`), or -1 when none starts there; sets nameHash. */
function plainNameEnd(s: string, p: number): number {
  let c = s.charCodeAt(p);
  if (!startsName(c)) return -1;
  let h = c;
  while (continuesName((c = s.charCodeAt(++p)))) h = (Math.imul(h, 31) + c) | 0;
  if (c === 0x3a) {
    h = (Math.imul(h, 31) + c) | 0;
    if (!startsName((c = s.charCodeAt(++p)))) return -1;
    do h = (Math.imul(h, 31) + c) | 0;
    while (continuesName((c = s.charCodeAt(++p))));
    if (c === 0x3a) return -1;
  }
  nameHash = h ^ (h >>> 15);
  return p;
}

/** Index after the `;` of a reference at `&` (`&amp;`, `&#38;`, `&#x26;`), or -1 for anything else. */
function referenceEnd(s: string, amp: number): number {
  let p = amp + 1;
  let from = p;
  if (s.charCodeAt(p) === HASH) {
    const hex = s.charCodeAt(++p) === 0x78;
    if (hex) p++;
    from = p;
    while (hex ? isHex(s.charCodeAt(p)) : isDigit(s.charCodeAt(p))) p++;
  } else {
    // The validator's rule: at most 20 word characters. Unknown names stay as text, as they do in the parser path.
    while (p - from < 20 && isWord(s.charCodeAt(p))) p++;
  }
  return p > from && s.charCodeAt(p) === SEMICOLON ? p + 1 : -1;
}

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isWord = (c: number): boolean => c < 128 && (NAME[c] === 3 || isDigit(c));

function indexOr(s: string, needle: string, from: number, none: number): number {
  const at = s.indexOf(needle, from);
  return at < 0 ? none : at;
}

/** A text run (trimmed; empty runs dropped) is decoded and added to the element's text. */
function addText(element: XmlElement, carried: string, s: string, from: number, to: number): void {
  if (from === to && carried === '') return;
  const run = (carried + s.slice(from, to)).trim();
  if (run !== '') element.text += decodeEntities(run);
}

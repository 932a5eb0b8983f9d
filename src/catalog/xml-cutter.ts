import { isForbiddenKey } from './forbidden-keys.js';
import { bareTagEnd, mayBeForbidden, nameEnd } from './xml-tag-names.js';

export interface ScannedItem {
  text: string;
  /** Deepest element nesting inside the item (the item itself is 1). */
  depth: number;
  /** A forbidden element name met inside the item, if any. */
  forbidden?: string;
}

/** Why the document cannot be read at all; the reader turns it into a ShelfcastError. */
export class XmlScanError extends Error {}

/** scan() ran out of text inside a comment, tag or declaration; it continues there with more. */
const MORE = -2;

/** Bounds of the pieces feed() appends while an item is carried over. */
const MIN_PIECE = 4096;
const MAX_PIECE = 256 * 1024;

/**
 * Cuts XML text into the source of each item element (matched by local name, so `<item>` and
 * `<g:item>` both count), skipping comments, CDATA, processing instructions and the document
 * type. Synchronous, so the main thread can cut while workers parse: write() text as it arrives,
 * cut() takes the items completed so far. Never builds a tree: depth is a counter, so deep nesting
 * cannot overflow the stack. A DOCTYPE that declares entities is refused: that is how
 * entity-expansion bombs and external entities get in, and product catalogs have no use for them.
 */
export class XmlCutter {
  /** Set by cut() when the text cannot be read; thrown once the items before it are delivered. */
  failure: XmlScanError | undefined;
  /** True once end() was called and cut() read everything. */
  done = false;
  private buf = '';
  /**
   * Written text not yet in buf. When nothing is carried over, buf becomes it as it is; when an
   * item is, it is appended a piece at a time, so a whole chunk is not copied to join a short tail.
   */
  private rest = '';
  private pos = 0;
  private ended = false;
  private itemStart = -1;
  private sameNameDepth = 0;
  private depth = 0;
  private maxDepth = 0;
  private forbidden: string | undefined;
  private sawMarkup = false;
  /** Start of a construct that ran past the text so far (-1: none), and where its scan resumes. */
  private openAt = -1;
  private resumeAt = 0;
  private quote = 0;
  private bracket = 0;

  constructor(
    private readonly itemName: string,
    private readonly maxChars: number,
  ) {}

  /** Adds the next text; cut() reads it. */
  write(text: string): void {
    this.rest += text;
  }

  /** The text is complete. */
  end(): void {
    this.ended = true;
  }

  /** The items completed in the text written so far. A failure is kept in `failure`, not thrown. */
  cut(): ScannedItem[] {
    const items: ScannedItem[] = [];
    if (this.failure || this.done) return items;
    try {
      for (;;) {
        this.scan(items);
        if (this.done || this.rest === '') break;
        this.feed();
      }
    } catch (cause) {
      if (!(cause instanceof XmlScanError)) throw cause;
      this.failure = cause;
    }
    return items;
  }

  /** True when no more text can come. */
  private get complete(): boolean {
    return this.ended && this.rest === '';
  }

  /** Moves written text into buf; fails when the open item grows past maxChars. */
  private feed(): void {
    // Keep only what is still needed: the open item, or the unread rest.
    const keep = this.itemStart >= 0 ? this.itemStart : this.pos;
    if (keep > 0) {
      this.buf = this.buf.slice(keep);
      this.pos -= keep;
      if (this.itemStart >= 0) this.itemStart = 0;
      if (this.openAt >= 0) {
        this.openAt -= keep;
        this.resumeAt -= keep;
      }
    }
    if (this.buf === '') {
      this.buf = this.rest;
      this.rest = '';
    } else {
      // As long as what is carried over, so a growing item is copied a few times rather than once per 4 KiB.
      const take = Math.min(Math.max(MIN_PIECE, this.buf.length), MAX_PIECE);
      this.buf += this.rest.slice(0, take);
      this.rest = this.rest.slice(take);
    }
    if (this.itemStart >= 0 && this.buf.length > this.maxChars) {
      throw new XmlScanError(`an <${this.itemName}> element is larger than ${this.maxChars} characters`);
    }
  }

  private scan(items: ScannedItem[]): void {
    const name = this.itemName;
    for (;;) {
      let lt = this.openAt;
      if (lt < 0) {
        lt = this.buf.indexOf('<', this.pos);
        // Ten characters after `<` tell every kind of markup apart (`<![CDATA[` is nine).
        if ((lt < 0 || this.buf.length - lt < 10) && !this.complete) {
          if (lt < 0) this.pos = this.buf.length;
          return;
        }
        if (lt < 0) break;
        if (!this.sawMarkup) {
          if (this.buf.slice(this.pos, lt).trim() !== '') throw new XmlScanError('the file does not start with XML markup');
          this.sawMarkup = true;
        }
      }
      const buf = this.buf;
      const c1 = buf.charCodeAt(lt + 1);
      if (c1 === 0x21 && buf.startsWith('<!--', lt)) {
        const end = this.find('-->', lt, lt + 4);
        if (end === MORE) return;
        if (end < 0) throw new XmlScanError('a comment is not closed');
        this.pos = end + 3;
      } else if (c1 === 0x21 && buf.startsWith('<![CDATA[', lt)) {
        const end = this.find(']]>', lt, lt + 9);
        if (end === MORE) return;
        if (end < 0) throw new XmlScanError('a CDATA section is not closed');
        this.pos = end + 3;
      } else if (c1 === 0x3f) {
        const end = this.find('?>', lt, lt + 2);
        if (end === MORE) return;
        if (end < 0) throw new XmlScanError('a processing instruction is not closed');
        this.pos = end + 2;
      } else if (c1 === 0x21) {
        const end = this.declarationEnd(lt);
        if (end === MORE) return;
        this.pos = end;
      } else {
        // Most tags are a bare name (`<g:price>`, `</g:price>`): read in one pass, no slicing.
        const from = c1 === 0x2f ? lt + 2 : lt + 1;
        let end = this.openAt >= 0 ? -1 : bareTagEnd(buf, from);
        let to = end;
        if (end < 0) {
          end = this.tagEnd(lt);
          if (end === MORE) return;
          to = nameEnd(buf, from, end);
        }
        this.pos = end + 1;
        this.tag(lt, from, to, c1 === 0x2f, buf.charCodeAt(end - 1) === 0x2f, items);
      }
    }
    if (this.itemStart >= 0) throw new XmlScanError(`the text ends inside an <${name}> element`);
    if (!this.sawMarkup) throw new XmlScanError('the file is empty');
    this.done = true;
  }

  /** A start, end or empty-element tag at lt, its name at [from, to): tracks the item. */
  private tag(lt: number, from: number, to: number, closing: boolean, selfClosing: boolean, items: ScannedItem[]): void {
    const buf = this.buf;
    const name = this.itemName;
    let local = from;
    for (let i = from; i < to; i++) {
      if (buf.charCodeAt(i) === 0x3a) {
        local = i + 1;
        break;
      }
    }
    const isItem = to - local === name.length && buf.startsWith(name, local);
    if (this.itemStart < 0) {
      if (!closing && isItem) {
        if (selfClosing) items.push({ text: buf.slice(lt, this.pos), depth: 1 });
        else {
          this.itemStart = lt;
          this.sameNameDepth = 1;
          this.depth = 1;
          this.maxDepth = 1;
          this.forbidden = undefined;
        }
      }
    } else if (closing) {
      this.depth--;
      if (isItem && --this.sameNameDepth === 0) {
        const item: ScannedItem = { text: buf.slice(this.itemStart, this.pos), depth: this.maxDepth };
        if (this.forbidden) item.forbidden = this.forbidden;
        this.itemStart = -1;
        items.push(item);
      }
    } else {
      if (this.forbidden === undefined && mayBeForbidden(to - from, to - local)) {
        const tag = buf.slice(from, to);
        if (isForbiddenKey(tag.slice(local - from)) || isForbiddenKey(tag)) this.forbidden = tag;
      }
      if (!selfClosing) {
        if (++this.depth > this.maxDepth) this.maxDepth = this.depth;
        if (isItem) this.sameNameDepth++;
      }
    }
  }

  /** Index of `needle` at or after `from`; -1 at the end of the text; MORE when it may come later. */
  private find(needle: string, lt: number, from: number): number {
    if (this.openAt >= 0) from = this.resumeAt;
    const at = this.buf.indexOf(needle, from);
    if (at >= 0 || this.complete) {
      this.openAt = -1;
      return at;
    }
    // Resume near the end next time, so a long comment or CDATA section is scanned once.
    this.suspend(lt, Math.max(from, this.buf.length - needle.length + 1));
    return MORE;
  }

  /** End (the `>`) of the tag starting at lt; `>` inside quoted attribute values does not count. */
  private tagEnd(lt: number): number {
    const buf = this.buf;
    let quote = 0;
    let i = lt + 1;
    if (this.openAt >= 0) {
      quote = this.quote;
      i = this.resumeAt;
    }
    for (; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x3e) {
        this.openAt = -1;
        return i;
      }
    }
    if (this.complete) throw new XmlScanError('a tag is not closed');
    this.suspend(lt, i);
    this.quote = quote;
    return MORE;
  }

  /** End (after the `>`) of a `<!DOCTYPE ...>` (with its internal subset) or another declaration; refuses entity declarations, in any letter case. */
  private declarationEnd(lt: number): number {
    const buf = this.buf;
    let bracket = 0;
    let quote = 0;
    // From the `<` itself: an `<!ENTITY` outside any DOCTYPE is refused too.
    let i = lt;
    if (this.openAt >= 0) {
      bracket = this.bracket;
      quote = this.quote;
      i = this.resumeAt;
    }
    for (; i < buf.length; i++) {
      const c = buf.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 0x22 || c === 0x27) quote = c;
      else if (c === 0x5b) bracket++;
      else if (c === 0x5d) bracket--;
      else if (c === 0x3c) {
        // In any letter case: XML wants upper case, but lenient parsers downstream do not.
        if (buf.slice(i, i + 8).toUpperCase() === '<!ENTITY') {
          throw new XmlScanError('the DOCTYPE declares entities, which shelfcast refuses (entity expansion and external entities are an attack vector)');
        }
        // `<!ENTITY` cut by the end of a chunk: look again once the rest is there.
        if (buf.length - i < 8 && !this.complete) break;
      } else if (c === 0x3e && bracket <= 0) {
        this.openAt = -1;
        return i + 1;
      }
    }
    if (this.complete) throw new XmlScanError('a declaration is not closed');
    this.suspend(lt, i);
    this.bracket = bracket;
    this.quote = quote;
    return MORE;
  }

  private suspend(lt: number, resumeAt: number): void {
    this.openAt = lt;
    this.resumeAt = resumeAt;
  }
}

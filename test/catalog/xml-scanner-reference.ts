// The XML scanner as it was before the synchronous cutter (shelfcast d71d6e2), frozen, with one
// fix marked below: the cutter test holds the current one to it. Not used by the program.
import { isForbiddenKey } from '../../src/catalog/forbidden-keys.js';

interface ScannedItem {
  text: string;
  /** Deepest element nesting inside the item (the item itself is 1). */
  depth: number;
  /** A forbidden element name met inside the item, if any. */
  forbidden?: string;
}

/** Why the document cannot be read at all; the reader turns it into a ShelfcastError. */
export class ReferenceXmlScanError extends Error {}

const NAME_END = /[\s/>]/;

/**
 * Cuts an XML text stream into the source of each item element (matched by local name, so
 * `<item>` and `<g:item>` both count), skipping comments, CDATA, processing instructions and the
 * document type. Never builds a tree: depth is a counter, so deep nesting cannot overflow the stack.
 * A DOCTYPE that declares entities is refused: that is how entity-expansion bombs and external
 * entities get in, and product catalogs have no use for them.
 */
export async function* referenceScanXmlItems(chunks: AsyncIterable<string>, itemName: string, maxChars: number): AsyncGenerator<ScannedItem> {
  const it = chunks[Symbol.asyncIterator]();
  let buf = '';
  let pos = 0;
  let ended = false;
  let itemStart = -1;
  let sameNameDepth = 0;
  let depth = 0;
  let maxDepth = 0;
  let forbidden: string | undefined;
  let sawMarkup = false;

  const more = async (): Promise<boolean> => {
    if (ended) return false;
    // Keep only what is still needed: the open item, or the unread rest.
    const keep = itemStart >= 0 ? itemStart : pos;
    if (keep > 0) {
      buf = buf.slice(keep);
      pos -= keep;
      if (itemStart >= 0) itemStart = 0;
    }
    const next = await it.next();
    if (next.done) {
      ended = true;
      return false;
    }
    buf += next.value;
    if (itemStart >= 0 && buf.length > maxChars) throw new ReferenceXmlScanError(`an <${itemName}> element is larger than ${maxChars} characters`);
    return true;
  };

  /** Index of `needle` at or after `from`, reading more text as needed; -1 at the end of the text. */
  const find = async (needle: string, from: number): Promise<number> => {
    for (;;) {
      const at = buf.indexOf(needle, from);
      if (at >= 0) return at;
      // Resume near the end next time, so a long comment or CDATA section is scanned once.
      from = Math.max(from, buf.length - needle.length + 1);
      const shift = pos;
      if (!(await more())) return -1;
      from -= shift - pos;
    }
  };

  for (;;) {
    let lt = buf.indexOf('<', pos);
    while (lt < 0 || buf.length - lt < 10) {
      if (lt < 0) pos = buf.length;
      const before = pos;
      const had = await more();
      if (lt >= 0) lt -= before - pos;
      if (!had) break;
      if (lt < 0) lt = buf.indexOf('<', pos);
    }
    if (lt < 0) break;
    if (!sawMarkup) {
      if (buf.slice(pos, lt).trim() !== '') throw new ReferenceXmlScanError('the file does not start with XML markup');
      sawMarkup = true;
    }
    let end: number;
    if (buf.startsWith('<!--', lt)) {
      end = await find('-->', lt + 4);
      if (end < 0) throw new ReferenceXmlScanError('a comment is not closed');
      pos = end + 3;
    } else if (buf.startsWith('<![CDATA[', lt)) {
      end = await find(']]>', lt + 9);
      if (end < 0) throw new ReferenceXmlScanError('a CDATA section is not closed');
      pos = end + 3;
    } else if (buf.startsWith('<?', lt)) {
      end = await find('?>', lt + 2);
      if (end < 0) throw new ReferenceXmlScanError('a processing instruction is not closed');
      pos = end + 2;
    } else if (buf.startsWith('<!', lt)) {
      pos = await skipDeclaration(lt);
    } else {
      // The one change to the frozen copy: tagEnd may compact the buffer, and lt moves with it
      // (before, a tag cut by a chunk boundary was read at the wrong place and items were lost).
      const shiftFrom = pos;
      end = await tagEnd(lt);
      lt -= shiftFrom - pos;
      const closing = buf.charCodeAt(lt + 1) === 0x2f;
      const selfClosing = buf.charCodeAt(end - 1) === 0x2f;
      const nameFrom = closing ? lt + 2 : lt + 1;
      const rest = buf.slice(nameFrom, end + 1);
      const name = rest.slice(0, rest.search(NAME_END));
      const local = name.slice(name.indexOf(':') + 1);
      pos = end + 1;
      if (itemStart < 0) {
        if (!closing && local === itemName) {
          if (selfClosing) yield { text: buf.slice(lt, pos), depth: 1 };
          else {
            itemStart = lt;
            sameNameDepth = 1;
            depth = 1;
            maxDepth = 1;
            forbidden = undefined;
          }
        }
      } else if (closing) {
        depth--;
        if (local === itemName && --sameNameDepth === 0) {
          const item: ScannedItem = { text: buf.slice(itemStart, pos), depth: maxDepth };
          if (forbidden) item.forbidden = forbidden;
          itemStart = -1;
          yield item;
        }
      } else {
        if (isForbiddenKey(local) || isForbiddenKey(name)) forbidden ??= name;
        if (!selfClosing) {
          if (++depth > maxDepth) maxDepth = depth;
          if (local === itemName) sameNameDepth++;
        }
      }
    }
  }
  if (itemStart >= 0) throw new ReferenceXmlScanError(`the text ends inside an <${itemName}> element`);
  if (!sawMarkup) throw new ReferenceXmlScanError('the file is empty');

  /** End (the `>`) of the tag starting at lt; `>` inside quoted attribute values does not count. */
  async function tagEnd(lt: number): Promise<number> {
    let quote = 0;
    let i = lt + 1;
    for (;;) {
      for (; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x3e) return i;
      }
      const before = pos;
      if (!(await more())) throw new ReferenceXmlScanError('a tag is not closed');
      i -= before - pos;
      lt -= before - pos;
    }
  }

  /** Skips a `<!DOCTYPE ...>` (with its internal subset) or another declaration; refuses entity declarations. */
  async function skipDeclaration(lt: number): Promise<number> {
    let bracket = 0;
    let quote = 0;
    let i = lt + 2;
    for (;;) {
      for (; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 0x22 || c === 0x27) quote = c;
        else if (c === 0x5b) bracket++;
        else if (c === 0x5d) bracket--;
        else if (c === 0x3c && buf.startsWith('<!ENTITY', i)) {
          throw new ReferenceXmlScanError('the DOCTYPE declares entities, which shelfcast refuses (entity expansion and external entities are an attack vector)');
        } else if (c === 0x3e && bracket <= 0) return i + 1;
      }
      const before = pos;
      if (!(await more())) throw new ReferenceXmlScanError('a declaration is not closed');
      i -= before - pos;
      lt -= before - pos;
    }
  }
}

import { decodeXML } from 'entities';
import type { ItemParser, ParsedItem } from './item-parser.js';

const decode = (s: string): string => (s.indexOf('&') >= 0 ? decodeXML(s) : s);
const blank = (s: string, from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
};

/**
 * The children of the element whose content starts at `pos`, up to `</close>`; returns them and the
 * offset after the closing tag. Text elements become strings, elements with children objects;
 * a repeated name collects a list. Children of the item that hold elements are always lists
 * (`shipping[0].price`), as the channel records hold them.
 */
function children(text: string, pos: number, close: string, top: boolean): [ParsedItem, number] {
  const out = Object.create(null) as ParsedItem;
  for (;;) {
    const lt = text.indexOf('<', pos);
    if (lt < 0 || !blank(text, pos, lt)) throw new Error(`text outside an element before offset ${lt < 0 ? text.length : lt}`);
    const gt = text.indexOf('>', lt);
    if (gt < 0) throw new Error(`an unclosed tag at offset ${lt}`);
    if (text.charCodeAt(lt + 1) === 0x2f /* / */) {
      if (text.slice(lt + 2, gt) !== close) throw new Error(`</${text.slice(lt + 2, gt)}> where </${close}> was expected`);
      return [out, gt + 1];
    }
    const name = text.slice(lt + 1, gt);
    if (!/^[A-Za-z_][\w.:-]*$/.test(name)) throw new Error(`<${name}> is not an element shelfcast writes`);
    const field = name.slice(name.indexOf(':') + 1);
    const next = text.indexOf('<', gt + 1);
    let value: unknown;
    if (next >= 0 && text.startsWith(`</${name}>`, next)) {
      value = decode(text.slice(gt + 1, next));
      pos = next + name.length + 3;
    } else {
      const [inner, end] = children(text, gt + 1, name, false);
      value = inner;
      pos = end;
    }
    const had = out[field];
    if (had === undefined) out[field] = top && typeof value === 'object' ? [value] : value;
    else if (Array.isArray(had)) had.push(value);
    else out[field] = [had, value];
  }
}

/**
 * `<item>` elements as the RSS serializer writes them: one element per field, namespace prefix
 * dropped (`g:price` -> `price`), nested elements for object values (`<g:shipping>`), entities and
 * character references decoded. No attributes, comments or CDATA are ever written, so this exact
 * reader replaces a general XML parser (which costs 20 to 60 times more per item).
 */
export const rssItemParser: ItemParser = {
  body: (text) => text,
  parse(text) {
    const start = text.indexOf('<item>');
    if (start < 0 || !blank(text, 0, start)) throw new Error('not an RSS <item>');
    const [item, end] = children(text, start + 6, 'item', true);
    if (!blank(text, end, text.length)) throw new Error('text after </item>');
    return item;
  },
};

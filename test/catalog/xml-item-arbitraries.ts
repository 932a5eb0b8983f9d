import fc from 'fast-check';
import { hostileText } from '../hostile/row-arbitraries.js';

/**
 * Generated catalog items for the differential test of the XML item readers: mostly the shapes
 * real feeds have, with everything the plain reader must hand on (PIs, DOCTYPEs, odd names,
 * broken references, mismatched tags) mixed in, plus mutated copies that are mostly broken.
 */

const escape = (t: string): string => t.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Element names: feed vocabulary mostly, now and then a name the parser guards or renames, or one outside the plain set. */
const elementName = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.constantFrom(
      'id', 'title', 'g:id', 'g:price', 'g:title', 'g:additional_image_link', 'description', 'link', 'price',
      'content:encoded', 'excerpt:encoded', 'wp:postmeta', 'wp:meta_key', 'wp:meta_value', 'meta_key', 'meta_value',
      'category', 'shipping', 'g:shipping', 'g:country', 'country', 'a', 'b', 'x.y', 'x-y', '_u', 'A1', 'item', 'g:item',
      'xmlns', 'KEY', 'Value',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('toString', 'g:toString', 'valueOf', 'hasOwnProperty', 'constructor', 'ns:constructor', 'prototype', '__proto__', 'Größe', 'a:b:c', 'a:') },
);

const attributeName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('domain', 'nicename', 'id', 'xmlns:g', 'g:type', 'isPermaLink', 'x') },
  { weight: 1, arbitrary: fc.constantFrom('toString', 'constructor', 'g:constructor', '__proto__', 'é', 'a:b:c') },
);

/** References the plain reader takes, and ones it must leave to the parser (or that are broken). */
const reference = fc.constantFrom(
  '&amp;', '&lt;', '&gt;', '&quot;', '&apos;', '&#38;', '&#x26;', '&#X26;', '&#;', '&#x;', '&nbsp;', '&copy;',
  '&abcdefghijklmnopqrst;', '&abcdefghijklmnopqrstu;', '&#0;', '&#x1F600;', '&#xD800;', '&#1114112;', '&#128;',
  '&;', '&a b;', '&', '&#65', '&amp', '&#x41;x', '&amp;amp;', '&lt;b&gt;',
);

const odd = fc.constantFrom(
  ' ', '\n', '\r\n', '\r', '\t', '\u00a0', '\ufeff', '\u2028', 'x', 'é', '中', '😀', '>', ']]>', '"', "'", '=', '/',
  '-->', '<?pi x?>', '<?xml version="1.0"?>', '<!DOCTYPE x>', '<![FOO[x]]>', '<!ELEMENT x>', '<!-->', '<!---->', '< a>', '</ a>', '<', '&#',
);

const cdata = hostileText.map((t) => `<![CDATA[${t.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`);
const comment = hostileText.map((t) => `<!--${t.replaceAll('--', '- -').replace(/-$/, '- ')}-->`);

const textPiece = fc.oneof(
  { weight: 12, arbitrary: hostileText.map(escape) },
  { weight: 4, arbitrary: fc.string({ maxLength: 8 }).map(escape) },
  { weight: 4, arbitrary: reference },
  { weight: 4, arbitrary: cdata },
  { weight: 2, arbitrary: comment },
  { weight: 1, arbitrary: odd },
  { weight: 1, arbitrary: hostileText },
);

const space = fc.constantFrom('', '', '', ' ', '  ', '\n', '\t', '\r\n', ' \n ');

const attribute = fc
  .tuple(attributeName, hostileText, fc.constantFrom('"', "'"), space, space, fc.boolean())
  .map(([name, value, q, before, after, clean]) => ` ${name}${before}=${after}${q}${clean ? value.replaceAll(q, '') : value}${q}`);

/** `<name attrs>children</name>`; sometimes empty-element, sometimes closed by another name or with space. */
function element(depth: number): fc.Arbitrary<string> {
  const child = depth <= 0 ? textPiece : fc.oneof({ weight: 3, arbitrary: textPiece }, { weight: 2, arbitrary: element(depth - 1) }, { weight: 1, arbitrary: pair });
  return fc
    .tuple(elementName, fc.array(attribute, { maxLength: 2 }), fc.array(child, { maxLength: 4 }), fc.nat(19), space, elementName)
    .map(([name, attrs, children, shape, closeSpace, otherName]) => {
      const open = `<${name}${attrs.join('')}`;
      if (children.length === 0 && shape < 6) return `${open}${shape < 3 ? '' : ' '}/>`;
      return `${open}>${children.join('')}</${shape === 19 ? otherName : name}${shape > 15 ? closeSpace : ''}>`;
    });
}

/** A WordPress key/value pair (`wp:postmeta`), with forbidden and empty keys among the keys. */
const pair = fc
  .tuple(fc.constantFrom('_sku', '_price', '', '__proto__', 'constructor', 'a.b', 'x y', '&amp;k'), textPiece, fc.constantFrom('wp:', ''))
  .map(([key, value, ns]) => `<${ns}postmeta><${ns}meta_key>${key}</${ns}meta_key><${ns}meta_value>${value}</${ns}meta_value></${ns}postmeta>`);

/** One item as the scanner would cut it: the item element, nothing around it. */
export const xmlItem = fc
  .tuple(
    fc.constantFrom('item', 'g:item', 'product'),
    fc.array(attribute, { maxLength: 2 }),
    fc.array(fc.oneof({ weight: 4, arbitrary: element(2) }, { weight: 1, arbitrary: pair }, { weight: 1, arbitrary: textPiece }), { maxLength: 8 }),
    fc.nat(9),
  )
  .map(([name, attrs, children, shape]) =>
    children.length === 0 && shape < 3 ? `<${name}${attrs.join('')}/>` : `<${name}${attrs.join('')}>${children.join('')}</${name}>`,
  );

/** An item with one character removed, inserted or doubled: mostly broken XML. */
export const mutatedItem = fc
  .tuple(xmlItem, fc.nat(), fc.constantFrom('delete', '<', '&', '"', "'", '/', '>', ']', '\r', 'double'))
  .map(([text, at, how]) => {
    const i = at % (text.length + 1);
    if (how === 'delete') return text.slice(0, i) + text.slice(i + 1);
    if (how === 'double') return text.slice(0, i) + text.slice(i, i + 1) + text.slice(i);
    return text.slice(0, i) + how + text.slice(i);
  });

// The item parser as it was before the plain reader (shelfcast d71d6e2), frozen: the differential
// test holds the current one to it. Not used by the program.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeXML } from 'entities';
import { error, type Issue } from '../../src/issues/issue.js';
import { isForbiddenKey } from '../../src/catalog/forbidden-keys.js';
import { forbiddenKey } from '../../src/catalog/record-issues.js';

type XmlNode = Record<string, unknown>;

/**
 * Safe settings: values stay strings, no entity processing at all in the parser (the scanner has
 * already refused entity declarations; the five XML entities and character references are decoded
 * below with `entities`, which expands nothing else), CDATA merged into the text.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: false,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: 1000,
});

const decode = (s: string): string => (s.indexOf('&') >= 0 ? decodeXML(s) : s);

interface Collected {
  /** Qualified path (`wp:postmeta._sku`) -> values in document order. */
  values: Map<string, string[]>;
  /** Qualified path -> path of local names (`postmeta._sku`). */
  local: Map<string, string>;
}

/**
 * Turns one item's XML into string fields. Paths use local names (`g:price` -> `price`) unless two
 * different qualified names share a local name in the item (`content:encoded`, `excerpt:encoded`),
 * in which case both keep their prefix. Repeated elements are joined with `,`. Two extras read
 * common feed shapes naturally: an element holding just a `*key` and a `*value` child (WordPress
 * `wp:postmeta`) becomes `postmeta.<key>`, and an element with a `domain` attribute (RSS
 * `<category domain="...">`) is also filed under `category.<domain>`.
 */
export function referenceParseXmlItem(text: string, row: number, issues: Issue[]): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    issues.push(
      error('catalog.xml.invalid', `item ${row} is not well-formed XML: ${valid.err.msg}`, {
        row,
        fix: 'Fix the XML of this item (a closing tag that does not match, or a stray `<` or `&`).',
      }),
    );
    return fields;
  }
  const root = (parser.parse(text) as XmlNode[])[0];
  if (!root) return fields;
  const c: Collected = { values: new Map(), local: new Map() };
  const tag = tagOf(root);
  addAttributes(root, '', '', c);
  walk(root[tag] as XmlNode[], '', '', c, row, issues);
  const owners = new Map<string, number>();
  for (const lp of c.local.values()) owners.set(lp, (owners.get(lp) ?? 0) + 1);
  for (const [qp, values] of c.values) {
    const lp = c.local.get(qp)!;
    const key = owners.get(lp) === 1 ? lp : qp;
    const kept = values.length === 1 ? values : values.filter((v) => v !== '');
    fields[key] = kept.join(',');
  }
  return fields;
}

function tagOf(node: XmlNode): string {
  for (const k in node) if (k !== ':@') return k;
  return '';
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

function add(qp: string, lp: string, value: string, c: Collected): void {
  const list = c.values.get(qp);
  if (list) list.push(value);
  else {
    c.values.set(qp, [value]);
    c.local.set(qp, lp);
  }
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);

function addAttributes(node: XmlNode, qp: string, lp: string, c: Collected): void {
  const attrs = node[':@'] as Record<string, string> | undefined;
  if (!attrs) return;
  for (const name in attrs) {
    if (isForbiddenKey(localName(name))) continue;
    add(`${qp}@${name}`, `${lp}@${localName(name)}`, decode(String(attrs[name])), c);
  }
}

/** Text of the direct text children of an element. */
function textOf(children: XmlNode[]): string {
  let text = '';
  for (const child of children) if ('#text' in child) text += decode(String(child['#text']));
  return text;
}

/** `<x><meta_key>k</meta_key><meta_value>v</meta_value></x>` -> [k, v]; otherwise undefined. */
function keyValuePair(children: XmlNode[]): [string, string] | undefined {
  const elements = children.filter((n) => !('#text' in n));
  if (elements.length !== 2) return undefined;
  const [a, b] = elements as [XmlNode, XmlNode];
  const an = localName(tagOf(a)).toLowerCase();
  const bn = localName(tagOf(b)).toLowerCase();
  if (!an.endsWith('key') || !bn.endsWith('value')) return undefined;
  const key = textOf(a[tagOf(a)] as XmlNode[]);
  return key ? [key, textOf(b[tagOf(b)] as XmlNode[])] : undefined;
}

function walk(children: XmlNode[], qp: string, lp: string, c: Collected, row: number, issues: Issue[]): void {
  for (const child of children) {
    if ('#text' in child) continue;
    const name = tagOf(child);
    const local = localName(name);
    if (isForbiddenKey(local)) {
      issues.push(forbiddenKey(row, join(lp, local)));
      continue;
    }
    const cq = join(qp, name);
    const cl = join(lp, local);
    const grandChildren = child[name] as XmlNode[];
    const pair = keyValuePair(grandChildren);
    if (pair) {
      if (isForbiddenKey(pair[0])) issues.push(forbiddenKey(row, join(cl, pair[0])));
      else add(join(cq, pair[0]), join(cl, pair[0]), pair[1], c);
      continue;
    }
    const text = textOf(grandChildren);
    const hasElements = grandChildren.some((n) => !('#text' in n));
    if (text !== '' || !hasElements) add(cq, cl, text, c);
    addAttributes(child, cq, cl, c);
    const domain = (child[':@'] as Record<string, string> | undefined)?.domain;
    if (domain && text !== '' && !isForbiddenKey(domain)) add(join(cq, domain), join(cl, domain), text, c);
    if (hasElements) walk(grandChildren, cq, cl, c, row, issues);
  }
}

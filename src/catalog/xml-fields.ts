import { blankRecord } from '../util/blank-record.js';
import type { Issue } from '../issues/issue.js';
import { isForbiddenKey } from './forbidden-keys.js';
import { forbiddenKey } from './record-issues.js';
import { decodeEntities, localName, type XmlElement } from './xml-element.js';

/** The values met under one qualified path (`wp:postmeta._sku`), in document order. */
interface Entry {
  /** The path of local names (`postmeta._sku`). */
  local: string;
  first: string;
  /** Values after the first; most paths have just one. */
  more?: string[];
}

type Collected = Map<string, Entry>;

/**
 * Turns one item element into string fields. Paths use local names (`g:price` -> `price`) unless
 * two different qualified names share a local name in the item (`content:encoded`,
 * `excerpt:encoded`), in which case both keep their prefix. Repeated elements are joined with `,`.
 * Two extras read common feed shapes naturally: an element holding just a `*key` and a `*value`
 * child (WordPress `wp:postmeta`) becomes `postmeta.<key>`, and an element with a `domain`
 * attribute (RSS `<category domain="...">`) is also filed under `category.<domain>`.
 */
export function xmlFields(root: XmlElement, row: number, issues: Issue[]): Record<string, string> {
  const fields: Record<string, string> = blankRecord();
  const c: Collected = new Map();
  addAttributes(root, '', '', c);
  walk(root.children, '', '', c, row, issues);
  // A local path is shared when two qualified paths have it; those keep their prefixes.
  const owners = new Map<string, number>();
  for (const entry of c.values()) owners.set(entry.local, (owners.get(entry.local) ?? 0) + 1);
  for (const [qp, entry] of c) {
    const key = owners.get(entry.local) === 1 ? entry.local : qp;
    fields[key] = entry.more ? [entry.first, ...entry.more].filter((v) => v !== '').join(',') : entry.first;
  }
  return fields;
}

function add(qp: string, lp: string, value: string, c: Collected): void {
  const entry = c.get(qp);
  if (!entry) c.set(qp, { local: lp, first: value });
  else if (entry.more) entry.more.push(value);
  else entry.more = [value];
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);

function addAttributes(element: XmlElement, qp: string, lp: string, c: Collected): void {
  if (!element.attributes) return;
  for (const [name, value] of element.attributes) {
    const local = localName(name);
    if (isForbiddenKey(local)) continue;
    add(`${qp}@${name}`, `${lp}@${local}`, decodeEntities(value), c);
  }
}

/** `<x><meta_key>k</meta_key><meta_value>v</meta_value></x>` -> [k, v]; otherwise undefined. */
function keyValuePair(children: XmlElement[]): [string, string] | undefined {
  if (children.length !== 2) return undefined;
  const [a, b] = children as [XmlElement, XmlElement];
  if (!a.local.toLowerCase().endsWith('key') || !b.local.toLowerCase().endsWith('value')) return undefined;
  return a.text ? [a.text, b.text] : undefined;
}

function walk(children: XmlElement[], qp: string, lp: string, c: Collected, row: number, issues: Issue[]): void {
  for (const child of children) {
    const local = child.local;
    if (isForbiddenKey(local)) {
      issues.push(forbiddenKey(row, join(lp, local)));
      continue;
    }
    const cq = join(qp, child.name);
    const cl = join(lp, local);
    const pair = keyValuePair(child.children);
    if (pair) {
      if (isForbiddenKey(pair[0])) issues.push(forbiddenKey(row, join(cl, pair[0])));
      else add(join(cq, pair[0]), join(cl, pair[0]), pair[1], c);
      continue;
    }
    const text = child.text;
    const hasElements = child.children.length > 0;
    if (text !== '' || !hasElements) add(cq, cl, text, c);
    addAttributes(child, cq, cl, c);
    // The raw value names the key, as it always has: `domain="a&amp;b"` files under `category.a&amp;b`.
    const domain = child.attributes?.find(([name]) => name === 'domain')?.[1];
    if (domain && text !== '' && !isForbiddenKey(domain)) add(join(cq, domain), join(cl, domain), text, c);
    if (hasElements) walk(child.children, cq, cl, c, row, issues);
  }
}

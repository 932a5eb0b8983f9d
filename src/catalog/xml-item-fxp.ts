import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { error, type Issue } from '../issues/issue.js';
import { decodeEntities, localName, type XmlElement } from './xml-element.js';

type XmlNode = Record<string, unknown>;

/**
 * Safe settings: values stay strings, no entity processing at all in the parser (the scanner has
 * already refused entity declarations; the five XML entities and character references are decoded
 * afterwards with `entities`, which expands nothing else), CDATA merged into the text.
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

const fix = 'Fix the XML of this item (a closing tag that does not match, or a stray `<` or `&`).';

/**
 * Any item, read with fast-xml-parser (validated first): the reference the plain reader is tested
 * against, and the path for everything it leaves alone. A broken item is an issue, undefined back.
 */
export function readItemWithParser(text: string, row: number, issues: Issue[]): XmlElement | undefined {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    issues.push(error('catalog.xml.invalid', `item ${row} is not well-formed XML: ${valid.err.msg}`, { row, fix }));
    return undefined;
  }
  let nodes: XmlNode[];
  try {
    nodes = parser.parse(text) as XmlNode[];
  } catch (cause) {
    // The parser refuses a few things the validator lets through (an attribute named
    // `constructor`, nesting past maxNestedTags): one item's problem, not the run's.
    issues.push(error('catalog.xml.invalid', `item ${row} is not readable as XML: ${(cause as Error).message}`, { row, fix }));
    return undefined;
  }
  return nodes[0] && toElement(nodes[0]);
}

function tagOf(node: XmlNode): string {
  for (const k in node) if (k !== ':@') return k;
  return '';
}

function toElement(node: XmlNode): XmlElement {
  const name = tagOf(node);
  const element: XmlElement = { name, local: localName(name), text: '', children: [] };
  for (const child of node[name] as XmlNode[]) {
    if ('#text' in child) element.text += decodeEntities(String(child['#text']));
    else element.children.push(toElement(child));
  }
  const attrs = node[':@'] as Record<string, unknown> | undefined;
  if (attrs) element.attributes = Object.keys(attrs).map((k) => [k, String(attrs[k])]);
  return element;
}

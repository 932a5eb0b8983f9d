import { blankRecord } from '../util/blank-record.js';
import type { Issue } from '../issues/issue.js';
import type { RawRow } from './types.js';
import type { ScannedItem } from './xml-scanner.js';
import { hasReplacement } from './decode-text.js';
import { parseXmlItem } from './xml-item.js';
import { forbiddenKey, invalidUtf8, tooDeep } from './record-issues.js';

export interface XmlItemOptions {
  /** The decoding's invalidSeen when the item was scanned (it only ever turns true). */
  invalidSeen: boolean;
  maxDepth: number;
}

/**
 * One scanned item to its row: everything readXml does per item, and nothing that needs the
 * stream, so a worker thread can run it on items the scanner cut on the main thread.
 */
export function xmlItemRow(item: ScannedItem, row: number, options: XmlItemOptions): RawRow {
  const issues: Issue[] = [];
  if (options.invalidSeen && hasReplacement(item.text)) issues.push(invalidUtf8(row));
  let fields: Record<string, string> = blankRecord();
  // Depth and forbidden names are checked by the scanner, so neither reaches a parser.
  if (item.depth > options.maxDepth) issues.push(tooDeep(row, options.maxDepth));
  else if (item.forbidden) issues.push(forbiddenKey(row, item.forbidden));
  else fields = parseXmlItem(item.text, row, issues);
  return issues.length ? { row, fields, issues } : { row, fields };
}

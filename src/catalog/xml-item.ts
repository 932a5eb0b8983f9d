import { blankRecord } from '../util/blank-record.js';
import type { Issue } from '../issues/issue.js';
import { xmlFields } from './xml-fields.js';
import { readItemWithParser } from './xml-item-fxp.js';
import { readPlainItem } from './xml-item-plain.js';

/**
 * Turns one item's XML into string fields (see xmlFields for how elements become keys). The plain
 * reader takes the common shape; whatever it leaves goes to fast-xml-parser. Both build the same
 * elements, so the fields and issues are the same whichever read the item.
 */
export function parseXmlItem(text: string, row: number, issues: Issue[]): Record<string, string> {
  const root = readPlainItem(text) ?? readItemWithParser(text, row, issues);
  return root ? xmlFields(root, row, issues) : blankRecord();
}

/** The same through fast-xml-parser only: the reference of the differential test. */
export function parseXmlItemWithParser(text: string, row: number, issues: Issue[]): Record<string, string> {
  const root = readItemWithParser(text, row, issues);
  return root ? xmlFields(root, row, issues) : blankRecord();
}

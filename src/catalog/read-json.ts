import { blankRecord } from '../util/blank-record.js';
import { error, type Issue } from '../issues/issue.js';
import type { CatalogSource, RawRow } from './types.js';
import { DEFAULT_MAX_DEPTH, DEFAULT_MAX_ITEM_CHARS, type ReadOptions } from './read-options.js';
import { hasReplacement, type TextDecoding } from './decode-text.js';
import { TextCursor } from './text-cursor.js';
import { arrayElements, enterArray, JsonSyntaxError } from './json-scanner.js';
import { flattenJson } from './flatten-json.js';
import { invalidUtf8, tooDeep } from './record-issues.js';
import { catalogError } from './source-error.js';

/** Parses one item's text into a RawRow; a broken item is a record error, not a failed run. */
export function jsonItemRow(text: string, row: number, depth: number, maxDepth: number, decoding: TextDecoding): RawRow {
  const issues: Issue[] = [];
  if (decoding.invalidSeen && hasReplacement(text)) issues.push(invalidUtf8(row));
  if (depth > maxDepth) {
    issues.push(tooDeep(row, maxDepth));
    return { row, fields: blankRecord(), issues };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    issues.push(
      error('catalog.json.invalid', `item ${row} is not valid JSON: ${(cause as Error).message}`, {
        row,
        fix: 'Fix the JSON syntax of this item.',
      }),
    );
    return { row, fields: blankRecord(), issues };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    issues.push(
      error('catalog.json.not_object', `item ${row} is not an object`, {
        row,
        fix: 'Each item of the catalog must be a JSON object of field names and values.',
      }),
    );
    return { row, fields: blankRecord(), issues };
  }
  const fields = flattenJson(value, row, issues);
  return issues.length ? { row, fields, issues } : { row, fields };
}

/** A JSON document whose item array (the document, or the array at source.jsonPath) is read item by item. */
export async function* readJson(source: CatalogSource, decoding: TextDecoding, options: ReadOptions): AsyncGenerator<RawRow> {
  const maxChars = options.maxItemChars ?? DEFAULT_MAX_ITEM_CHARS;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const cursor = new TextCursor(decoding.chunks());
  const path = source.jsonPath ? source.jsonPath.split('.').filter(Boolean) : [];
  let row = 0;
  try {
    if ((await cursor.peek()) === undefined) throw new JsonSyntaxError('the file is empty');
    await enterArray(cursor, path, maxChars);
    for await (const item of arrayElements(cursor, maxChars)) {
      row++;
      yield jsonItemRow(item.text, row, item.depth, maxDepth, decoding);
    }
  } catch (cause) {
    if (!(cause instanceof JsonSyntaxError)) throw cause;
    const where = row > 0 ? ` after item ${row}` : '';
    throw catalogError(
      source.location,
      `is not readable as JSON${where}: ${cause.message}`,
      path.length || row > 0
        ? 'Fix the JSON syntax (a JSON linter shows where), or set catalog.format.'
        : 'The catalog must be an array of items; if the items sit under a key, set catalog.json_path (e.g. `products`).',
      cause,
    );
  }
}

/** NDJSON: one item per line; blank lines skipped; a bad line is a record error. */
export async function* readNdjson(source: CatalogSource, decoding: TextDecoding, options: ReadOptions): AsyncGenerator<RawRow> {
  const maxChars = options.maxItemChars ?? DEFAULT_MAX_ITEM_CHARS;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  let rest = '';
  let row = 0;
  const emit = (line: string): RawRow | undefined => {
    if (line.trim() === '') return undefined;
    row++;
    return jsonItemRow(line, row, depthOf(line), maxDepth, decoding);
  };
  for await (const chunk of decoding.chunks()) {
    rest += chunk;
    let start = 0;
    for (let nl = rest.indexOf('\n'); nl >= 0; nl = rest.indexOf('\n', start)) {
      const r = emit(rest.slice(start, nl));
      start = nl + 1;
      if (r) yield r;
    }
    rest = rest.slice(start);
    if (rest.length > maxChars) {
      throw catalogError(source.location, `has a line longer than ${maxChars} characters after item ${row}`, 'Check that the file is NDJSON (one JSON object per line).');
    }
  }
  const last = emit(rest);
  if (last) yield last;
}

/** Bracket depth of a JSON text, ignoring brackets inside strings (bounds the flattening recursion). */
function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

import type { FeedRecord, FieldValue } from '../define-channel.js';
import { filled } from './exact-limit.js';

export type RecordPicker<K extends string> = (values: { readonly [F in K]?: FieldValue | undefined }) => FeedRecord;

/**
 * compactRecord for a fixed field list: the filled values of `fields`, in that order, in a new
 * record. The function is generated once per list with one plain property store per field: the
 * single `record[key] = v` store of a loop sees every key, goes megamorphic, and made compacting a
 * record cost more than computing its values. Names are written as JSON string literals, so any
 * name is safe; the lists are the channels' own constants.
 */
export function recordPicker<const K extends string>(fields: readonly K[]): RecordPicker<K> {
  const body = fields.map((f) => {
    const key = JSON.stringify(f);
    return `v = values[${key}]; if (filled(v)) record[${key}] = v;`;
  });
  const make = new Function('filled', `return function pick(values) {\n  const record = {};\n  let v;\n  ${body.join('\n  ')}\n  return record;\n};`);
  return make(filled) as RecordPicker<K>;
}

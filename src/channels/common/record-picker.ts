import type { FeedRecord, FieldValue } from '../define-channel.js';
import { compileStores, key } from '../../util/compiled-stores.js';
import { filled } from './exact-limit.js';

export type RecordPicker<K extends string> = (values: { readonly [F in K]?: FieldValue | undefined }) => FeedRecord;

/**
 * compactRecord for a fixed field list: the filled values of `fields`, in that order, in a new
 * record, with one literal store per field (see compileStores): the loop's single store made
 * compacting a record cost more than computing its values.
 */
export function recordPicker<const K extends string>(fields: readonly K[]): RecordPicker<K> {
  const picks = fields.map((f) => `v = values[${key(f)}]; if (filled(v)) record[${key(f)}] = v;`);
  return compileStores<RecordPicker<K>>('pick', { filled }, ['values'], ['const record = {};', 'let v;', ...picks, 'return record;']);
}

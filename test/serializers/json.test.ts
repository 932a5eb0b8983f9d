import { describe, expect, it } from 'vitest';
import type { FeedRecord, SerializerId } from '../../src/channels/define-channel.js';
import { ShelfcastError } from '../../src/issues/issue.js';
import { documentWriter, createSerializer } from '../../src/serializers/index.js';
import { HOSTILE } from './hostile-values.js';

const make = (serializer: SerializerId) =>
  documentWriter(createSerializer({ format: { id: serializer, serializer, ext: serializer, contentType: 'application/json' }, columns: [], header: { title: '', link: '', description: '' } }));
const render = (serializer: SerializerId, records: FeedRecord[]) => {
  const s = make(serializer);
  return s.header() + records.map((r) => s.item(r)).join('') + s.footer();
};
const records: FeedRecord[] = HOSTILE.map((v, i) => ({ id: String(i), title: v, list: [v], shipping: [{ country: v }] }));
/** JSON cannot carry a lone surrogate through UTF-8 except as an escape; JSON.stringify writes one. */
const utf8RoundTrip = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

describe('json serializer', () => {
  it('writes one array, item by item, that parses back to the records', () => {
    const text = render('json', records);
    expect(utf8RoundTrip(text)).toBe(text);
    expect(JSON.parse(text)).toEqual(records);
  });

  it('writes an empty array for an empty feed', () => {
    expect(render('json', [])).toBe('[]\n');
    expect(JSON.parse(render('json', []))).toEqual([]);
  });
});

describe('ndjson serializer', () => {
  it('writes one record per line', () => {
    const text = render('ndjson', records);
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l))).toEqual(records);
  });
});

describe('createSerializer', () => {
  it('throws a ShelfcastError for a serializer this build lacks', () => {
    expect(() => make('yaml' as SerializerId)).toThrow(ShelfcastError);
    expect(() => make('yaml' as SerializerId)).toThrow(/No serializer "yaml"/);
  });
});

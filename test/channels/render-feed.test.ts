import { describe, expect, it } from 'vitest';
import google from '../../src/channels/google/index.js';
import { feedChunks, feedColumns, findFormat, renderFeed } from '../../src/channels/render-feed.js';
import { ShelfcastError, type Issue } from '../../src/issues/issue.js';
import { NOW, product, target } from './map-helpers.js';

const header = { title: 'T', link: 'https://shop.example.com/', description: 'D' };
const items = [
  { product: product({ id: 'a' }), row: 2 },
  { product: product({ id: 'b', price: undefined }), row: 3 },
  { product: product({ id: 'c' }), row: 4 },
];

describe('render-feed', () => {
  it('streams one chunk per written item between header and footer, reporting issues as they arise', () => {
    const seen: Issue[] = [];
    const chunks = [...feedChunks(google, 'tsv', target({ format: 'tsv' }), items, { now: NOW, header }, (i) => seen.push(i))];
    expect(chunks).toHaveLength(4);
    expect(chunks[0]!.startsWith('id\ttitle\t')).toBe(true);
    expect(chunks[1]!.startsWith('a\t')).toBe(true);
    expect(chunks[2]!.startsWith('c\t')).toBe(true);
    expect(chunks[3]).toBe('');
    expect(seen.map((i) => [i.code, i.id, i.row])).toEqual([['google.price.missing', 'b', 3]]);
  });

  it('renders the same text as the chunks joined', () => {
    const t = target({ format: 'xml' });
    const { text, issues } = renderFeed(google, 'xml', t, items, { now: NOW, header });
    expect(text).toBe([...feedChunks(google, 'xml', t, items, { now: NOW, header }, () => undefined)].join(''));
    expect(issues).toHaveLength(1);
  });

  it('derives tabular columns from the attributes and names the formats on a wrong format id', () => {
    expect(feedColumns(google, target())).toEqual(google.attributes.map((a) => a.name));
    expect(() => findFormat(google, 'csv')).toThrow(ShelfcastError);
    expect(() => findFormat(google, 'csv')).toThrow(/xml, tsv/);
  });
});

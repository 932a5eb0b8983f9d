import { describe, expect, it } from 'vitest';
import { itemIssues } from '../../../src/channels/common/item-issues.js';
import { error, warning } from '../../../src/issues/issue.js';
import type { MapContext } from '../../../src/channels/define-channel.js';

const ctx = (feed: string, row: number) => ({ feed: { id: feed }, row, now: new Date(0) }) as unknown as MapContext;

describe('itemIssues', () => {
  it('builds the issues error() and warning() build, members in the same order (the issue log writes them as they are)', () => {
    const out = itemIssues('idealo', { id: 'SKU-1' }, ctx('de', 7));
    out.warn('description', 'too_long', 'cut', { fix: 'Shorten it.' });
    out.error('currency', 'mismatch', 'wrong currency', { field: 'price' });
    out.error('availability', 'out_of_stock', 'left out', { fix: '' });
    expect(out.failed).toBe(true);
    const expected = [
      warning('idealo.description.too_long', 'cut', { feed: 'de', id: 'SKU-1', row: 7, field: 'description', fix: 'Shorten it.' }),
      error('idealo.currency.mismatch', 'wrong currency', { feed: 'de', id: 'SKU-1', row: 7, field: 'price' }),
      error('idealo.availability.out_of_stock', 'left out', { feed: 'de', id: 'SKU-1', row: 7, field: 'availability' }),
    ];
    expect(JSON.stringify(out.list)).toBe(JSON.stringify(expected));
  });

  it('keeps each channel, field and problem apart in its codes, item after item', () => {
    for (let i = 0; i < 3; i++) {
      const a = itemIssues('google', { id: `A${i}` }, ctx('g', i));
      const b = itemIssues('meta', { id: `B${i}` }, ctx('m', i));
      a.warn('title', 'too_long', 'x');
      b.warn('title', 'too_long', 'x');
      a.warn('title', 'missing', 'x');
      a.warn('brand', 'too_long', 'x');
      expect(a.list.map((x) => x.code)).toEqual(['google.title.too_long', 'google.title.missing', 'google.brand.too_long']);
      expect(b.list.map((x) => x.code)).toEqual(['meta.title.too_long']);
      expect(a.failed).toBe(false);
    }
  });
});

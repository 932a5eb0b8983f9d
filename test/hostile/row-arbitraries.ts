import fc from 'fast-check';

/** Catalog columns the generated rows fill (Google's names, read by the `google` preset). */
export const COLUMNS = ['id', 'title', 'description', 'link', 'image_link', 'price', 'availability', 'quantity', 'brand', 'gtin', 'mpn', 'condition'] as const;
export type Column = (typeof COLUMNS)[number];
export type Cells = Record<Column, string>;

/**
 * One generated row and what the pipeline must make of it: `bad` rows name the error codes that
 * may reject them (any one of them must be reported on the row); good rows must reach every feed.
 */
export interface GenRow {
  cells: Cells;
  bad?: string[];
  /** Codes of a warning the row must carry: an optional field left out, the item kept in every feed. */
  warned?: string[];
  /** Raw bytes spliced into the description when the catalog is written (invalid UTF-8). */
  invalidUtf8?: boolean;
}

/** Fragments every text field mixes: markup, CSV syntax, XML-illegal characters, formula triggers. */
const FRAGMENTS = [
  '&', '<', '>', ']]>', '<![CDATA[', '&amp;', '&#0;', '&lt;', '"', "'", '""', ',', ';', '|', '\t', '\n', '\r\n', '\r',
  '\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff', '\ud83d\ude00',
  'é', 'ß', '中文', '\u200b', '\u202e', '=', '+', '-', '@', '=HYPERLINK("http://x")', '<script>alert(1)</script>',
  '__proto__', 'constructor', '{"a":1}', '\\', '%s', '${env:HOME}', '  ',
];
const fragment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) }, { weight: 2, arbitrary: fc.string({ maxLength: 6 }) });
/** Hostile text of up to ~60 characters. */
export const hostileText = fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join(''));

/** GTIN-13 with a correct check digit. */
export function gtin13(body12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body12[i]) * (i % 2 === 0 ? 1 : 3);
  return body12 + String((10 - (sum % 10)) % 10);
}
const body12 = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 12, maxLength: 12 }).map((d) => `4${d.slice(1).join('')}`);
const goodGtin = fc.oneof(fc.constant(''), body12.map(gtin13));
const badGtin = body12.map((b) => {
  const good = gtin13(b);
  return good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
});

const goodPrice = fc.constantFrom('24.00 USD', '1,234.56', '1,234.56 USD', '5', '0.99 USD', ' 12.50 USD ', '100');
/** An id suffix with markup and CSV syntax in it (ids are kept as written). */
const idSuffix = fc.constantFrom('', '', '', '&x', '<y>', ']]>', '"q"', ',c', ';d', '=f', '+g', '@h', '-i', 'é', '__proto__', 'constructor');

/** The defects a bad row carries, one each, with the codes that report it. */
const DEFECTS: Array<{ column: Column; values: string[]; codes: string[] }> = [
  { column: 'price', values: ['NaN', 'abc', 'USD'], codes: ['price.invalid'] },
  { column: 'price', values: ['-5', '-5 USD', '-0.01'], codes: ['price.negative'] },
  { column: 'price', values: ['12,99 €', '12,99 EUR', '1,5', '1.2.3'], codes: ['price.ambiguous', 'price.invalid', 'price.currency'] },
  { column: 'link', values: ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'JavaScript:void(0)', 'vbscript:x'], codes: ['link.scheme', 'link.invalid'] },
  { column: 'image_link', values: ['javascript:alert(1)', 'data:image/png;base64,AAAA'], codes: ['image_link.scheme', 'image_link.invalid'] },
  { column: 'id', values: ['', '   '], codes: ['id.missing'] },
  { column: 'title', values: ['', '   ', '\u0001\u0002'], codes: ['title.missing'] },
];

/** A good row with hostile text everywhere text is free. */
export const goodRow = (n: number): fc.Arbitrary<GenRow> =>
  fc
    .record({
      suffix: idSuffix,
      prefix: fc.constantFrom('', '', '=', '+', '-', '@', '\t'),
      title: hostileText,
      description: hostileText,
      brand: hostileText,
      mpn: hostileText,
      price: goodPrice,
      gtin: goodGtin,
      query: hostileText,
    })
    .map((r) => ({
      cells: {
        id: `H${n}${r.suffix}`,
        title: `${r.prefix}Item ${r.title}`.slice(0, 140),
        description: `Desc ${r.description}`,
        link: `https://shop.example.com/p/${n}?q=${encodeURIComponent(r.query.replace(/\p{Cs}/gu, ""))}&x=<1>`,
        image_link: `https://cdn.example.com/img/${n}.jpg`,
        price: r.price,
        availability: 'in_stock',
        quantity: '4',
        brand: `Brand ${r.brand}`,
        gtin: r.gtin,
        mpn: `M${r.mpn}`.slice(0, 60),
        condition: 'new',
      },
    }));

/** A row with exactly one defect, otherwise as hostile as a good row. */
export const badRow = (n: number): fc.Arbitrary<GenRow> =>
  fc.tuple(goodRow(n), fc.integer({ min: 0, max: DEFECTS.length }), fc.nat(), badGtin).map(([row, which, pick, gtin]) => {
    if (which === DEFECTS.length) return { cells: { ...row.cells, gtin }, warned: ['gtin.check_digit'] };
    const d = DEFECTS[which]!;
    return { cells: { ...row.cells, [d.column]: d.values[pick % d.values.length]! }, bad: d.codes };
  });

/**
 * A catalog of 240 to 320 rows: about a fifth bad, some duplicates of earlier ids (the later row is
 * the bad one), a few rows with invalid UTF-8, and one catalog in ten a 1 MB description.
 */
export const catalogRows = fc
  .array(fc.constantFrom('good', 'good', 'good', 'good', 'bad', 'dup', 'utf8'), { minLength: 240, maxLength: 320 })
  .chain((kinds) =>
    fc.tuple(
      ...kinds.map((kind, n): fc.Arbitrary<GenRow> => {
        if (kind === 'bad') return badRow(n);
        if (kind === 'utf8') return goodRow(n).map((r) => ({ ...r, invalidUtf8: true, bad: ['catalog.encoding.invalid_utf8'] }));
        return goodRow(n);
      }),
    ),
  )
  .chain((rows) =>
    fc.tuple(fc.constant(rows), fc.integer({ min: 0, max: 9 }), fc.nat()).map(([rs, hugeDice, seed]) => {
      const out = rs.map((r) => ({ ...r, cells: { ...r.cells } }));
      // Duplicates copy the id of an earlier good row: the first stays, the later one is rejected.
      out.forEach((r, i) => {
        if (i > 0 && !r.bad && (seed + i) % 9 === 0) {
          const earlier = out.slice(0, i).find((e) => !e.bad);
          if (earlier) {
            r.cells.id = earlier.cells.id;
            r.bad = ['id.duplicate'];
          }
        }
      });
      // One catalog in ten carries a 1 MB description (markup and entities all through it).
      if (hugeDice === 0) {
        const target = out.find((r) => !r.bad);
        if (target) target.cells.description = `${'<b>&amp; ]]> "x", '.repeat(52_429)}end`;
      }
      return out;
    }),
  );

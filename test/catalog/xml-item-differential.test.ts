import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/issues/issue.js';
import { parseXmlItem, parseXmlItemWithParser } from '../../src/catalog/xml-item.js';
import { readPlainItem } from '../../src/catalog/xml-item-plain.js';
import { XmlCutter } from '../../src/catalog/xml-cutter.js';
import { referenceParseXmlItem } from './xml-item-reference.js';
import { mutatedItem, xmlItem } from './xml-item-arbitraries.js';
import { badRow, COLUMNS, goodRow, type GenRow } from '../hostile/row-arbitraries.js';
import { SHARED_DATA } from './helpers.js';
import { descriptionPool, makeRow, prng, xmlItem as benchItem } from '../../bench/catalog-generator.js';

const REPO = path.resolve(__dirname, '../..');
const figures = { items: 0, plain: 0, referenceThrows: 0 };
afterAll(() => {
  console.info(`xml differential: ${figures.items} items, ${figures.plain} read by the plain reader, ${figures.referenceThrows} on which the old parser threw`);
});

/**
 * The item read three ways: as before the plain reader (the frozen reference), as now (plain
 * reader, fast-xml-parser for the rest), and through fast-xml-parser alone. All three must give
 * the same fields, in the same key order, and the same issues. Returns whether the plain reader took it.
 */
function expectSame(text: string, row = 7): boolean {
  const now = read(parseXmlItem, text, row);
  const parser = read(parseXmlItemWithParser, text, row);
  const plain = readPlainItem(text) !== undefined;
  figures.items++;
  if (plain) figures.plain++;
  let reference: ReturnType<typeof read> | undefined;
  try {
    reference = read(referenceParseXmlItem, text, row);
  } catch (cause) {
    // The old parser let fast-xml-parser's refusals (an attribute named `constructor`) end the
    // run; now they are the item's issue, and the plain reader never takes such an item.
    figures.referenceThrows++;
    expect(plain, text).toBe(false);
    expect(now, text).toEqual({ fields: {}, keys: [], issues: [expect.objectContaining({ code: 'catalog.xml.invalid', row, message: expect.stringContaining((cause as Error).message) })] });
  }
  if (reference) expect(now, text).toEqual(reference);
  expect(parser, text).toEqual(now);
  return plain;
}

function read(parse: (text: string, row: number, issues: Issue[]) => Record<string, string>, text: string, row: number) {
  const issues: Issue[] = [];
  const fields = parse(text, row, issues);
  return { fields: { ...fields }, keys: Object.keys(fields), issues };
}

/** Every element of the given local name in a document (the reader's cut, items before an error kept). */
function cutItems(text: string, name: string): string[] {
  const cutter = new XmlCutter(name, 1 << 26);
  cutter.write(text);
  cutter.end();
  return cutter.cut().map((item) => item.text);
}

/** The item texts of a document, cut by every element name in it, so channels and nested elements are items too. */
function itemsOf(document: string): string[] {
  // A refused DOCTYPE would leave no items: read the items of those files without it.
  const text = document.replace(/<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/, '');
  const names = new Set([...text.matchAll(/<([A-Za-z_][\w.:-]*)/g)].map((m) => m[1]!.slice(m[1]!.indexOf(':') + 1)));
  return [...names].flatMap((name) => cutItems(text, name));
}

function xmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return xmlFiles(file);
    return /\.xml$/.test(name) ? [file] : [];
  });
}

/** A generated row as a Google RSS item, its text escaped, in CDATA, or raw (then mostly broken). */
function rowItem(row: GenRow, style: 'escaped' | 'cdata' | 'raw'): string {
  const text = (v: string) => (style === 'escaped' ? v.replaceAll('&', '&amp;').replaceAll('<', '&lt;') : style === 'cdata' ? `<![CDATA[${v.replaceAll(']]>', ']]]]><![CDATA[>')}]]>` : v);
  return `<item>${COLUMNS.map((c) => `<g:${c}>${text(row.cells[c])}</g:${c}>`).join('\n  ')}</item>`;
}

describe('the plain XML item reader reads exactly what fast-xml-parser reads', () => {
  const files = [...xmlFiles(path.join(REPO, 'fixtures')), ...xmlFiles(SHARED_DATA)];

  it('every XML fixture and real catalog, cut at every element name', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
    let items = 0;
    for (const file of files) {
      for (const text of itemsOf(readFileSync(file, 'utf8'))) {
        expectSame(text);
        items++;
      }
    }
    expect(items).toBeGreaterThan(500);
  });

  it('the items of the benchmark catalog generator (all read by the plain reader)', () => {
    const rnd = prng(7);
    const pool = descriptionPool(7);
    for (let i = 0; i < 3000; i++) expect(expectSame((benchItem(makeRow(rnd, i, pool)) as string).trimEnd())).toBe(true);
  });

  it('hostile generated rows as RSS items: escaped, in CDATA, and raw', () => {
    const rows = fc.sample(fc.nat(1000).chain((n) => fc.oneof(goodRow(n), badRow(n))), { seed: 20261201, numRuns: 600 });
    let plain = 0;
    for (const row of rows) {
      for (const style of ['escaped', 'cdata', 'raw'] as const) if (expectSame(rowItem(row, style))) plain++;
    }
    expect(plain).toBeGreaterThan(rows.length);
  });

  it('generated items: feed shapes, odd names, references, comments, PIs, DOCTYPEs, attributes', () => {
    let plain = 0;
    fc.assert(
      fc.property(xmlItem, (text) => {
        if (expectSame(text)) plain++;
      }),
      { seed: 20261202, numRuns: 6000 },
    );
    // About a quarter take the plain path; the rest hold something it hands on.
    expect(plain).toBeGreaterThan(1000);
  });

  it('generated items with one character removed, inserted or doubled', () => {
    fc.assert(
      fc.property(mutatedItem, (text) => {
        expectSame(text);
      }),
      { seed: 20261203, numRuns: 3000 },
    );
  });

  it('CR LF and lone CR, which the parser reads as LF, in text, CDATA and attribute values', () => {
    for (const text of [
      '<item><a>x\r\ny</a><b><![CDATA[p\rq\r\n]]></b><c d="1\r\n2">\r\n</c>\r\n</item>',
      '<item\r\n a="\r"\r\n>\r<x\r/>\r</item\r\n>',
    ]) expect(expectSame(text)).toBe(true);
  });
});

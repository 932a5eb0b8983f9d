import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvRowBuilder } from '../../src/catalog/csv-rows.js';
import { createGoogleMapper, googleField } from '../../src/catalog/presets/google.js';
import { blankRecord } from '../../src/util/blank-record.js';
import { compileStores, key } from '../../src/util/compiled-stores.js';

/**
 * The row builder and the Google preset write each column with a generated literal store; these
 * properties hold them to the plain loops they replaced, with column names a catalog could hold:
 * names that are JavaScript syntax, inherited names, duplicates, aliases of one field.
 */

const HOSTILE_NAMES = ['__proto__', 'constructor', 'toString', 'a"b', 'back\\slash', 'line\nbreak', '\u2028', '\ud800', '${x}', '`', '*/', 'id', 'ID', 'title', 'name', 'ean', 'gtin', 'barcode', 'g:price', 'price', 'Sale Price'];
const name = fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ maxLength: 6 }));
const cell = fc.constantFrom('', 'x', 'y', '0', ' ');

/** What CsvRowBuilder did before its stores were compiled. */
function referenceFields(names: (string | null)[], record: string[]): Record<string, string> {
  const fields: Record<string, string> = blankRecord();
  for (let i = 0; i < Math.min(names.length, record.length); i++) if (names[i] !== null) fields[names[i]!] = record[i]!;
  return fields;
}

/** What the Google preset's column sort did before it was compiled. */
function referenceSort(source: Record<string, string>): { fields: Record<string, string>; extra: Record<string, string> } {
  const keys = Object.keys(source);
  const exact = keys.map((k) => googleField(k)?.exact === true);
  const order = keys.map((_, i) => i).sort((a, b) => Number(exact[b]) - Number(exact[a]) || a - b);
  const fields: Record<string, string> = blankRecord();
  const extra: Record<string, string> = blankRecord();
  for (const i of order) {
    const value = source[keys[i]!]!;
    if (value === '') continue;
    const target = googleField(keys[i]!)?.field;
    if (target !== undefined && fields[target] === undefined) fields[target] = value;
    else extra[keys[i]!] = value;
  }
  return { fields, extra };
}

const entries = (r: Record<string, string>) => Object.entries(r);

describe('compiled stores', () => {
  it('a CSV row holds what the loop put there, in the same order, inheriting nothing (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(name, { nil: null }), { minLength: 1, maxLength: 12 }), fc.array(cell, { maxLength: 14 }), (names, cells) => {
        const record = cells.length ? cells : [''];
        const got = new CsvRowBuilder(names).build(record, 2, false);
        const want = referenceFields(names, record);
        if (!got) return; // a blank row: not read, either way
        expect(entries(got.fields)).toEqual(entries(want));
        expect(Object.getPrototypeOf(Object.getPrototypeOf(got.fields))).toBeNull();
      }),
    );
  });

  it('the Google preset sorts columns into fields and extra as the loop did (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 10 }), fc.array(cell, { minLength: 10, maxLength: 10 }), (names, cells) => {
        const source: Record<string, string> = blankRecord();
        names.forEach((n, i) => (source[n] = cells[i]!));
        const [row] = createGoogleMapper({}).map({ row: 2, fields: source });
        const want = referenceSort(source);
        expect(entries(row!.fields)).toEqual(entries(want.fields));
        expect(entries(row!.extra)).toEqual(entries(want.extra));
      }),
    );
  });

  it('gives one function per source, so every unit of a pass runs the same optimised code', () => {
    const lines = [`return x[${key('__proto__')}];`];
    const a = compileStores('get', {}, ['x'], lines);
    expect(compileStores('get', {}, ['x'], lines)).toBe(a);
    expect(compileStores('get', { other: 1 }, ['x'], lines)).not.toBe(a);
    const own: Record<string, string> = blankRecord();
    own['__proto__'] = 'kept';
    expect(a(own as never)).toBe('kept');
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, firstLine } from '../../src/catalog/detect-delimiter.js';
import { csvParseOptions, csvRecordBatches } from '../../src/catalog/fast-csv/read-records.js';
import { CsvScanner, UnsupportedCsv } from '../../src/catalog/fast-csv/scanner.js';

type Outcome = { records: string[][] } | { error: string };

function viaCsvParse(bytes: Buffer, delimiter: string): Outcome {
  try {
    return { records: parse(bytes, csvParseOptions(delimiter)) as string[][] };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** The bytes in chunks of `size` (the last one shorter), as a stream would deliver them. */
async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function viaFastCsv(bytes: Buffer, delimiter: string, size: number): Promise<Outcome> {
  const records: string[][] = [];
  try {
    for await (const batch of csvRecordBatches(chunks(bytes, size), { delimiter, reopen: () => chunks(bytes, size) })) records.push(...batch);
    return { records };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) out.push(...filesUnder(file));
    else if (/\.(csv|tsv)$/i.test(name)) out.push(file);
  }
  return out;
}

const root = process.cwd();
const catalogs = [...filesUnder(path.join(root, 'fixtures')), ...filesUnder(path.resolve(root, '../shared/data'))];

describe('fast CSV reader: equal to csv-parse', () => {
  it('finds the fixture and shared catalogs to compare', () => {
    expect(catalogs.length).toBeGreaterThan(10);
  });

  it.each(catalogs.map((f) => [path.relative(path.resolve(root, '..'), f), f]))('reads %s as csv-parse does', async (_, file) => {
    const bytes = readFileSync(file);
    const head = bytes.subarray(0, 64 * 1024).toString('utf8').replace(/^\uFEFF/, '');
    const delimiter = file.endsWith('.tsv') ? '\t' : detectDelimiter(firstLine(head) ?? head);
    const expected = viaCsvParse(bytes, delimiter);
    expect(await viaFastCsv(bytes, delimiter, 256 * 1024)).toEqual(expected);
    expect(await viaFastCsv(bytes, delimiter, 997)).toEqual(expected);
  });

  // Text built from the characters that matter to a CSV parser, well-formed or not.
  const piece = fc.constantFrom('"', '""', ',', ';', '\t', '|', '\r', '\n', '\r\n', ' ', 'a', 'Zé', '日本', '😀', '\u0000', '\uFEFF', 'x"y');
  const wellFormedField = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
  const delimiterArb = fc.constantFrom(',', ';', '\t', '|');
  const eolArb = fc.constantFrom('\n', '\r\n', '\r');

  /** Records quoted the way spreadsheets quote them, so they read back exactly. */
  const wellFormed = fc
    .tuple(delimiterArb, eolArb, fc.array(fc.array(wellFormedField, { minLength: 1, maxLength: 5 }), { maxLength: 8 }), fc.boolean())
    .map(([d, eol, rows, bom]) => {
      const cell = (v: string) => (/["\r\n]/.test(v) || v.includes(d) ? `"${v.replaceAll('"', '""')}"` : v);
      const text = rows.map((r) => r.map(cell).join(d)).join(eol) + (rows.length % 2 ? eol : '');
      return { d, bytes: Buffer.from((bom ? '\uFEFF' : '') + text) };
    });

  /** Any arrangement of the pieces: stray quotes, unclosed quotes, mixed line ends, empty lines. */
  const hostile = fc.tuple(delimiterArb, fc.array(piece, { maxLength: 40 })).map(([d, p]) => ({ d, bytes: Buffer.from(p.join('')) }));

  /** Raw bytes, including invalid UTF-8 and byte order marks of other encodings. */
  const rawBytes = fc
    .tuple(delimiterArb, fc.array(fc.constantFrom(0x22, 0x2c, 0x3b, 0x09, 0x7c, 0x0d, 0x0a, 0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xff, 0xfe, 0xef, 0xbb, 0xbf, 0x00), { maxLength: 40 }))
    .map(([d, b]) => ({ d, bytes: Buffer.from(b) }));

  for (const [name, arb] of [
    ['well-formed records', wellFormed],
    ['hostile text', hostile],
    ['raw bytes', rawBytes],
  ] as const) {
    it(`equals csv-parse on generated ${name}, in any chunking`, async () => {
      await fc.assert(
        fc.asyncProperty(arb, fc.integer({ min: 1, max: 64 }), async ({ d, bytes }, size) => {
          expect(await viaFastCsv(bytes, d, size)).toEqual(viaCsvParse(bytes, d));
        }),
        { numRuns: 2000 },
      );
    });
  }

  /**
   * Record ends as a scanner reports them, fed `size` more bytes at a time as the main thread
   * feeds it: counting only (how units are cut) or decoding too (how workers read them).
   */
  const recordEnds = (bytes: Buffer, d: string, size: number, decode: boolean) => {
    const scanner = new CsvScanner(d);
    const ends: number[] = [];
    let start = 0;
    try {
      for (let end = Math.min(size, bytes.length); ; end = Math.min(end + size, bytes.length)) {
        const final = end === bytes.length;
        const used = scanner.scan(bytes.subarray(start, end), final, decode ? [] : null);
        if (used > 0) ends.push((start += used), scanner.records);
        if (final) return { ends, records: scanner.records };
      }
    } catch (err) {
      return { error: (err as Error).name };
    }
  };

  /** A scan of the whole input, `step` records at a time from where the last step stopped. */
  const inSteps = (bytes: Buffer, d: string, step: number) => {
    const scanner = new CsvScanner(d);
    const records: string[][] = [];
    try {
      for (let at = 0; at < bytes.length; ) {
        const before = records.length;
        at = scanner.scan(bytes, true, records, scanner.records + step, at);
        if (records.length === before) break;
      }
      return { records };
    } catch (err) {
      return { error: (err as Error).name };
    }
  };

  for (const [name, arb] of [
    ['well-formed records', wellFormed],
    ['hostile text', hostile],
    ['raw bytes', rawBytes],
  ] as const) {
    it(`counts the records it decodes, at the same ends, in any chunking: ${name}`, () => {
      fc.assert(
        fc.property(arb, fc.integer({ min: 1, max: 64 }), ({ d, bytes }, size) => {
          expect(recordEnds(bytes, d, size, false)).toEqual(recordEnds(bytes, d, size, true));
        }),
        { numRuns: 3000 },
      );
    });

    it(`reads the same records a few at a time as all at once: ${name}`, () => {
      fc.assert(
        fc.property(arb, fc.integer({ min: 1, max: 5 }), ({ d, bytes }, step) => {
          const whole: string[][] = [];
          let all: { records: string[][] } | { error: string };
          try {
            new CsvScanner(d).scan(bytes, true, whole);
            all = { records: whole };
          } catch (err) {
            all = { error: (err as Error).name };
          }
          expect(inSteps(bytes, d, step)).toEqual(all);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it('reads records that span many chunks (a 1 MB quoted cell)', async () => {
    const big = 'x"y,\n'.repeat(200_000);
    const bytes = Buffer.from(`id,description\r\nA,"${big.replaceAll('"', '""')}"\r\nB,short\r\n`);
    expect(await viaFastCsv(bytes, ',', 4096)).toEqual({ records: [['id', 'description'], ['A', big], ['B', 'short']] });
  });
});

describe('CsvScanner', () => {
  it('leaves an unclosed quote to csv-parse, which names the line', async () => {
    const out: string[][] = [];
    expect(() => new CsvScanner(',').scan(Buffer.from('id,title\nA,"open\n'), true, out)).toThrow(UnsupportedCsv);
    const result = await viaFastCsv(Buffer.from('id,title\nA,"open\n'), ',', 5);
    expect(result).toEqual({ error: expect.stringContaining('Quote Not Closed') });
  });

  it('returns the start of an incomplete record so it can be passed again with more bytes', () => {
    const scanner = new CsvScanner(',');
    const out: string[][] = [];
    const used = scanner.scan(Buffer.from('id,title\r\nA,"Mug, big'), false, out);
    expect(out).toEqual([['id', 'title']]);
    expect(used).toBe(10);
  });

  it('refuses a delimiter it cannot scan for', () => {
    expect(() => new CsvScanner('ab')).toThrow(UnsupportedCsv);
    expect(() => new CsvScanner('"')).toThrow(UnsupportedCsv);
  });
});

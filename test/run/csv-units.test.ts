import { describe, expect, it } from 'vitest';
import { TextDecoding } from '../../src/catalog/decode-text.js';
import { getPreset } from '../../src/catalog/presets/index.js';
import { BufferShelf } from '../../src/run/pass/buffer-shelf.js';
import type { ByteSource } from '../../src/run/pass/byte-source.js';
import { csvUnits, READ_BY_ROWS } from '../../src/run/pass/csv-units.js';

/** A catalog held in memory, which counts how often it was closed. */
function bytesOf(text: string): ByteSource & { closed: number } {
  const all = Buffer.from(text);
  let pos = 0;
  const source = {
    closed: 0,
    async read(into: Uint8Array, at: number) {
      const n = Math.min(all.length - pos, into.length - at);
      into.set(all.subarray(pos, pos + n), at);
      pos += n;
      return n;
    },
    async close() {
      source.closed++;
    },
  };
  return source;
}

async function cut(text: string, stopAfter = Infinity) {
  const bytes = bytesOf(text);
  let seq = 0;
  const got: unknown[] = [];
  let error: unknown;
  try {
    for await (const unit of csvUnits({
      source: { location: '/catalog.csv' },
      tsv: false,
      bytes,
      reopen: () => new TextDecoding((async function* () {})()),
      unitBytes: 64,
      unitRows: 10,
      nextSeq: () => seq++,
      shelf: new BufferShelf(4),
      mapper: getPreset('google').create({}),
      onHeader: () => {},
    })) {
      got.push(unit);
      if (got.length >= stopAfter) break;
    }
  } catch (err) {
    error = err;
  }
  return { got, error, closed: bytes.closed };
}

describe('cutting a CSV into units', () => {
  it('closes the catalog once, whichever way the cutting ends', async () => {
    const rows = `id,title\n${Array.from({ length: 50 }, (_, i) => `${i},title ${i}`).join('\n')}\n`;
    const whole = await cut(rows);
    expect(whole.got.length).toBeGreaterThan(2);
    expect(whole.closed).toBe(1);
    // The caller stops early (a failed unit, say).
    expect((await cut(rows, 1)).closed).toBe(1);
    // Excel's sep= line: handed to the row reader before any unit.
    const excel = await cut('sep=;\nid;title\n1;a\n');
    expect(excel.got).toEqual([READ_BY_ROWS]);
    expect(excel.closed).toBe(1);
    // No header row at all: an error, and still closed.
    const empty = await cut('   \n');
    expect(String(empty.error)).toMatch(/empty/);
    expect(empty.closed).toBe(1);
  });
});

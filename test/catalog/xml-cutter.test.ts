import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanXmlItems, XmlScanError } from '../../src/catalog/xml-scanner.js';
import { chunked, readAll, tempFile } from './helpers.js';
import { referenceScanXmlItems } from './xml-scanner-reference.js';
import { mutatedItem, xmlItem } from './xml-item-arbitraries.js';

interface Outcome {
  items: { text: string; depth: number; forbidden?: string }[];
  error?: string;
}

async function outcome(scan: AsyncIterable<{ text: string; depth: number; forbidden?: string }>): Promise<Outcome> {
  const items: Outcome['items'] = [];
  try {
    for await (const item of scan) items.push({ ...item });
  } catch (cause) {
    if (!(cause instanceof Error) || !/ScanError/.test(cause.constructor.name)) throw cause;
    return { items, error: cause.message };
  }
  return { items };
}

/** Markup around and between items: the scanner must skip all of it, whatever the chunking. */
const between = fc.constantFrom(
  '', '\n', '<title>t</title>', '<!-- <item>no</item> -->', '<![CDATA[</item><item>]]>', '<?pi <item> ?>', '<link a="x>y"/>',
  '<!--', '<![CDATA[', '<?', '<!ELEMENT item ANY>', '</channel>', '<item', '<g:item/>', '<product id="1"/>',
);
const head = fc.constantFrom(
  '', '<?xml version="1.0"?>', '\ufeff<?xml version="1.0"?>\n', '<!DOCTYPE rss>', '<!DOCTYPE rss [<!ELEMENT rss ANY>]>',
  '<!DOCTYPE rss [<!ENTITY x "y">]>', 'junk', '  \n',
);
const document = fc
  .tuple(head, fc.array(fc.tuple(between, fc.oneof({ weight: 4, arbitrary: xmlItem }, { weight: 1, arbitrary: mutatedItem })), { maxLength: 6 }), fc.boolean())
  .map(([h, parts, closed]) => `${h}<rss><channel>${parts.map(([b, i]) => b + i).join('')}${closed ? '</channel></rss>' : ''}`);

describe('the XML cutter', () => {
  it('cuts exactly what the old asynchronous scanner cut, with the same errors, whatever the chunking', async () => {
    const docs = fc.sample(fc.tuple(document, fc.constantFrom('item', 'product'), fc.constantFrom(1, 2, 3, 7, 10, 64, 1000, 1 << 20)), { seed: 20261204, numRuns: 1500 });
    let items = 0;
    for (const [text, name, size] of docs) {
      const now = await outcome(scanXmlItems(chunked(text, size), name, 1 << 20));
      if (text.includes('<!ENTITY')) {
        // The old scanner let a declaration through when a chunk boundary cut `<!ENTITY` (see below).
        expect(now, `${size}: ${text}`).toEqual({ items: [], error: expect.stringContaining('DOCTYPE declares entities') });
        continue;
      }
      const expected = await outcome(referenceScanXmlItems(chunked(text, size), name, 1 << 20));
      expect(now, `${size}: ${text}`).toEqual(expected);
      items += expected.items.length;
    }
    expect(items).toBeGreaterThan(1000);
  });

  it('reads a tag cut by a chunk boundary (the old scanner lost items whose tag was)', async () => {
    const text = `<catalog><products>${Array.from({ length: 6 }, (_, i) => `<product id="${i}"><name>N${i}</name></product>`).join('')}</products></catalog>`;
    const whole = await outcome(scanXmlItems(chunked(text, text.length), 'product', 1 << 20));
    expect(whole.items).toHaveLength(6);
    for (let size = 1; size <= 60; size++) expect(await outcome(scanXmlItems(chunked(text, size), 'product', 1 << 20)), `chunks of ${size}`).toEqual(whole);
  });

  it('stops at maxChars as before', async () => {
    const text = `<rss><item><a>${'x'.repeat(500)}</a></item><item>${'y'.repeat(5000)}</item></rss>`;
    for (const size of [10, 100, 4096]) {
      const now = await outcome(scanXmlItems(chunked(text, size), 'item', 1000));
      expect(now).toEqual(await outcome(referenceScanXmlItems(chunked(text, size), 'item', 1000)));
      expect(now.error).toMatch(/larger than 1000 characters/);
    }
  });

  it('refuses an entity declaration cut by a chunk boundary (the old scanner missed it)', async () => {
    for (const text of ['<!DOCTYPE rss [<!ENTITY x "y">]><rss><item><t>&x;</t></item></rss>', '<!doctype rss [<!entity x "y">]><rss><item><t>&x;</t></item></rss>']) {
      const at = text.toUpperCase().indexOf('<!ENTITY');
      for (let cut = at + 1; cut < at + 8; cut++) {
        const parts = [text.slice(0, cut), text.slice(cut)];
        async function* chunks() {
          yield* parts;
        }
        const now = await outcome(scanXmlItems(chunks(), 'item', 1 << 20));
        expect(now.error, `cut at ${cut}`).toMatch(/DOCTYPE declares entities/);
      }
    }
    expect(new XmlScanError('x')).toBeInstanceOf(Error);
  });

  it('an attribute fast-xml-parser refuses (`constructor`) is an error on that item, not the end of the run', async () => {
    const rows = await readAll(tempFile('attr.xml', '<rss><channel><item><id>1</id><a constructor="x">v</a></item><item><id>2</id></item></channel></rss>'));
    expect(rows[0]!.issues).toEqual([expect.objectContaining({ code: 'catalog.xml.invalid', row: 1 })]);
    expect(rows[0]!.fields).toEqual({});
    expect(rows[1]).toEqual({ row: 2, fields: { id: '2' } });
  });
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ShelfcastError } from '../../src/issues/issue.js';
import { scanXmlItems } from '../../src/catalog/xml-scanner.js';
import { chunked, FIXTURES, readAll, rejection, tempFile } from './helpers.js';

const rss = (items: string, head = ''): string =>
  `<?xml version="1.0"?>${head}<rss xmlns:g="http://base.google.com/ns/1.0"><channel><title>t</title>${items}</channel></rss>`;

describe('readCatalog: XML', () => {
  it('reads a Google RSS feed: g: prefixes dropped, entities and CDATA decoded, repeated elements joined', async () => {
    const rows = await readAll(path.join(FIXTURES, 'google-feed.xml'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual({
      row: 1,
      fields: {
        id: 'A-1',
        title: 'Café mug & saucer',
        description: '<p>Holds <b>300 ml</b> & more</p>',
        link: 'https://shop.example.com/mug?x=1&y=2',
        image_link: 'https://shop.example.com/mug.jpg',
        additional_image_link: 'https://shop.example.com/mug-2.jpg,https://shop.example.com/mug-3.jpg',
        price: '12.99 USD',
        gtin: '00012345678905',
        availability: 'in stock',
        'shipping.country': 'US',
        'shipping.price': '4.95 USD',
      },
    });
    expect(rows[1]).toEqual({ row: 2, fields: { id: 'A-2', title: 'Plate', price: '5.00 USD' } });
  });

  it('cuts items correctly whatever the chunking, skipping comments, CDATA and nested same-name elements', async () => {
    const text = rss(
      '<!-- <item>no</item> --><item a="x>y"><id>1</id><x><![CDATA[</item><item>]]></x><item><id>inner</id></item></item>' +
        '<?pi <item> ?><g:item><id>2</id></g:item><item/>',
    );
    for (const size of [1, 3, 10, 100_000]) {
      const items: string[] = [];
      for await (const item of scanXmlItems(chunked(text, size), 'item', 1 << 20)) items.push(item.text);
      expect(items).toEqual([
        '<item a="x>y"><id>1</id><x><![CDATA[</item><item>]]></x><item><id>inner</id></item></item>',
        '<g:item><id>2</id></g:item>',
        '<item/>',
      ]);
    }
  });

  it('refuses a billion-laughs entity bomb at once, saying why', async () => {
    const bomb =
      '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">' +
      Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 3} "${`&lol${i + 2};`.repeat(10)}">`).join('') +
      ']>';
    const err = await rejection(readAll(tempFile('bomb.xml', rss('<item><title>&lol10;</title></item>', bomb))));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('bomb.xml');
    expect(err.message).toMatch(/DOCTYPE declares entities/);
  });

  it('refuses an external entity (no file is read)', async () => {
    const xxe = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
    const err = await rejection(readAll(tempFile('xxe.xml', rss('<item><title>&xxe;</title></item>', xxe))));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toMatch(/entities/);
  });

  it('refuses entity declarations in any letter case, and outside a DOCTYPE', async () => {
    for (const [name, head] of [
      ['lower.xml', '<!doctype rss [<!entity a "AAAA">]>'],
      ['mixed.xml', '<!DocType rss [<!EnTiTy xxe SYSTEM "file:///etc/passwd">]>'],
      ['bare.xml', '<!ENTITY a "AAAA">'],
    ]) {
      const err = await rejection(readAll(tempFile(name!, rss('<item><title>&a;</title></item>', head))));
      expect(err, name).toBeInstanceOf(ShelfcastError);
      expect(err.message, name).toMatch(new RegExp(`${name!.replace('.', '\\.')}: .*DOCTYPE declares entities`));
    }
  });

  it('accepts a DOCTYPE without entity declarations and leaves unknown entities as text', async () => {
    const rows = await readAll(tempFile('dt.xml', rss('<item><title>A&nbsp;B &#x263A;</title></item>', '<!DOCTYPE rss>')));
    expect(rows[0]!.fields.title).toBe('A&nbsp;B ☺');
  });

  it('reports an item nested too deep as a record error, without overflowing the stack', async () => {
    const deep = `<item>${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}</item><item><id>ok</id></item>`;
    const rows = await readAll(tempFile('deep.xml', rss(deep)));
    expect(rows[0]!.issues![0]!.code).toBe('catalog.item.too_deep');
    expect(rows[1]!.fields).toEqual({ id: 'ok' });
  });

  it('rejects __proto__ and constructor elements as record errors without polluting', async () => {
    const rows = await readAll(
      tempFile('p.xml', rss('<item><id>A</id><__proto__><polluted>1</polluted></__proto__></item><item><id>B</id><constructor>x</constructor></item>')),
    );
    expect(rows.map((r) => r.issues?.[0]?.code)).toEqual(['catalog.key.forbidden', 'catalog.key.forbidden']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a malformed item and reads the next one', async () => {
    const rows = await readAll(tempFile('bad.xml', rss('<item><id>A</id><title>x</titel></item><item><id>B</id></item>')));
    expect(rows[0]!.issues![0]).toMatchObject({ severity: 'error', code: 'catalog.xml.invalid', row: 1 });
    expect(rows[1]!.fields).toEqual({ id: 'B' });
  });

  it('keeps the prefix where two namespaces share a local name, and reads key/value pairs and RSS category domains', async () => {
    const item =
      '<item><content:encoded>long</content:encoded><excerpt:encoded>short</excerpt:encoded>' +
      '<wp:postmeta><wp:meta_key>_sku</wp:meta_key><wp:meta_value><![CDATA[SKU-1]]></wp:meta_value></wp:postmeta>' +
      '<category domain="product_cat" nicename="a">Tees</category><category domain="pa_color">Red</category></item>';
    const rows = await readAll(tempFile('wxr.xml', rss(item)));
    expect(rows[0]!.fields).toMatchObject({
      'content:encoded': 'long',
      'excerpt:encoded': 'short',
      'postmeta._sku': 'SKU-1',
      category: 'Tees,Red',
      'category.product_cat': 'Tees',
      'category.pa_color': 'Red',
      'category@domain': 'product_cat,pa_color',
    });
  });

  it('uses the last segment of item_path as the item element', async () => {
    const rows = await readAll({ location: tempFile('p.xml', '<catalog><products><product id="7"><name>N</name></product></products></catalog>'), itemPath: 'catalog.products.product' });
    expect(rows[0]!.fields).toEqual({ '@id': '7', name: 'N' });
  });

  it('fails the run when no item element is found, naming item_path', async () => {
    const err = await rejection(readAll(tempFile('none.xml', '<catalog><product/></catalog>')));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('item_path');
  });

  it('fails the run for a file that is not XML, or ends inside an item', async () => {
    expect((await rejection(readAll(tempFile('x.xml', 'id,title\nA,B\n')))).message).toContain('not readable as XML');
    const cut = rss('<item><id>A</id></item><item><id>B').replace('</channel></rss>', '');
    expect((await rejection(readAll(tempFile('cut.xml', cut)))).message).toMatch(/after item 1.*ends inside/);
  });

  it('decodes a file in the encoding its XML declaration names', async () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><item><title>Caf\xe9 \xa3</title></item></channel></rss>', 'latin1');
    const rows = await readAll(tempFile('latin1.xml', latin1));
    expect(rows[0]).toEqual({ row: 1, fields: { title: 'Café £' } });
  });

  it('fails the run for an encoding it does not know', async () => {
    const err = await rejection(readAll(tempFile('enc.xml', '<?xml version="1.0" encoding="x-klingon"?><rss><item/></rss>')));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('x-klingon');
  });

  it('reports invalid UTF-8 inside an item on that item', async () => {
    const bytes = Buffer.concat([Buffer.from(rss('<item><id>A</id></item><item><id>B</id><title>')), Buffer.from([0xe2, 0x28, 0xa1])]);
    const rows = await readAll(tempFile('bad8.xml', Buffer.concat([bytes, Buffer.from('</title></item></channel></rss>')])));
    expect(rows[0]!.issues).toBeUndefined();
    expect(rows[1]!.issues![0]).toMatchObject({ code: 'catalog.encoding.invalid_utf8', row: 2 });
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePrice, readFeedItems, textsOf } from '../../src/transports/read-feed-records.js';

describe('readFeedItems', () => {
  let dir: string;
  const write = async (name: string, text: string) => {
    const f = path.join(dir, name);
    await writeFile(f, text);
    return f;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-read-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('reads RSS items without namespace prefixes, repeated fields as lists', async () => {
    const f = await write('g.xml', '<?xml version="1.0"?><rss xmlns:g="http://base.google.com/ns/1.0"><channel><title>S</title><item><g:id>A&amp;1</g:id><g:additional_image_link>https://x/1.jpg</g:additional_image_link><g:additional_image_link>https://x/2.jpg</g:additional_image_link></item></channel></rss>');
    const items = await readFeedItems(f);
    expect(items).toEqual([{ id: 'A&1', additional_image_link: ['https://x/1.jpg', 'https://x/2.jpg'] }]);
    expect(textsOf(items[0]!, 'additional_image_link')).toHaveLength(2);
  });

  it('reads CSV (quoted cells with commas and newlines), TSV, JSON and NDJSON', async () => {
    expect(await readFeedItems(await write('m.csv', 'id,title\n1,"Mug, blue\nlarge"\n'))).toEqual([{ id: '1', title: 'Mug, blue\nlarge' }]);
    expect(await readFeedItems(await write('p.tsv', 'id\ttitle\n2\tCup\n'))).toEqual([{ id: '2', title: 'Cup' }]);
    expect(await readFeedItems(await write('t.json', '{"items":[{"id":"3"}]}'))).toEqual([{ id: '3' }]);
    expect(await readFeedItems(await write('t.ndjson', '{"id":"4"}\n\n{"id":"5"}\n'))).toEqual([{ id: '4' }, { id: '5' }]);
  });

  it('refuses unknown formats and damaged files with the file name', async () => {
    await expect(readFeedItems(await write('x.bin', ''))).rejects.toThrow(/x\.bin: API pushes read/);
    await expect(readFeedItems(await write('bad.json', '{'))).rejects.toThrow(/bad\.json: cannot read the built feed/);
  });

  it('parses prices written as "15.00 USD"', () => {
    expect(parsePrice('15.00 USD')).toEqual({ units: '15', fraction: '00', currency: 'USD' });
    expect(parsePrice('15,00 EUR')).toBeUndefined();
  });
});

import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hostileProject, readOut, runInProcess } from '../hostile/hostile-project.js';
import { REPO } from '../e2e/cli.js';

/**
 * The serializers' screens (escapeXml, the CSV/TSV cells) are what keeps characters XML 1.0 forbids
 * and lone surrogates out of feed files: validation cleans catalog text, but feed rules run after
 * it (a `replace`/`append`/`template` value from the config can hold `\uD800` or `\u0001`), and a
 * JSON catalog's escapes can make both. These builds put such characters in through every one of
 * those doors and check the written bytes, not the records.
 */
const FORBIDDEN_BYTES = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
/** U+FFFD is what a lone surrogate becomes when a string is written as UTF-8; U+FFFE/U+FFFF are forbidden. */
const FORBIDDEN_CHARS = /[\uFFFD\uFFFE\uFFFF]/;

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The rules each feed gets: values with a lone surrogate, a control character and U+FFFE, from the config. */
const RULES = [
  'rules:',
  '  - append: { field: title, value: " X\\uD800Y\\u0001Z" }',
  '  - replace: { field: description, find: "cotton", with: "co\\uDC00t\\u0002ton\\uFFFE" }',
  '  - template: { field: custom_label_1, value: "L\\uD83D{brand}\\u0007" }',
  '',
].join('\n');

async function feedTexts(dir: string): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  for (const name of ['google.xml', 'meta.csv']) {
    const bytes = await readOut(dir, name);
    // Valid UTF-8 first: a fatal decoder throws on any broken sequence.
    texts[name] = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  }
  return texts;
}

function expectClean(texts: Record<string, string>): void {
  for (const [name, text] of Object.entries(texts)) {
    expect(FORBIDDEN_BYTES.test(text), `${name} holds a forbidden control character`).toBe(false);
    expect(FORBIDDEN_CHARS.test(text), `${name} holds U+FFFD/U+FFFE/U+FFFF`).toBe(false);
  }
}

describe('characters no feed may carry, from any source, never reach a feed file', () => {
  it('from feed rules in the config (append, replace, template), after validation', async () => {
    const catalog = await readFile(path.join(REPO, 'fixtures/demo/catalog.csv'));
    const dir = await hostileProject(catalog, 'csv');
    dirs.push(dir);
    for (const feed of ['google.yaml', 'meta.yaml']) {
      const file = path.join(dir, 'feeds', feed);
      const yaml = await readFile(file, 'utf8');
      // Meta's feed has rules already: ours go first in its list.
      await writeFile(file, yaml.includes('\nrules:\n') ? yaml.replace('\nrules:\n', `\n${RULES}`) : `${yaml}\n${RULES}`);
    }
    const out = await runInProcess(['build', '--force', '--json'], dir);
    expect(out.code, out.stderr).toBeLessThan(2);
    const texts = await feedTexts(dir);
    expectClean(texts);
    // The rules did run: their text is there with only the illegal characters removed.
    for (const text of Object.values(texts)) {
      expect(text).toContain('XYZ');
      expect(text).toContain('cotton');
    }
    expect(texts['google.xml']).toMatch(/<g:custom_label_1>L[^<]+<\/g:custom_label_1>/);
  });

  it('from a JSON catalog whose escapes make lone surrogates and control characters', async () => {
    const rows = (await readFile(path.join(REPO, 'fixtures/demo/catalog.csv'), 'utf8')).split('\n');
    const header = rows[0]!.split(',');
    expect(header.slice(0, 3)).toEqual(['id', 'title', 'description']);
    const item = {
      id: 'LONE-1',
      title: 'Mug \ud800one\u0001 two \udfff',
      description: '<p>Glazed \u000bstoneware &#1;mug\ufffe</p> \ud83d',
      link: 'https://shop.example.com/products/mug',
      image_link: 'https://cdn.example.com/img/mug.jpg',
      price: '12.00 USD',
      availability: 'in_stock',
      brand: 'Acme\u001f',
      condition: 'new',
      mpn: 'MUG-1',
      google_product_category: '2169',
    };
    const dir = await hostileProject(`${JSON.stringify(item)}\n`, 'ndjson');
    dirs.push(dir);
    const out = await runInProcess(['build', '--force', '--json'], dir);
    expect(out.code, out.stderr).toBeLessThan(2);
    const texts = await feedTexts(dir);
    expectClean(texts);
    expect(texts['google.xml']).toContain('Mug one two');
    expect(texts['google.xml']).toContain('Glazed stoneware mug');
  });
});


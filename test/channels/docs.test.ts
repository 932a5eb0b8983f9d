import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineChannel, type ChannelDefinition } from '../../src/channels/define-channel.js';
import { describeOptions } from '../../src/channels/docs/describe-options.js';
import { renderChannelDoc } from '../../src/channels/docs/render-channel-doc.js';
import { summarizeChannel } from '../../src/channels/summarize-channels.js';
import { renderChannelTable } from '../../src/channels/docs/render-channel-table.js';
import { renderChannelSummary } from '../../src/channels/docs/render-channel-text.js';
import { firstRecord } from '../../src/channels/docs/sample-record.js';
import { markdownTable } from '../../src/channels/docs/text-table.js';
import { renderChannelPage, renderChannelPages, writeChannelDocs } from '../../src/channels/docs/write-channel-docs.js';
import { CHANNEL_IDS, loadChannel } from '../../src/channels/registry.js';

/**
 * docs/channels/<id>.md must be what the renderer makes of the channel today; regenerate with
 * `UPDATE_DOCS=1 npx vitest run test/channels/docs.test.ts` (or scripts/write-channel-docs.mjs after a
 * build). UPDATE_GOLDEN=1 regenerates them too; run it twice when goldens changed, since this file may
 * run before the conformance suite writes them.
 */
const ROOT = path.resolve(__dirname, '../..');
// Regenerating goldens changes samples and issue codes, so UPDATE_GOLDEN=1 rewrites the pages too.
const UPDATE = process.env.UPDATE_DOCS === '1' || process.env.UPDATE_GOLDEN === '1';

const toy = defineChannel({
  id: 'toy',
  title: 'Toy Market',
  kind: 'marketplace',
  formats: [
    { id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv; charset=utf-8' },
    { id: 'listings', serializer: 'amazon-listings', ext: 'json', contentType: 'application/json' },
  ],
  attributes: [
    { name: 'sku', required: true, format: 'text', limit: 40, source: 'id' },
    { name: 'price', required: true, format: '15.00 USD | 20.00 EUR', source: 'price' },
    { name: 'notes', required: false, format: 'text', limit: 12000, source: 'description' },
  ],
  options: z
    .object({
      /** Store code. */
      store: z.string().describe('Store code. Required.'),
      mode: z.enum(['full', 'delta']).default('full').describe('Upload mode; default full.'),
      rows: z.array(z.object({ name: z.string().describe('Column name.') })).default([]).describe('Extra rows.'),
    })
    .strict(),
  map: () => ({ issues: [] }),
});

/** Markdown table rows (outside code fences) with their count of unescaped cell separators. */
function tableRowWidths(markdown: string): number[][] {
  const tables: number[][] = [];
  let current: number[] | undefined;
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    if (!fenced && line.startsWith('|')) {
      current ??= [];
      current.push(line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length);
    } else if (current) {
      tables.push(current);
      current = undefined;
    }
  }
  if (current) tables.push(current);
  return tables;
}

describe('channel docs renderer', () => {
  it('renders title, kind, formats, attributes, options, issue codes and a CSV sample for any channel', () => {
    const sample = 'sku,price,notes\nA-1,15.00 USD,"two\nlines | pipe"\nB-2,1.00 USD,\n';
    const page = renderChannelDoc(toy, sample, {
      issues: [{ severity: 'warning', code: 'toy.notes.too_long', field: 'notes' }],
      sampleSource: 'fixtures/channels/golden/toy.csv.csv',
    });
    expect(page).toContain('# Toy Market (`toy`)');
    expect(page).toContain('Kind: marketplace.');
    expect(page).toContain('| `csv` | `.csv` | text/csv; charset=utf-8 | csv |');
    expect(page).toContain('| `listings` | `.json` | application/json | amazon-listings |');
    expect(page).toContain('| `sku` | yes | text | 40 | id |');
    expect(page).toContain('| `price` | yes | 15.00 USD \\| 20.00 EUR |  | price |');
    expect(page).toContain('| `notes` | no | text | 12,000 | description |');
    expect(page).toContain('| `store` | string | yes |  | Store code. Required. |');
    expect(page).toContain('| `mode` | full \\| delta | no | `"full"` | Upload mode; default full. |');
    expect(page).toContain('| `rows[].name` | string | yes |  | Column name. |');
    expect(page).toContain('| `toy.notes.too_long` | warning | notes | over the limit: cut at a word boundary |');
    expect(page).toContain('| `toy.sku.missing` | error | sku | required value is empty: the item is left out |');
    expect(page).toContain('The first item of `fixtures/channels/golden/toy.csv.csv` (format `csv`).');
    expect(page).toContain('| `notes` | two<br>lines \\| pipe |');
    expect(page).not.toContain('B-2');
    for (const widths of tableRowWidths(page)) expect(new Set(widths).size, page).toBe(1);
    expect(renderChannelDoc(toy, sample)).toBe(renderChannelDoc(toy, sample));
  });

  it('shows the first item of RSS, JSON and NDJSON feeds as a code block, and nothing for an empty feed', () => {
    const rss = '<?xml version="1.0"?>\n<rss><channel><title>t</title>\n<item>\n  <g:id>1</g:id>\n</item>\n<item>\n  <g:id>2</g:id>\n</item>\n</channel></rss>\n';
    expect(firstRecord(rss, { serializer: 'rss' })).toEqual({ kind: 'block', language: 'xml', text: '<item>\n  <g:id>1</g:id>\n</item>' });
    expect(firstRecord('[\n{"a":"1"},\n{"a":"2"}\n]\n', { serializer: 'json' })).toEqual({ kind: 'block', language: 'json', text: '{\n  "a": "1"\n}' });
    expect(firstRecord('{"a":"1"}\n{"a":"2"}\n', { serializer: 'ndjson' })).toEqual({ kind: 'block', language: 'json', text: '{\n  "a": "1"\n}' });
    expect(firstRecord('sku\tname\nA\tB "C"\n', { serializer: 'tsv' })).toEqual({ kind: 'fields', fields: [['sku', 'A'], ['name', 'B "C"']] });
    expect(firstRecord('sku,name\n', { serializer: 'csv' })).toBeUndefined();
    expect(firstRecord('[]\n', { serializer: 'json' })).toBeUndefined();
    const listings = '{"header":{"sellerId":"S"},"messages":[{"messageId":1,"sku":"A"},{"messageId":2,"sku":"B"}]}';
    expect(firstRecord(listings, { serializer: 'amazon-listings' })).toEqual({ kind: 'block', language: 'json', text: '{\n  "messageId": 1,\n  "sku": "A"\n}' });
    const page = renderChannelDoc({ ...toy, formats: [{ id: 'xml', serializer: 'rss', ext: 'xml', contentType: 'application/xml' }] }, rss);
    expect(page).toContain('```xml\n<item>\n  <g:id>1</g:id>\n</item>\n```');
    expect(renderChannelDoc(toy, 'sku,price\n')).not.toContain('## Sample record');
  });

  it('flattens zod options to documented rows', () => {
    expect(describeOptions(toy.options)).toEqual([
      { name: 'store', type: 'string', required: true, description: 'Store code. Required.' },
      { name: 'mode', type: 'full | delta', required: false, default: '"full"', description: 'Upload mode; default full.' },
      { name: 'rows', type: 'list of objects', required: false, default: '[]', description: 'Extra rows.' },
      { name: 'rows[].name', type: 'string', required: true, description: 'Column name.' },
    ]);
    expect(describeOptions(undefined)).toEqual([]);
  });

  it('escapes pipes and line breaks in Markdown cells', () => {
    expect(markdownTable(['a', 'b'], [['x|y', 'line\nbreak']])).toBe('| a | b |\n| --- | --- |\n| x\\|y | line<br>break |');
  });

  it('renders `shelfcast channels` and `shelfcast channels <id>` as aligned plain text', () => {
    const list = renderChannelTable([toy, { ...toy, id: 'other-channel', formats: [toy.formats[0]!] }].map(summarizeChannel));
    expect(list.split('\n')).toEqual([
      'CHANNEL        KIND         FORMATS        API PUSH  DELTAS  DELETES  VARIANTS  --ONLY  ORDERS  STOCK  TITLE',
      'toy            marketplace  csv, listings  no        no      no       no        no      no      no     Toy Market',
      'other-channel  marketplace  csv            no        no      no       no        no      no      no     Toy Market',
      '',
    ]);
    const summary = renderChannelSummary(toy);
    expect(summary).toContain('Toy Market (toy), marketplace');
    expect(summary).toContain('Formats: csv (.csv, text/csv; charset=utf-8); listings (.json, application/json)');
    expect(summary).toContain('sku        yes       text                   40     id');
    expect(summary).toContain('notes      no        text                   12000  description');
    expect(summary).toContain('mode         full | delta     no        "full"');
    expect(summary).toContain('API push: no; deltas: no; deletes: no; variants: no; --only: no; orders: no; stock: no');
    expect(summary).toContain('Details: docs/channels/toy.md');
  });
});

describe.each(CHANNEL_IDS)('docs/channels/%s.md', (id) => {
  it('is current (regenerate with UPDATE_DOCS=1)', async () => {
    const channel: ChannelDefinition<any> = await loadChannel(id);
    const page = renderChannelPage(channel, ROOT);
    const file = path.join(ROOT, page.file);
    if (UPDATE) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, page.content);
    }
    expect(existsSync(file), `${page.file} is missing: run UPDATE_DOCS=1 npx vitest run test/channels/docs.test.ts`).toBe(true);
    expect(readFileSync(file, 'utf8') === page.content, `${page.file} is stale: run UPDATE_DOCS=1 npx vitest run test/channels/docs.test.ts`).toBe(true);
    for (const attr of channel.attributes) expect(page.content).toContain(`| \`${attr.name}\` |`);
    for (const widths of tableRowWidths(page.content)) expect(new Set(widths).size).toBe(1);
  });
});

describe('writeChannelDocs', () => {
  it('writes one page per registered channel into a fresh tree, then nothing when current', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'shelfcast-docs-'));
    try {
      const written = await writeChannelDocs(root);
      expect(written).toEqual([...CHANNEL_IDS.map((id) => `docs/channels/${id}.md`), 'docs/channels/README.md']);
      const pages = await renderChannelPages(root);
      for (const page of pages) expect(readFileSync(path.join(root, page.file), 'utf8')).toBe(page.content);
      // Without golden files there is no sample section, but the rest of the page is there.
      expect(pages[0]!.content).not.toContain('## Sample record');
      expect(pages[0]!.content).toContain('## Attributes');
      expect(await writeChannelDocs(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('feed options fixtures of the conformance suite', () => {
  it.each(['csv', 'json', 'idealo', 'tiktok'] as const)('fixtures/channels/options/%s.json is valid and already in parsed form', async (id) => {
    const channel = await loadChannel(id);
    const raw = JSON.parse(readFileSync(path.join(ROOT, 'fixtures/channels/options', `${id}.json`), 'utf8'));
    expect(channel.options!.parse(raw)).toEqual(raw);
  });
});

import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileProject, outFiles, readOut, runInProcess } from '../hostile/hostile-project.js';

/** Supplemental sources fetched over HTTP(S), through the same reader (and URL policy) as the primary. */
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/prices.csv.gz') {
      res.setHeader('content-type', 'application/gzip');
      res.end(gzipSync('sku;price\nTEE-RED-S;99,50\nNOT-IN-CATALOG;1,00\n'));
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const demoCatalog = () => readFile(path.join(process.cwd(), 'fixtures/demo/catalog.csv'));

describe('a supplemental source at a URL', () => {
  it('is fetched, decompressed and joined like a local one, its unmatched keys reported with the URL', async () => {
    const dir = await hostileProject(await demoCatalog(), 'csv', ['sources:', `  - path: ${base}/prices.csv.gz`, '    delimiter: ";"', '    locale: de-DE', '    columns: { id: sku, price: price }', '    fields: [price]']);
    try {
      const out = await runInProcess(['build', '--force', '--json'], dir);
      const google = (await readOut(dir, 'google.xml')).toString('utf8');
      const item = google.slice(google.indexOf('<g:id>TEE-RED-S</g:id>'), google.indexOf('</item>', google.indexOf('<g:id>TEE-RED-S</g:id>')));
      expect(item).toContain('<g:price>99.50 USD</g:price>');
      const issues = (JSON.parse(out.stdout) as { issues: Array<{ code: string; id?: string; file?: string }> }).issues.filter((i) => i.code.startsWith('catalog.source.'));
      expect(issues).toEqual([expect.objectContaining({ code: 'catalog.source.unmatched', id: 'NOT-IN-CATALOG', file: `${base}/prices.csv.gz` })]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('that cannot be fetched fails the run before any feed is written, naming the source', async () => {
    const dir = await hostileProject(await demoCatalog(), 'csv', ['sources:', `  - path: ${base}/gone.csv`, '    name: prices']);
    try {
      const out = await runInProcess(['build', '--force'], dir);
      expect(out.code).toBe(2);
      expect(out.stderr).toMatch(/catalog\.sources\[0\] \(prices\):.*404/);
      expect(await outFiles(dir)).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

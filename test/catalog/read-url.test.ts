import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShelfcastError } from '../../src/issues/issue.js';
import { readAll, rejection } from './helpers.js';

let server: Server;
let base: string;
const hits = new Map<string, number>();

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const n = (hits.get(url.pathname) ?? 0) + 1;
    hits.set(url.pathname, n);
    if (url.pathname === '/catalog.csv') {
      res.setHeader('content-type', 'text/csv');
      res.end('id,title\nU-1,From the web\n');
    } else if (url.pathname === '/flaky.csv' && n < 3) {
      res.statusCode = 503;
      res.end('busy');
    } else if (url.pathname === '/flaky.csv') {
      res.end('id\nF-1\n');
    } else if (url.pathname === '/catalog.ndjson.gz') {
      res.end(gzipSync('{"id":"Z-1"}\n'));
    } else if (url.pathname === '/encoded.json') {
      res.setHeader('content-encoding', 'gzip');
      res.end(gzipSync('[{"id":"E-1"}]'));
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

const fast = { retryDelayMs: 0, timeoutMs: 10_000 };

describe('readCatalog: URLs', () => {
  it('streams a CSV catalog from a URL', async () => {
    const rows = await readAll(`${base}/catalog.csv`, fast);
    expect(rows).toEqual([{ row: 2, fields: { id: 'U-1', title: 'From the web' } }]);
  });

  it('retries a failing server, then reads', async () => {
    const rows = await readAll(`${base}/flaky.csv`, { ...fast, retries: 2 });
    expect(rows[0]!.fields).toEqual({ id: 'F-1' });
    expect(hits.get('/flaky.csv')).toBe(3);
  });

  it('gunzips a .gz URL and honours content-encoding', async () => {
    expect((await readAll(`${base}/catalog.ndjson.gz`, fast))[0]!.fields).toEqual({ id: 'Z-1' });
    expect((await readAll(`${base}/encoded.json`, fast))[0]!.fields).toEqual({ id: 'E-1' });
  });

  it('fails the run on 404 without retrying, naming the URL but not its query', async () => {
    const err = await rejection(readAll(`${base}/missing.csv?token=s3cret`, { ...fast, retries: 3 }));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain(`${base}/missing.csv`);
    expect(err.message).toContain('HTTP 404');
    expect(err.message).not.toContain('s3cret');
    expect(hits.get('/missing.csv')).toBe(1);
  });

  it('refuses plain http to a host that is not loopback', async () => {
    const err = await rejection(readAll('http://example.com/catalog.csv', fast));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('https');
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShelfcastError } from '../../src/issues/issue.js';
import { readAll, rejection } from './helpers.js';

let server: Server;
let base: string;
// A second loopback server the configuration never names: a redirect must not reach it.
let other: Server;
let otherBase: string;
let otherHits = 0;
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
    } else if (url.pathname === '/to-other-port.csv') {
      res.writeHead(302, { location: `${otherBase}/secret.csv` }).end();
    } else if (url.pathname === '/to-metadata.csv') {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (url.pathname === '/to-metadata-name.csv') {
      res.writeHead(302, { location: 'https://metadata.example.net/latest/' }).end();
    } else if (url.pathname === '/to-named.csv') {
      res.writeHead(307, { location: '/catalog.csv' }).end();
    } else if (url.pathname === '/loop.csv') {
      res.writeHead(302, { location: '/loop.csv' }).end();
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
  other = createServer((_req, res) => {
    otherHits++;
    res.end('id,title\nX-1,internal\n');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherBase = `http://localhost:${(other.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => other.close(() => resolve()));
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

  it('follows a redirect inside the named origin', async () => {
    expect((await readAll(`${base}/to-named.csv`, fast))[0]!.fields).toEqual({ id: 'U-1', title: 'From the web' });
  });

  it('refuses a redirect to a loopback origin the configuration does not name', async () => {
    const err = await rejection(readAll(`${base}/to-other-port.csv`, fast));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('redirect');
    expect(err.message).toContain('does not name');
    expect(otherHits).toBe(0);
  });

  // The refusal comes before the hop: nothing ever connects to the link-local address.
  it('refuses a redirect to the link-local metadata address before connecting', async () => {
    const err = await rejection(readAll(`${base}/to-metadata.csv`, fast));
    expect(err).toBeInstanceOf(ShelfcastError);
    expect(err.message).toContain('redirect to http://169.254.169.254/latest/meta-data/');
    expect(err.message).toContain('link-local');
  });

  it('refuses a redirect to a name that resolves to a link-local address, checking the answer before connecting', async () => {
    const asked: string[] = [];
    const resolve = async (host: string) => {
      asked.push(host);
      return [{ address: '169.254.169.254', family: 4 }];
    };
    const err = await rejection(readAll(`${base}/to-metadata-name.csv`, { ...fast, resolve }));
    expect(asked).toEqual(['metadata.example.net']);
    expect(err.message).toContain('resolves to 169.254.169.254');
  });

  it('refuses an endless redirect loop', async () => {
    const err = await rejection(readAll(`${base}/loop.csv`, fast));
    expect(err.message).toContain('redirects');
  });
});

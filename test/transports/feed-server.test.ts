import http from 'node:http';
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { atomicCopy } from '../../src/transports/atomic-copy.js';
import { feedContentType, startFeedServer, type FeedServer } from '../../src/transports/feed-server.js';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A raw request line, so paths reach the server exactly as written (no client normalisation). */
function rawGet(port: number, target: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method: 'GET' }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject);
    req.end();
  });
}

const FEED = '<?xml version="1.0"?><rss><channel><item><g:id>1</g:id></item></channel></rss>\n'.repeat(50);

describe('feed server', () => {
  let dir: string;
  let srv: FeedServer;
  let authed: FeedServer;
  const files = new Map([['google us.xml', 'application/xml; charset=utf-8'], ['meta.csv', 'text/csv; charset=utf-8'], ['idealo.csv', 'text/csv; charset=utf-8']]);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-serve-'));
    await writeFile(path.join(dir, 'google us.xml'), FEED);
    await writeFile(path.join(dir, 'google us.part-2.xml'), '<rss/>');
    await writeFile(path.join(dir, 'meta.csv'), 'id,title\n1,Mug\n');
    await writeFile(path.join(dir, 'notes.txt'), 'private');
    await writeFile(path.join(dir, '.meta.csv.shelfcast-tmp-1-ab'), 'half');
    await writeFile(path.join(dir, '.env'), 'SECRET=1');
    await mkdir(path.join(dir, 'sub'));
    await writeFile(path.join(dir, 'sub', 'meta.csv'), 'nested');
    await writeFile(path.join(path.dirname(dir), 'outside.csv'), 'outside');
    // Feed names that are symlinks: one out of the folder, one to a feed file inside it.
    await symlink(path.join(path.dirname(dir), 'outside.csv'), path.join(dir, 'idealo.csv'));
    await symlink(path.join(dir, 'meta.csv'), path.join(dir, 'google us.part-3.xml'));
    srv = await startFeedServer({ dir, files, port: 0 });
    authed = await startFeedServer({ dir, files, port: 0, auth: { username: 'google', password: 'canary-serve-pw' } });
  });
  afterAll(async () => {
    await srv.close();
    await authed.close();
    await rm(dir, { recursive: true, force: true });
    await rm(path.join(path.dirname(dir), 'outside.csv'), { force: true });
  });

  it('serves a feed with its type, ETag and Last-Modified, and answers conditional requests with 304', async () => {
    const r = await get(`${srv.url}google%20us.xml`);
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe(FEED);
    expect(r.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(FEED)));
    const etag = r.headers.etag!;
    expect(etag).toMatch(/^"[0-9a-z-]+"$/);
    expect(Date.parse(r.headers['last-modified']!)).not.toBeNaN();
    expect((await get(`${srv.url}google%20us.xml`, { 'if-none-match': etag })).status).toBe(304);
    expect((await get(`${srv.url}google%20us.xml`, { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await get(`${srv.url}google%20us.xml`, { 'if-modified-since': r.headers['last-modified']! })).status).toBe(304);
    expect((await get(`${srv.url}google%20us.xml`, { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' })).status).toBe(200);
    const head = await get(`${srv.url}meta.csv`, {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
  });

  it('compresses with gzip when the client accepts it, with a distinct ETag', async () => {
    const plain = await get(`${srv.url}google%20us.xml`);
    const r = await get(`${srv.url}google%20us.xml`, { 'accept-encoding': 'br;q=1, gzip;q=0.8' });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers.vary).toBe('Accept-Encoding');
    expect(r.headers.etag).not.toBe(plain.headers.etag);
    expect(r.body.length).toBeLessThan(Buffer.byteLength(FEED));
    expect(gunzipSync(r.body).toString()).toBe(FEED);
    expect((await get(`${srv.url}google%20us.xml`, { 'accept-encoding': 'gzip;q=0' })).headers['content-encoding']).toBeUndefined();
  });

  it('serves split parts of a feed', async () => {
    expect((await get(`${srv.url}google%20us.part-2.xml`)).body.toString()).toBe('<rss/>');
  });

  it('serves nothing else: no listing, no traversal, no dotfiles, no temp files, no other files', async () => {
    const port = Number(new URL(srv.url).port);
    for (const target of ['/', '/notes.txt', '/.env', '/.meta.csv.shelfcast-tmp-1-ab', '/sub/meta.csv', '/../outside.csv', '/%2e%2e/outside.csv', '/..%2foutside.csv', '/sub%2fmeta.csv', '/meta.csv%00', '/%E0%A4%A']) {
      expect([400, 404], target).toContain(await rawGet(port, target));
    }
    expect((await get(`${srv.url}meta.csv`, {}, 'DELETE')).status).toBe(405);
  });

  it('follows no symlink, out of the folder or within it', async () => {
    expect((await get(`${srv.url}idealo.csv`)).status).toBe(404);
    expect((await get(`${srv.url}google%20us.part-3.xml`)).status).toBe(404);
  });

  it('serves only the names of the last publish when it is given', async () => {
    const last = new Map([['google us.xml', new Set(['google us.xml'])]]);
    const only = await startFeedServer({ dir, files, port: 0, published: async (feed) => last.get(feed) });
    try {
      expect((await get(`${only.url}google%20us.xml`)).body.toString()).toBe(FEED);
      // A part this publish did not write, and a feed never published, are not served.
      expect((await get(`${only.url}google%20us.part-2.xml`)).status).toBe(404);
      expect((await get(`${only.url}meta.csv`)).status).toBe(404);
      last.set('google us.xml', new Set(['google us.xml', 'google us.part-2.xml']));
      expect((await get(`${only.url}google%20us.part-2.xml`)).body.toString()).toBe('<rss/>');
    } finally {
      await only.close();
    }
  });

  it('requires basic auth when configured, and never echoes the password', async () => {
    const none = await get(`${authed.url}meta.csv`);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Basic realm=/);
    const bad = await get(`${authed.url}meta.csv`, { authorization: `Basic ${Buffer.from('google:wrong').toString('base64')}` });
    expect(bad.status).toBe(401);
    const ok = await get(`${authed.url}meta.csv`, { authorization: `Basic ${Buffer.from('google:canary-serve-pw').toString('base64')}` });
    expect(ok.status).toBe(200);
    for (const r of [none, bad, ok]) expect(JSON.stringify(r.headers) + r.body.toString()).not.toContain('canary-serve-pw');
  });

  it('never serves a half-written file while feeds are republished', async () => {
    const versions = [Buffer.alloc(300_000, 'a'), Buffer.alloc(200_000, 'b')];
    const sources = await Promise.all(
      versions.map(async (v, i) => {
        const p = path.join(path.dirname(dir), `${path.basename(dir)}-v${i}`);
        await writeFile(p, v);
        return p;
      }),
    );
    const target = path.join(dir, 'meta.csv');
    await atomicCopy(sources[1]!, target);
    const seen = new Set<string>();
    // 40 publishes race 120 downloads; each download must be one whole version.
    const publishes = (async () => {
      for (let i = 0; i < 40; i++) await atomicCopy(sources[i % 2]!, target);
    })();
    const downloads = Array.from({ length: 120 }, async () => {
      const r = await get(`${srv.url}meta.csv`);
      const match = versions.findIndex((v) => v.equals(r.body));
      expect(match, `a download of ${r.body.length} bytes matched no version`).toBeGreaterThanOrEqual(0);
      seen.add(String(match));
    });
    await Promise.all([publishes, ...downloads]);
    expect(seen.size).toBeGreaterThanOrEqual(1);
    expect(await readFile(target)).toEqual(versions[1]);
    await Promise.all(sources.map((s) => rm(s)));
  });

  it('matches feed names and their parts only', () => {
    expect(feedContentType('meta.csv', files)).toBe('text/csv; charset=utf-8');
    expect(feedContentType('google us.part-12.xml', files)).toBe('application/xml; charset=utf-8');
    expect(feedContentType('google us.part-0.xml', files)).toBeUndefined();
    expect(feedContentType('meta.part-2.xml', files)).toBeUndefined();
  });
});

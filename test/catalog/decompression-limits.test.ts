import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/cli.js';
import { readAll, rejection, tempFile } from './helpers.js';

// 24 MiB of one repeated row: gzip makes it about 300 times smaller, as in a decompression bomb.
const ROW = 'B-1,Same mug,Same description,12.00 USD\n';
const BOMB_TEXT = `id,title,description,price\n${ROW.repeat(Math.ceil((24 * 1024 * 1024) / ROW.length))}`;
const BOMB = gzipSync(BOMB_TEXT, { level: 9 });
const SMALL = 'id,title\nS-1,Mug\nS-2,Cup\n';

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/bomb.csv') res.writeHead(200, { 'content-encoding': 'gzip' }).end(BOMB);
    else if (req.url === '/small.csv') res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(SMALL));
    else if (req.url === '/odd.csv') res.writeHead(200, { 'content-encoding': 'compress' }).end(SMALL);
    else if (req.url === '/lying.csv') res.writeHead(200, { 'content-encoding': 'gzip' }).end(SMALL);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('decompression limits', () => {
  it('refuses a .gz catalog that expands more than 100 times, before it is all expanded', async () => {
    expect(BOMB_TEXT.length / BOMB.length).toBeGreaterThan(100);
    const file = tempFile('bomb.csv.gz', BOMB);
    const err = await rejection(readAll(file));
    expect(err.message).toMatch(/bomb\.csv\.gz: expands more than 100 times \(\d+ MiB from \d+ KiB so far\).*raise catalog\.max_compression_ratio/);
    // Refused just past the 16 MiB from which the ratio is judged, not after the 24 MiB.
    expect(Number(/\((\d+) MiB/.exec(err.message)![1])).toBeLessThan(20);
  });

  it('reads the same file when catalog.max_compression_ratio allows it', async () => {
    const file = tempFile('bomb.csv.gz', BOMB);
    let rows = 0;
    for (const _ of await readAll({ location: file, decompression: { maxBytes: 64 * 1024 * 1024, maxRatio: 5000 } })) rows++;
    expect(rows).toBe(Math.ceil((24 * 1024 * 1024) / ROW.length));
  });

  it('refuses a catalog larger than catalog.max_uncompressed_mb once uncompressed', async () => {
    const file = tempFile('big.csv.gz', gzipSync(`id,title\n${'x'.repeat(2 * 1024 * 1024)}\n`));
    const err = await rejection(readAll({ location: file, decompression: { maxBytes: 1024 * 1024, maxRatio: 100_000 } }));
    expect(err.message).toMatch(/big\.csv\.gz: expands to more than 1 MiB when decompressed.*Raise catalog\.max_uncompressed_mb/);
  });

  it('puts an HTTP Content-Encoding under the same limits, and still reads a compressed response', async () => {
    expect((await rejection(readAll(`${base}/bomb.csv`))).message).toMatch(/bomb\.csv: expands more than 100 times/);
    expect((await readAll(`${base}/small.csv`)).map((r) => r.fields.id)).toEqual(['S-1', 'S-2']);
  });

  it('names an encoding it cannot read, and a body that is not what its encoding says', async () => {
    expect((await rejection(readAll(`${base}/odd.csv`))).message).toMatch(/is served with Content-Encoding "compress", which shelfcast cannot read/);
    expect((await rejection(readAll(`${base}/lying.csv`))).message).toMatch(/lying\.csv: is not valid gzip data\. Check the server/);
  });
});

// Uses the built CLI (dist/): run `npm run build` first.
describe('decompression limits in a run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-bomb-'));
    await mkdir(path.join(dir, 'feeds'));
    await writeFile(path.join(dir, 'catalog.csv.gz'), BOMB);
    await writeFile(path.join(dir, 'feeds', 'generic.yaml'), 'channel: csv\nformat: csv\noptions:\n  columns:\n    - { name: id, field: id }\n');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('ends with exit 2 naming the key to change, and the keys set the limits', async () => {
    await writeFile(path.join(dir, 'shelfcast.yaml'), 'catalog:\n  path: catalog.csv.gz\n  currency: USD\n');
    const refused = await runCli(['build', '--json'], dir);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ ok: false, error: { code: 'catalog.refused' } });
    expect(JSON.parse(refused.stdout).error.message).toMatch(/expands more than 100 times.*catalog\.max_compression_ratio/);
    await writeFile(path.join(dir, 'shelfcast.yaml'), 'catalog:\n  path: catalog.csv.gz\n  currency: USD\n  max_compression_ratio: 0.5\n  max_uncompressed_mb: 1\n');
    const small = await runCli(['build'], dir);
    expect(small.code).toBe(2);
    expect(small.stderr).toMatch(/expands to more than 1 MiB when decompressed/);
  });
});

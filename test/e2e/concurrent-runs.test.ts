import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';
import { catalogText, deliveryProject } from './delivery-project.js';

describe('two concurrent runs of one project', () => {
  let server: http.Server;
  let dir: string;
  let catalog = '';
  let arrived: () => void = () => undefined;
  let release: () => void = () => undefined;
  const firstRequest = new Promise<void>((r) => (arrived = r));
  const released = new Promise<void>((r) => (release = r));

  beforeAll(async () => {
    catalog = await catalogText(50, 0);
    // The catalog is served from loopback and held back until the second run has ended: the
    // first run then holds the project lock (taken before the catalog is read) for certain.
    server = http.createServer((_req, res) => {
      arrived();
      void released.then(() => res.writeHead(200, { 'content-type': 'text/csv' }).end(catalog));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    dir = await deliveryProject({ rows: 50, catalogPath: `http://127.0.0.1:${port}/catalog.csv` });
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  it('lets exactly one proceed; the other exits 1 and names the holder', async () => {
    const first = runCli(['run'], dir);
    await firstRequest;
    const second = await runCli(['run'], dir);
    release();
    const one = await first;
    expect(one.code, one.stderr).toBe(0);
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(/another shelfcast run is in progress for this project \(pid \d+ on .+, `shelfcast run` since /);
    expect((await readFile(path.join(dir, 'published', 'google.xml'), 'utf8')).split('<item>').length - 1).toBe(50);
    // Once the first has finished, the lock is free again.
    const third = await runCli(['run', '--quiet'], dir);
    expect(third.code, third.stderr).toBe(0);
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpDestination, targetUrl } from '../../src/transports/http.js';
import { httpDestinationSchema } from '../../src/transports/schema.js';
import type { PublishContext } from '../../src/transports/types.js';
import { startUploadServer, type UploadServer } from './http-upload-server.js';

const TOKEN = 'canary-bearer-7f3a9c21';
const KEY = 'canary-header-key-55d0';

describe('http destination', () => {
  let server: UploadServer;
  let root: string;
  let file: string;
  const ctx = (env: NodeJS.ProcessEnv): PublishContext => ({
    feedId: 'idealo', env, root, stateDir: root, outputDir: root, dryRun: false, log: () => undefined, now: () => new Date(0),
  });
  beforeAll(async () => {
    server = await startUploadServer({ requireAuth: `Bearer ${TOKEN}` });
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-http-'));
    file = path.join(root, 'idealo.csv');
    await writeFile(file, 'sku,title\n1,Mug\n');
  });
  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('POSTs with a bearer token and headers resolved from the environment', async () => {
    const dest = createHttpDestination(
      httpDestinationSchema.parse({ type: 'http', url: `${server.url}upload`, method: 'POST', headers: { 'X-Api-Key': '${env:FEED_KEY}' }, auth: { type: 'bearer', token_env: 'FEED_TOKEN' } }),
      'idealo',
    );
    const r = await dest.publish([{ path: file, name: 'idealo.csv', contentType: 'text/csv' }], ctx({ FEED_TOKEN: TOKEN, FEED_KEY: KEY }));
    expect(r).toMatchObject({ pushed: 1, destination: `${server.url}upload` });
    expect(server.files.get('upload')?.toString()).toBe('sku,title\n1,Mug\n');
    expect(server.lastHeaders['x-api-key']).toBe(KEY);
    expect(server.lastHeaders['content-type']).toBe('text/csv');
  });

  it('fails with exit 1 on a refusal, and the message holds no secret', async () => {
    const dest = createHttpDestination(
      httpDestinationSchema.parse({ type: 'http', url: `${server.url}{file}?key=\${env:FEED_KEY}`, auth: { type: 'bearer', token_env: 'FEED_TOKEN' } }),
      'idealo',
    );
    const err = (await dest.publish([{ path: file, name: 'idealo.csv', contentType: 'text/csv' }], ctx({ FEED_TOKEN: 'wrong-token-123', FEED_KEY: KEY })).catch((e: Error) => e)) as Error & { exitCode: number };
    expect(err.exitCode).toBe(1);
    expect(err.message).toMatch(/cannot PUT idealo\.csv: .*401/);
    expect(`${err.message} ${String(err.cause)}`).not.toContain(KEY);
    expect(`${err.message} ${String(err.cause)}`).not.toContain('wrong-token-123');
  });

  describe('redirects pass the URL policy hop by hop', () => {
    let moving: UploadServer;
    let other: UploadServer;
    const publish = (url: string) =>
      createHttpDestination(httpDestinationSchema.parse({ type: 'http', url, auth: { type: 'bearer', token_env: 'FEED_TOKEN' } }), 'idealo')
        .publish([{ path: file, name: 'idealo.csv', contentType: 'text/csv' }], ctx({ FEED_TOKEN: TOKEN }))
        .catch((e: Error & { exitCode?: number }) => e);
    beforeAll(async () => {
      other = await startUploadServer();
      const targets: Record<string, { status: number; location: string }> = {
        '/moved/idealo.csv': { status: 308, location: '/new/idealo.csv' },
        '/other/idealo.csv': { status: 307, location: `${other.url}idealo.csv` },
        '/metadata/idealo.csv': { status: 307, location: 'http://169.254.169.254/latest/meta-data/' },
        '/seen/idealo.csv': { status: 303, location: '/status/42' },
        '/loop/idealo.csv': { status: 307, location: '/loop/idealo.csv' },
      };
      moving = await startUploadServer({ requireAuth: `Bearer ${TOKEN}`, redirect: (p) => targets[p] });
    });
    afterAll(async () => {
      await moving.stop();
      await other.stop();
    });

    it('follows a 308 on the named origin with the same method, body and credentials', async () => {
      const r = await publish(`${moving.url}moved/{file}`);
      expect(r).toMatchObject({ pushed: 1 });
      expect(moving.files.get('new/idealo.csv')?.toString()).toBe('sku,title\n1,Mug\n');
      expect(moving.requests.slice(-2)).toEqual(['PUT /moved/idealo.csv', 'PUT /new/idealo.csv']);
    });

    it('refuses a redirect to a loopback port the config does not name, before connecting to it', async () => {
      const err = (await publish(`${moving.url}other/{file}`)) as Error & { exitCode: number };
      expect(err.exitCode).toBe(1);
      expect(err.message).toMatch(/idealo\.csv not sent: refused http:\/\/127\.0\.0\.1:\d+\/idealo\.csv: is a loopback, private or link-local address that the configuration does not name/);
      expect(other.requests).toEqual([]);
    });

    it('refuses a redirect to the cloud metadata address', async () => {
      const err = (await publish(`${moving.url}metadata/{file}`)) as Error & { exitCode: number };
      expect(err.exitCode).toBe(1);
      expect(err.message).toContain('refused http://169.254.169.254/latest/meta-data/: is a loopback, private or link-local address');
      expect(err.message).not.toContain(TOKEN);
    });

    it('takes a 303 as the answer to a stored upload and does not follow it', async () => {
      const before = moving.requests.length;
      expect(await publish(`${moving.url}seen/{file}`)).toMatchObject({ pushed: 1 });
      expect(moving.requests.slice(before)).toEqual(['PUT /seen/idealo.csv']);
    });

    it('stops after 10 redirects', async () => {
      const err = (await publish(`${moving.url}loop/{file}`)) as Error & { exitCode: number };
      expect(err.exitCode).toBe(1);
      expect(err.message).toMatch(/cannot PUT idealo\.csv: redirected more than 10 times/);
    });

    it('refuses plain http to a remote host before any lookup', async () => {
      const err = (await publish('http://feeds.example.invalid/in/{file}')) as Error & { exitCode: number };
      expect(err.exitCode).toBe(1);
      expect(err.message).toMatch(/refused http:\/\/feeds\.example\.invalid\/in\/idealo\.csv: plain http is used only for a loopback host the configuration names; use https/);
    });
  });

  it('builds target URLs from {file} or a trailing slash', () => {
    expect(targetUrl('https://x.example/in/{file}', 'my feed.csv')).toBe('https://x.example/in/my%20feed.csv');
    expect(targetUrl('https://x.example/in/', 'a.csv')).toBe('https://x.example/in/a.csv');
    expect(targetUrl('https://x.example/upload', 'a.csv')).toBe('https://x.example/upload');
  });
});

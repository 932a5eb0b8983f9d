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

  it('builds target URLs from {file} or a trailing slash', () => {
    expect(targetUrl('https://x.example/in/{file}', 'my feed.csv')).toBe('https://x.example/in/my%20feed.csv');
    expect(targetUrl('https://x.example/in/', 'a.csv')).toBe('https://x.example/in/a.csv');
    expect(targetUrl('https://x.example/upload', 'a.csv')).toBe('https://x.example/upload');
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createS3Destination, s3Key } from '../../src/transports/s3.js';
import { destinationSchema, type S3DestinationConfig } from '../../src/transports/schema.js';
import type { BuiltFile, PublishContext } from '../../src/transports/types.js';
import { startS3Server, type S3Server } from '../servers/s3-server.js';

const SECRET = 'canary-S3-Wj7pQ2-secret';
const TOKEN = 'canary-S3-session-token';
let server: S3Server;
let root = '';
const logs: string[] = [];
const noWait = async () => undefined;

const config = (extra: Record<string, unknown> = {}): S3DestinationConfig =>
  destinationSchema.parse({
    type: 's3', bucket: 'feeds', prefix: 'shop/', endpoint: server.endpoint,
    access_key_id_env: 'FEED_S3_KEY_ID', secret_access_key_env: 'FEED_S3_SECRET', timeout_ms: 10_000, ...extra,
  }) as S3DestinationConfig;
const ctx = (extra: Partial<PublishContext> = {}): PublishContext => ({
  feedId: 'google-us', env: { FEED_S3_KEY_ID: server.accessKeyId, FEED_S3_SECRET: server.secretAccessKey },
  root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'), dryRun: false,
  log: (l) => logs.push(l), now: () => new Date('2026-01-01T00:00:00Z'), ...extra,
});
const build = async (name: string, content: string | Buffer): Promise<BuiltFile> => {
  const file = path.join(root, name.replace(/\s/g, '_'));
  await writeFile(file, content);
  return { path: file, name, contentType: 'application/xml' };
};
const publish = (files: BuiltFile[], extra: Record<string, unknown> = {}, c: Partial<PublishContext> = {}) =>
  createS3Destination(config(extra), 'google-us', { sleep: noWait }).publish(files, ctx(c));
const stored = (key: string) => server.objects.get(`feeds/${key}`)?.body.toString();
const puts = () => server.requests.filter((r) => r.method === 'PUT');

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-s3-'));
  server = await startS3Server({ secretAccessKey: SECRET });
});
afterAll(async () => {
  await server.stop();
  await rm(root, { recursive: true, force: true });
});
afterEach(() => {
  server.faults.length = 0;
});

describe('s3Key', () => {
  it('joins prefix and name with exactly one slash and no leading slash', () => {
    expect(s3Key(undefined, 'a.xml')).toBe('a.xml');
    expect(s3Key('', 'a.xml')).toBe('a.xml');
    expect(s3Key('feeds', 'a.xml')).toBe('feeds/a.xml');
    expect(s3Key('/feeds/de/', 'a.xml')).toBe('feeds/de/a.xml');
  });
});

describe('s3 config', () => {
  it('fills the defaults and refuses unknown keys and bad bucket names', () => {
    const c = destinationSchema.parse({ type: 's3', bucket: 'my-feeds' });
    expect(c).toMatchObject({
      region: 'us-east-1', timeout_ms: 30_000, access_key_id_env: 'AWS_ACCESS_KEY_ID',
      secret_access_key_env: 'AWS_SECRET_ACCESS_KEY', session_token_env: 'AWS_SESSION_TOKEN',
    });
    expect(c).not.toHaveProperty('force_path_style');
    expect(() => destinationSchema.parse({ type: 's3', bucket: 'my-feeds', secret: 'x' })).toThrow();
    expect(() => destinationSchema.parse({ type: 's3', bucket: 'My_Feeds' })).toThrow(/bucket name/);
    expect(() => destinationSchema.parse({ type: 's3' })).toThrow();
  });
});

describe('s3 destination against a loopback S3', () => {
  it('uploads with a verified SigV4 signature, Content-Type, Cache-Control and Content-MD5, readable with GetObject', async () => {
    const r = await publish([await build('feed.xml', '<rss>one</rss>')], { cache_control: 'max-age=300' });
    expect(r).toEqual({ destination: 's3://feeds/shop/feed.xml', pushed: 1, failed: 0, issues: [] });
    const put = server.requests.find((q) => q.method === 'PUT' && q.path === '/feeds/shop/feed.xml')!;
    // The body is not signed (a stream is read once); Content-MD5 guards it, and it is signed.
    expect(put.headers).toMatchObject({ 'content-md5': 'HhaIRWsU2pcrcIbOrkmPgg==', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', 'content-length': '14' });
    expect(put.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIATESTSHELFCAST\/\d{8}\/us-east-1\/s3\/aws4_request, SignedHeaders=[^,]*content-md5;content-type;host;/);
    const reader = new S3Client({
      region: 'us-east-1', endpoint: server.endpoint, forcePathStyle: true,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: SECRET },
    });
    try {
      const head = await reader.send(new HeadObjectCommand({ Bucket: 'feeds', Key: 'shop/feed.xml' }));
      expect(head).toMatchObject({ ContentType: 'application/xml', ContentLength: 14, CacheControl: 'max-age=300' });
      const got = await reader.send(new GetObjectCommand({ Bucket: 'feeds', Key: 'shop/feed.xml' }));
      expect(await got.Body!.transformToString()).toBe('<rss>one</rss>');
    } finally {
      reader.destroy();
    }
  });

  it('a second publish replaces the first', async () => {
    await publish([await build('twice.xml', '<rss>first</rss>')]);
    await publish([await build('twice.xml', '<rss>second, longer</rss>')], { content_type: 'text/xml; charset=utf-8' });
    expect(stored('shop/twice.xml')).toBe('<rss>second, longer</rss>');
    expect(server.objects.get('feeds/shop/twice.xml')?.contentType).toBe('text/xml; charset=utf-8');
    expect(server.writes.get('feeds/shop/twice.xml')).toBe(2);
  });

  it('publishes several files, names with spaces included, under no prefix', async () => {
    const r = await publish([await build('my feed (de).xml', '<rss>de</rss>'), await build('b.csv', 'id\n1\n')], { prefix: undefined });
    expect(r).toMatchObject({ destination: 's3://feeds/', pushed: 2 });
    expect(stored('my feed (de).xml')).toBe('<rss>de</rss>');
    expect(stored('b.csv')).toBe('id\n1\n');
  });

  it('retries 500, 503 and a dropped connection; the object ends up whole and stored once', async () => {
    const body = Buffer.alloc(300_000, 'x');
    const before = puts().length;
    server.faults.push(500, 'drop', 503);
    await publish([await build('retry.xml', body)]);
    expect(server.objects.get('feeds/shop/retry.xml')?.body.equals(body)).toBe(true);
    expect(server.writes.get('feeds/shop/retry.xml')).toBe(1);
    expect(puts().slice(before).map((p) => p.status)).toEqual([500, 0, 503, 200]);
    expect(logs.filter((l) => l.includes('retry.xml') && l.includes('retrying'))).toHaveLength(3);
  });

  it('a corrupted upload is refused by its Content-MD5 and then sent again whole', async () => {
    server.faults.push('corrupt');
    await publish([await build('digest.xml', '<rss>exact bytes</rss>')]);
    expect(stored('shop/digest.xml')).toBe('<rss>exact bytes</rss>');
    expect(server.requests.filter((r) => r.path === '/feeds/shop/digest.xml').map((r) => r.status)).toEqual([400, 200]);
  });

  it('gives up after the last attempt, naming bucket and key, and leaves the previous object', async () => {
    await publish([await build('keep.xml', '<rss>previous</rss>')]);
    server.faults.push(503, 503, 503, 503);
    const err = await publish([await build('keep.xml', '<rss>never</rss>')]).catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'ShelfcastError', exitCode: 1 });
    expect((err as Error).message).toMatch(/cannot upload keep\.xml to s3:\/\/feeds\/shop\/keep\.xml after 4 attempts/);
    expect(stored('shop/keep.xml')).toBe('<rss>previous</rss>');
  });

  it('a wrong secret gives a clear error without the secret in it', async () => {
    const wrong = 'canary-WRONG-secret-value';
    const err = await publish([await build('wrong.xml', 'x')], {}, { env: { FEED_S3_KEY_ID: server.accessKeyId, FEED_S3_SECRET: wrong, AWS_SESSION_TOKEN: TOKEN } })
      .catch((e: Error) => e);
    expect(err).toMatchObject({ name: 'ShelfcastError', exitCode: 1 });
    const text = `${(err as Error).message} ${String((err as Error).cause)} ${logs.join('\n')}`;
    expect(text).toMatch(/s3:\/\/feeds\/shop\/wrong\.xml/);
    expect(text).toMatch(/check the credentials in FEED_S3_KEY_ID \/ FEED_S3_SECRET and that the bucket policy allows s3:PutObject/);
    expect(text).toMatch(/SignatureDoesNotMatch/);
    for (const s of [wrong, SECRET, TOKEN]) expect(text).not.toContain(s);
    expect(server.requests.at(-1)).toMatchObject({ method: 'PUT', status: 403 });
    expect(stored('shop/wrong.xml')).toBeUndefined();
  });

  it('signs a session token from the environment when one is set', async () => {
    await publish([await build('token.xml', '<rss>t</rss>')], {}, { env: { FEED_S3_KEY_ID: server.accessKeyId, FEED_S3_SECRET: SECRET, AWS_SESSION_TOKEN: TOKEN } });
    const put = server.requests.filter((q) => q.path === '/feeds/shop/token.xml').at(-1)!;
    expect(put.status).toBe(200);
    expect(put.headers['x-amz-security-token']).toBe(TOKEN);
    expect(put.headers.authorization).toMatch(/SignedHeaders=[^,]*x-amz-security-token/);
  });

  it('an unknown access key id and a missing bucket are told apart', async () => {
    const badKey = await publish([await build('k.xml', 'x')], {}, { env: { FEED_S3_KEY_ID: 'AKIAUNKNOWN', FEED_S3_SECRET: SECRET } }).catch((e: Error) => e.message);
    expect(badKey).toMatch(/access refused.*\[InvalidAccessKeyId\]/);
    const noBucket = await publish([await build('k.xml', 'x')], { bucket: 'no-such-bucket' }).catch((e: Error) => e.message);
    expect(noBucket).toMatch(/s3:\/\/no-such-bucket\/shop\/k\.xml \(the bucket does not exist: check "bucket" and "region" and "endpoint"\) \[NoSuchBucket\]/);
  });

  it('a missing secret variable is named before anything is sent', async () => {
    const before = server.requests.length;
    await expect(publish([await build('env.xml', 'x')], {}, { env: { FEED_S3_KEY_ID: 'AKIAX' } })).rejects.toThrow(/environment variable FEED_S3_SECRET is not set/);
    expect(server.requests.length).toBe(before);
  });

  it('an unreachable endpoint is a network error with advice', async () => {
    const closed = await startS3Server();
    const endpoint = closed.endpoint;
    await closed.stop();
    const err = await publish([await build('net.xml', 'x')], { endpoint }).catch((e: Error) => e.message);
    expect(err).toMatch(/cannot upload net\.xml to s3:\/\/feeds\/shop\/net\.xml after 4 attempts \(the S3 endpoint could not be reached: check the network and "endpoint"\)/);
    expect(err).not.toContain(SECRET);
  });

  it('a dry run sends nothing and still checks the credentials are set', async () => {
    const before = server.requests.length;
    const r = await publish([await build('dry.xml', '<rss>dry</rss>')], {}, { dryRun: true });
    expect(r).toMatchObject({ destination: 's3://feeds/shop/dry.xml', pushed: 0 });
    expect(server.requests.length).toBe(before);
    expect(logs.at(-1)).toBe('google-us: would upload dry.xml to s3://feeds/shop/dry.xml');
    await expect(publish([await build('dry.xml', 'x')], {}, { dryRun: true, env: {} })).rejects.toThrow(/FEED_S3_KEY_ID is not set/);
  });
});

describe('s3 loading', () => {
  it('only s3.ts and the S3 shard folder refer to the AWS SDK, as a type and a dynamic import, so other runs never load it', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const src = path.resolve(__dirname, '../../src');
    const files = (await readdir(src, { recursive: true })).filter((f) => String(f).endsWith('.ts'));
    const users: string[] = [];
    for (const f of files) {
      const text = await readFile(path.join(src, String(f)), 'utf8');
      if (text.includes('@aws-sdk/')) users.push(String(f));
      if (String(f) === path.join('transports', 's3.ts') || String(f) === path.join('run', 'shard', 's3-shard-folder.ts')) {
        const imports = text.match(/^import .*@aws-sdk\/.*$/gm) ?? [];
        expect(imports.every((l) => l.startsWith('import type '))).toBe(true);
        expect(text).toContain("await import('@aws-sdk/client-s3')");
      }
    }
    expect(users.sort()).toEqual([path.join('run', 'shard', 's3-shard-folder.ts'), path.join('transports', 's3.ts')]);
    // The shard folder of S3 is itself imported only when --shard-dir names an s3:// prefix.
    const folder = await readFile(path.join(src, 'run', 'shard', 'shard-folder.ts'), 'utf8');
    expect(folder).toContain("await import('./s3-shard-folder.js')");
  });
});

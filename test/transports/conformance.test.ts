import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDestination } from '../../src/transports/registry.js';
import { destinationSchema } from '../../src/transports/schema.js';
import type { BuiltFile, PublishContext } from '../../src/transports/types.js';
import { startS3Server, type S3Server } from '../servers/s3-server.js';
import { CANARY, harnesses, tempRoot, type Harness } from './harnesses.js';

const FEED = 'google-us';

/** S3 through the loopback S3 server (path style, SigV4 checked), the canary as secret key. */
function s3Harness(): Harness {
  let s3: S3Server | undefined;
  const prefix = 'feeds/in/';
  return {
    name: 's3 (path style, loopback)',
    unavailable: () => undefined,
    start: async () => {
      s3 = await startS3Server({ buckets: ['shelfcast-feeds'], secretAccessKey: CANARY });
    },
    stop: async () => s3?.stop(),
    config: () => ({
      type: 's3', bucket: 'shelfcast-feeds', prefix, endpoint: s3!.endpoint, force_path_style: true, region: 'us-east-1',
      access_key_id_env: 'FEED_S3_KEY_ID', secret_access_key_env: 'FEED_S3_SECRET', session_token_env: 'FEED_S3_TOKEN',
      timeout_ms: 20_000,
    }),
    env: () => ({ FEED_S3_KEY_ID: s3!.accessKeyId, FEED_S3_SECRET: CANARY }),
    read: async (n) => s3!.objects.get(`shelfcast-feeds/${prefix}${n}`)?.body,
    list: async () => [...s3!.objects.keys()].map((k) => k.slice(`shelfcast-feeds/${prefix}`.length)),
  };
}

for (const h of [...harnesses(), s3Harness()]) {
  const skip = h.unavailable();
  describe.skipIf(skip !== undefined)(`destination conformance: ${h.name}${skip ? ` (skipped: ${skip})` : ''}`, () => {
    let root = '';
    const logs: string[] = [];
    const ctx = (extra: Partial<PublishContext> = {}): PublishContext => ({
      feedId: FEED, env: h.env(), root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'),
      dryRun: false, log: (l) => logs.push(l), now: () => new Date('2026-01-01T00:00:00Z'), ...extra,
    });
    const build = async (name: string, content: string): Promise<BuiltFile> => {
      const file = path.join(root, 'build', name);
      await writeFile(file, content);
      return { path: file, name, contentType: 'application/xml' };
    };
    const publish = async (files: BuiltFile[], extra?: Partial<PublishContext>) => {
      const config = h.config();
      if (config) destinationSchema.parse(config);
      return (await createDestination(config, FEED)).publish(files, ctx(extra));
    };
    const temps = async () => (await h.list()).filter((n) => n.includes('shelfcast-tmp'));

    beforeAll(async () => {
      root = await tempRoot();
      await h.start(root);
    });
    afterAll(async () => {
      await h.stop();
      await rm(root, { recursive: true, force: true });
    });

    it('publishes, and a second publish replaces the first', async () => {
      const r1 = await publish([await build('feed.xml', '<rss>one</rss>')]);
      expect(r1.pushed).toBe(1);
      expect((await h.read('feed.xml'))?.toString()).toBe('<rss>one</rss>');
      await publish([await build('feed.xml', '<rss>two, longer than one</rss>')]);
      expect((await h.read('feed.xml'))?.toString()).toBe('<rss>two, longer than one</rss>');
      expect(await temps()).toEqual([]);
    });

    it('a failed upload leaves the previous file and no temporary file', async () => {
      await publish([await build('keep.xml', '<rss>previous</rss>')]);
      // The built file is gone (a crashed build): the push fails before anything is replaced.
      const missing: BuiltFile = { path: path.join(root, 'build', 'nope.xml'), name: 'keep.xml', contentType: 'application/xml' };
      await expect(publish([missing])).rejects.toMatchObject({ name: 'ShelfcastError', exitCode: 1 });
      // A directory where the file should be fails while reading, after the transfer began.
      const dir = path.join(root, 'build', 'a-directory');
      await mkdir(dir, { recursive: true });
      await expect(publish([{ path: dir, name: 'keep.xml', contentType: 'application/xml' }])).rejects.toThrow(/keep\.xml|not a regular file/);
      expect((await h.read('keep.xml'))?.toString()).toBe('<rss>previous</rss>');
      expect(await temps()).toEqual([]);
    });

    it('handles names with spaces', async () => {
      await publish([await build('my feed (de).xml', '<rss>spaces</rss>')]);
      expect((await h.read('my feed (de).xml'))?.toString()).toBe('<rss>spaces</rss>');
    });

    it('refuses names with folders or a leading dot', async () => {
      const f = await build('x.xml', 'x');
      await expect(publish([{ ...f, name: '../escape.xml' }])).rejects.toThrow(/without folders/);
      await expect(publish([{ ...f, name: '.hidden.xml' }])).rejects.toThrow(/dot/);
    });

    it.skipIf(!h.plantTemp)('removes the temporary file a killed run left behind', async () => {
      await h.plantTemp!('stale.xml');
      expect(await temps()).toHaveLength(1);
      await publish([await build('stale.xml', '<rss>fresh</rss>')]);
      expect(await temps()).toEqual([]);
      expect((await h.read('stale.xml'))?.toString()).toBe('<rss>fresh</rss>');
    });

    it('a dry run sends nothing', async () => {
      const r = await publish([await build('dry.xml', '<rss>dry</rss>')], { dryRun: true });
      expect(r.pushed).toBe(0);
      expect(await h.read('dry.xml')).toBeUndefined();
    });

    it('never shows a secret in results, logs or errors', async () => {
      const r = await publish([await build('canary.xml', '<rss>c</rss>')]);
      const failed = await publish([{ path: path.join(root, 'missing'), name: 'canary.xml', contentType: 'text/xml' }]).catch((e: Error) => `${e.message} ${String(e.cause)}`);
      const text = JSON.stringify(r) + logs.join('\n') + String(failed);
      expect(text).not.toContain(CANARY);
      expect(text).not.toContain(Buffer.from(`feeds:${CANARY}`).toString('base64'));
      const leftovers = await readdir(root, { recursive: true });
      expect(leftovers.some((n) => String(n).includes(CANARY))).toBe(false);
    });
  });
}

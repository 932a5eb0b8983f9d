import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from '../../e2e/cli.js';
import { hostileProject } from '../../hostile/hostile-project.js';
import { startS3Server, type S3Server } from '../../servers/s3-server.js';

let s3: S3Server;
beforeAll(async () => {
  s3 = await startS3Server({ buckets: ['shards'] });
});
afterAll(async () => {
  await s3.stop();
});

const feedsIn = async (dir: string) => Object.fromEntries(await Promise.all((await readdir(path.join(dir, 'out'))).sort().map(async (f) => [f, await readFile(path.join(dir, 'out', f), 'utf8')])));

describe('an S3 prefix as the shard folder', () => {
  it('shards upload their parts, the merge downloads them: the same feeds as one machine builds', async () => {
    const dir = await hostileProject(await readFile(path.join(REPO, 'fixtures', 'demo', 'catalog.csv')), 'csv');
    const env = { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: s3.region, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey };
    try {
      const one = await runCli(['build', '--force', '--quiet'], dir);
      expect(one.code, one.stderr).toBe(0);
      const want = await feedsIn(dir);
      await rm(path.join(dir, 'out'), { recursive: true });
      await rm(path.join(dir, '.shelfcast'), { recursive: true });
      const where = 's3://shards/runs/20260101';
      const shards = await Promise.all([0, 1, 2].map((k) => runCli(['build', '--shard', `${k}/3`, '--shard-dir', where, '--unit-bytes', '500', '--quiet'], dir, env)));
      expect(shards.map((s) => s.code), shards.map((s) => s.stderr).join('\n')).toEqual([0, 0, 0]);
      const keys = [...s3.objects.keys()].sort();
      expect(keys.filter((k) => /shard-\d-of-3\.(json|units)$/.test(k))).toHaveLength(6);
      // One clock for the set: the first shard's conditional PUT won, the others read it.
      expect(keys.filter((k) => k.includes('/clock-'))).toHaveLength(1);
      const merged = await runCli(['merge', '--shards', '3', '--shard-dir', where, '--no-push', '--force', '--quiet'], dir, env);
      expect(merged.code, merged.stderr).toBe(0);
      expect(await feedsIn(dir)).toEqual(want);
      // A missing shard is named with the prefix; credentials never appear in messages.
      s3.objects.delete('shards/runs/20260101/shard-1-of-3.json');
      const missing = await runCli(['merge', '--shards', '3', '--shard-dir', where, '--no-push'], dir, env);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('s3://shards/runs/20260101: shard 1 of 3 is not there');
      expect(missing.stderr).not.toContain(s3.secretAccessKey);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('a shard whose uploads fail on the way is retried or fails whole: never a manifest without its units', async () => {
    const dir = await hostileProject(await readFile(path.join(REPO, 'fixtures', 'demo', 'catalog.csv')), 'csv');
    const env = { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: s3.region, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey };
    const where = 's3://shards/runs/faults';
    const shard = (k: number) => runCli(['build', '--shard', `${k}/2`, '--shard-dir', where, '--at', '2026-01-01T06:00:00Z', '--unit-bytes', '500', '--quiet'], dir, env);
    try {
      // The units upload answered 503, then the connection dropped, then a byte was damaged: each sent again.
      s3.faults.push(503, 'drop', 'corrupt');
      const first = await shard(0);
      expect(first.code, first.stderr).toBe(0);
      expect(s3.writes.get('shards/runs/faults/shard-0-of-2.units')).toBe(1);
      // Failing every time: the shard fails, naming the object, and writes no manifest.
      s3.faults.push(503, 503, 503, 503, 503, 503);
      const failed = await shard(1);
      expect(failed.code).toBe(2);
      expect(failed.stderr).toContain('shard-1-of-2.units');
      expect(failed.stderr).not.toContain(s3.secretAccessKey);
      expect(s3.objects.has('shards/runs/faults/shard-1-of-2.json')).toBe(false);
      s3.faults.length = 0;
      expect((await shard(1)).code).toBe(0);
      const merged = await runCli(['merge', '--shards', '2', '--shard-dir', where, '--no-push', '--force', '--quiet'], dir, env);
      expect(merged.code, merged.stderr).toBe(0);
    } finally {
      s3.faults.length = 0;
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

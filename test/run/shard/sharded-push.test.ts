import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoProject, runCli } from '../../e2e/cli.js';
import { startSpApiMock, type SpApiMock } from '../../servers/sp-api-mock.js';

/** `merge` publishes as `run` does: here an API push, through the strict SP-API test server. */
const credentials = { clientId: 'client-id-canary', clientSecret: 'client-secret-canary-5d1e', refreshToken: 'refresh-token-canary-0b7a' };
const env = { MP_CLIENT: credentials.clientId, MP_SECRET: credentials.clientSecret, MP_REFRESH: credentials.refreshToken };

let amazon: SpApiMock | undefined;
afterEach(async () => {
  await amazon?.close();
  amazon = undefined;
});

async function pushToAmazon(dir: string, url: string): Promise<void> {
  const file = path.join(dir, 'feeds', 'amazon.yaml');
  const destination = `{ type: amazon, region: na, marketplace_ids: [ATVPDKIKX0DER], endpoint: "${url}", token_endpoint: "${url}/auth/o2/token", client_id_env: MP_CLIENT, client_secret_env: MP_SECRET, refresh_token_env: MP_REFRESH, poll_seconds: 0.05, timeout_seconds: 5 }`;
  await writeFile(file, `${await readFile(file, 'utf8')}destination: ${destination}\n`);
}

/** Three shards of the Amazon feed, side by side (tiny units, so that each gets rows), then the merge with its push. */
async function shardedRun(dir: string, shardDir: string): Promise<ReturnType<typeof runCli>> {
  const shards = await Promise.all([0, 1, 2].map((k) => runCli(['build', '--feed', 'amazon', '--shard', `${k}/3`, '--shard-dir', shardDir, '--unit-bytes', '300', '--quiet'], dir)));
  expect(shards.map((s) => s.code), shards.map((s) => s.stderr).join('\n')).toEqual([0, 0, 0]);
  return runCli(['merge', '--shards', '3', '--shard-dir', shardDir, '--json'], dir, env);
}

describe('merge --shards N pushes to an API destination as run does', () => {
  it('Amazon: the same SKUs pushed once each, valid requests, the push state kept for the next run', async () => {
    amazon = await startSpApiMock({ now: () => new Date(), credentials, pollsToFinish: 1 });
    const one = await demoProject();
    await pushToAmazon(one, amazon.url);
    const run = await runCli(['run', '--feed', 'amazon', '--json'], one, env);
    expect(run.code, run.stderr).toBe(0);
    const pushedByRun = amazon.processed.map((p) => p.sku).sort();
    await amazon.close();

    amazon = await startSpApiMock({ now: () => new Date(), credentials, pollsToFinish: 1 });
    const dir = await demoProject();
    await pushToAmazon(dir, amazon.url);
    const merged = await shardedRun(dir, 'shards-run-1');
    expect(merged.code, merged.stderr).toBe(0);
    expect(amazon.violations).toEqual([]);
    expect(amazon.processed.map((p) => p.sku).sort()).toEqual(pushedByRun);
    const doc = JSON.parse(merged.stdout);
    expect(doc.feeds[0]).toMatchObject({ id: 'amazon', status: 'published', failed: 0 });
    expect(doc.feeds[0].pushed).toBe(JSON.parse(run.stdout).feeds[0].pushed);
    for (const secret of Object.values(credentials)) expect(merged.stdout + merged.stderr).not.toContain(secret);

    // The next sharded run of the unchanged catalog finds the state the merge left, as a second `run` does.
    const before = amazon.processed.length;
    const second = await shardedRun(dir, 'shards-run-2');
    expect(second.code, second.stderr).toBe(0);
    expect(amazon.processed.length - before).toBe(0);
    expect(JSON.parse(second.stdout).feeds[0]).toMatchObject({ status: 'published', pushed: 0, failed: 0, items: 10 });
  }, 120_000);
});

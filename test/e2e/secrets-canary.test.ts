import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli, type CliResult } from './cli.js';

/** One marker in every secret, so one search finds any of them, however it was cut or wrapped. */
const MARK = 'CANARY7f3a9c';
const secret = (name: string) => `${MARK}-${name}-s3cr3t`;

/** A closed loopback port: bind, read the port, close (nothing listens there afterwards). */
async function closedPort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * The worst server: every request gets a 401 whose body reflects the request's headers and body,
 * so any error message that quotes a response would carry the credentials with it.
 */
function echo401(): Promise<Server> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer error="${String(req.headers.authorization)}"` });
      res.end(JSON.stringify({ error: 'invalid_client', error_description: `rejected ${req.headers.authorization} ${body}`, headers: req.headers, body }));
    });
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

describe('a canary planted in every credential never comes out', () => {
  let dir: string;
  let server: Server;
  let env: Record<string, string>;
  /** Every form a secret could take on the way out: as is, and base64 of basic auth. */
  let forms: string[];
  const results: Array<{ what: string; r: CliResult }> = [];

  beforeAll(async () => {
    server = await echo401();
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const closed = await closedPort();
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    env = {
      SFTP_PASSWORD: secret('sftp-password'),
      SFTP_KEY: `-----BEGIN OPENSSH PRIVATE KEY-----\n${secret('sftp-key')}AAAA\n-----END OPENSSH PRIVATE KEY-----\n`,
      SFTP_PASSPHRASE: secret('sftp-passphrase'),
      FTP_PASSWORD: secret('ftp-password'),
      HTTP_TOKEN: secret('http-bearer'),
      HTTP_PASSWORD: secret('http-basic'),
      HTTP_HEADER_KEY: secret('http-header'),
      // Client ids are identifiers, not secrets (a server may echo them): no canary in them.
      AMAZON_CLIENT_ID: 'amzn1.application-oa2-client.0123456789abcdef',
      AMAZON_CLIENT_SECRET: secret('amazon-client-secret'),
      AMAZON_REFRESH_TOKEN: `Atzr|${secret('amazon-refresh')}`,
      EBAY_CLIENT_ID: 'Shop-Feeds-PRD-0123456789-abcdef01',
      EBAY_CLIENT_SECRET: secret('ebay-client-secret'),
      EBAY_REFRESH_TOKEN: `v^1.1#i^1#${secret('ebay-refresh')}`,
      GOOGLE_KEY: JSON.stringify({ type: 'service_account', client_email: 'feeds@example.iam.gserviceaccount.com', private_key_id: secret('google-key-id'), private_key: pem, token_uri: `${api}/token` }),
      META_TOKEN: secret('meta-token'),
      PINTEREST_TOKEN: secret('pinterest-token'),
    };
    forms = [MARK, Buffer.from(`merchant:${env.HTTP_PASSWORD}`).toString('base64'), pem.split('\n')[3]!];
    dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-canary-'));
    await cp(path.join(REPO, 'fixtures', 'demo'), path.join(dir, 'fixtures', 'demo'), { recursive: true });
    await mkdir(path.join(dir, 'feeds'));
    await writeFile(path.join(dir, 'shelfcast.yaml'), 'name: Canary\ncatalog:\n  path: fixtures/demo/catalog.csv\n  preset: google\n  currency: USD\nfeeds: feeds\noutput: out\nstate: .shelfcast\n');
    const feed = (channel: string, format: string, destination: string[]) =>
      [`channel: ${channel}`, `format: ${format}`, 'country: US', 'language: en', 'currency: USD', 'destination:', ...destination.map((l) => `  ${l}`), ''].join('\n');
    const feeds: Record<string, string> = {
      'sftp-password': feed('google', 'xml', ['type: sftp', 'host: 127.0.0.1', `port: ${closed}`, 'username: shop', 'password_env: SFTP_PASSWORD', `host_key_sha256: SHA256:${'A'.repeat(43)}`, 'timeout_ms: 2000']),
      'sftp-key': feed('google', 'xml', ['type: sftp', 'host: 127.0.0.1', `port: ${closed}`, 'username: shop', 'private_key_env: SFTP_KEY', 'passphrase_env: SFTP_PASSPHRASE', `host_key_sha256: SHA256:${'A'.repeat(43)}`, 'timeout_ms: 2000']),
      ftp: feed('google', 'xml', ['type: ftp', 'host: 127.0.0.1', `port: ${closed}`, 'username: shop', 'password_env: FTP_PASSWORD', 'timeout_ms: 2000']),
      'http-bearer': feed('google', 'xml', ['type: http', `url: ${api}/upload/`, 'auth: { type: bearer, token_env: HTTP_TOKEN }', 'headers: { X-Api-Key: "${env:HTTP_HEADER_KEY}" }']),
      'http-basic': feed('meta', 'csv', ['type: http', `url: ${api}/upload/{file}`, 'method: POST', 'auth: { type: basic, username: merchant, password_env: HTTP_PASSWORD }']),
      'http-closed': feed('google', 'xml', ['type: http', `url: http://127.0.0.1:${closed}/up/`, 'auth: { type: bearer, token_env: HTTP_TOKEN }']),
      amazon: feed('amazon', 'json', ['type: amazon', 'region: na', 'marketplace_ids: [ATVPDKIKX0DER]', `endpoint: ${api}`, `token_endpoint: ${api}/auth/o2/token`, 'max_wait_seconds: 5', 'poll_seconds: 1', 'timeout_seconds: 5']),
      ebay: feed('ebay', 'json', ['type: ebay', `endpoint: ${api}`, `token_endpoint: ${api}/identity/v1/oauth2/token`, 'timeout_seconds: 5']),
      'google-merchant': feed('google', 'xml', ['type: google-merchant', 'account_id: "123"', 'data_source_id: "456"', `endpoint: ${api}`]),
      meta: feed('meta', 'csv', ['type: meta', 'catalog_id: "789"', 'access_token_env: META_TOKEN', `endpoint: ${api}`]),
      pinterest: feed('pinterest', 'csv', ['type: pinterest', 'access_token_env: PINTEREST_TOKEN', 'country: US', 'language: EN', `endpoint: ${api}`]),
    };
    for (const [id, text] of Object.entries(feeds)) await writeFile(path.join(dir, 'feeds', `${id}.yaml`), text);
    await writeFile(path.join(dir, 'feeds', 'google-merchant.yaml'), feeds['google-merchant']!.replace('destination:', 'destination:\n  service_account_key_env: GOOGLE_KEY'));
    // Amazon and eBay need their channel options: the demo feeds' ones, with the destination added.
    for (const id of ['amazon', 'ebay']) {
      const demo = await readFile(path.join(REPO, 'feeds', `${id}.yaml`), 'utf8');
      await writeFile(path.join(dir, 'feeds', `${id}.yaml`), `${demo}\n${feeds[id]!.slice(feeds[id]!.indexOf('destination:'))}`);
    }

    // Every command, and every error path: failed pushes (closed ports, 401s), a missing catalog,
    // a broken feed file, a JSON report, plan/explain/history/status after the runs.
    const commands: Array<[string, string[]]> = [
      ['validate', ['validate']],
      ['validate --json', ['validate', '--json']],
      ['build', ['build']],
      ['run', ['run']],
      ['run --json', ['run', '--json']],
      ['run --dry-run', ['run', '--dry-run']],
      ['plan', ['plan']],
      ['plan --json', ['plan', '--json']],
      ['explain', ['explain', 'TEE-RED-S']],
      ['history', ['history']],
      ['history --json', ['history', '--json']],
      ['status', ['status']],
      ['status --json', ['status', '--json']],
      ['channels', ['channels']],
      ['missing catalog', ['run', '--catalog', 'nope.csv']],
    ];
    for (const [what, args] of commands) results.push({ what, r: await runCli(args, dir, env) });
    // A broken feed file (config error) next to the others, with SHELFCAST_DEBUG on, so stack traces may print.
    await writeFile(path.join(dir, 'feeds', 'broken.yaml'), feed('google', 'xml', ['type: http', 'url: not a url', 'auth: { type: bearer, token_env: HTTP_TOKEN }']));
    results.push({ what: 'bad config', r: await runCli(['run'], dir, { ...env, SHELFCAST_DEBUG: '1' }) });
    await rm(path.join(dir, 'feeds', 'broken.yaml'));
    // A secret missing from the environment must be named, not guessed at.
    const { HTTP_TOKEN: _drop, ...partial } = env;
    results.push({ what: 'missing secret', r: await runCli(['run', '--feed', 'http-bearer'], dir, partial) });
  }, 300_000);

  afterAll(async () => {
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs every command and reaches the failing pushes (the paths where a secret could leak)', () => {
    const run = results.find((x) => x.what === 'run')!.r;
    expect(run.code, run.stderr).toBe(1);
    // Each destination was tried and failed, so its error path ran.
    for (const id of ['sftp-password', 'sftp-key', 'ftp', 'http-bearer', 'http-basic', 'http-closed', 'amazon', 'ebay', 'google-merchant', 'meta', 'pinterest']) {
      expect(run.stderr, id).toContain(id);
    }
    expect(results.find((x) => x.what === 'bad config')!.r.code).toBe(2);
    expect(results.find((x) => x.what === 'missing secret')!.r.stderr).toContain('HTTP_TOKEN');
  });

  it('finds no secret in stdout or stderr of any command', () => {
    const around = (text: string, f: string) => text.slice(Math.max(0, text.indexOf(f) - 160), text.indexOf(f) + 60).replace(/\n/g, ' ');
    const leaks = results.flatMap(({ what, r }) =>
      forms.flatMap((f) => [r.stdout, r.stderr].filter((t) => t.includes(f)).map((t) => `${what}: ...${around(t, f)}...`)),
    );
    console.info(`secrets-canary: ${results.length} commands, ${Object.keys(env).length} credentials, leaks ${leaks.length}`);
    expect(leaks).toEqual([]);
  });

  it('finds no secret in any file the runs wrote (feeds, state folder, logs, reports)', async () => {
    const leaks: string[] = [];
    for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (file.includes(`${path.sep}fixtures${path.sep}`)) continue;
      const text = (await readFile(file)).toString('latin1');
      for (const f of forms) if (text.includes(f)) leaks.push(`${path.relative(dir, file)}: ${f.slice(0, 20)}`);
    }
    expect(leaks).toEqual([]);
  });
});

import { chmod, cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, runCli } from './cli.js';

/** Text that stands for the key: it must never be printed, whatever the mode. */
const KEY_BODY = 'CREDFILE9d2e-key-material';

/**
 * Credential files are read from the project (the SFTP private key; Google's service account key
 * comes from an environment variable only). A key file others can read is refused before any
 * connection, like OpenSSH does; 0600 and stricter are read.
 */
describe('credential files with permissions wider than 0600 are refused', () => {
  let dir: string;
  let port: number;

  beforeAll(async () => {
    // A closed loopback port: a key that passes the check then fails to connect, quickly.
    const s = createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    port = (s.address() as AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-credfile-'));
    await cp(path.join(REPO, 'fixtures', 'demo'), path.join(dir, 'fixtures', 'demo'), { recursive: true });
    await mkdir(path.join(dir, 'feeds'));
    await mkdir(path.join(dir, 'keys'));
    await writeFile(path.join(dir, 'keys', 'id_ed25519'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${KEY_BODY}\n-----END OPENSSH PRIVATE KEY-----\n`);
    await writeFile(path.join(dir, 'shelfcast.yaml'), 'name: Keys\ncatalog:\n  path: fixtures/demo/catalog.csv\n  preset: google\n  currency: USD\nfeeds: feeds\noutput: out\nstate: .shelfcast\n');
    await writeFile(
      path.join(dir, 'feeds', 'google.yaml'),
      ['channel: google', 'format: xml', 'country: US', 'language: en', 'currency: USD', 'destination:', '  type: sftp', '  host: 127.0.0.1', `  port: ${port}`, '  username: shop', '  private_key_path: keys/id_ed25519', `  host_key_sha256: SHA256:${'A'.repeat(43)}`, '  timeout_ms: 2000', ''].join('\n'),
    );
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it.each(['644', '640', '604', '660', '666', '610', '601'])('refuses a key file with mode %s and says how to fix it', async (mode) => {
    await chmod(path.join(dir, 'keys', 'id_ed25519'), parseInt(mode, 8));
    const r = await runCli(['run'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`keys/id_ed25519 is readable by others (mode ${mode})`);
    expect(r.stderr).toContain('chmod 600 keys/id_ed25519');
    expect(r.stderr + r.stdout).not.toContain(KEY_BODY);
  });

  // 0700 gives group and others nothing either, so it is accepted like 0600 and 0400.
  it.each(['600', '400', '700'])('reads a key file with mode %s (the push then fails only at the closed port)', async (mode) => {
    await chmod(path.join(dir, 'keys', 'id_ed25519'), parseInt(mode, 8));
    const r = await runCli(['run'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).not.toContain('readable by others');
    expect(r.stderr).toMatch(/google/);
    expect(r.stderr + r.stdout).not.toContain(KEY_BODY);
  });
});

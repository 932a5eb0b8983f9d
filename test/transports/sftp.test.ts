import { chmod, copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSftpDestination } from '../../src/transports/sftp.js';
import { sftpDestinationSchema } from '../../src/transports/schema.js';
import type { PublishContext } from '../../src/transports/types.js';
import { sftpUnavailable, startSftpServer, type SftpServer } from '../servers/sftp-server.js';

const skip = sftpUnavailable();

describe.skipIf(skip !== undefined)(`sftp destination${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let server: SftpServer;
  let root: string;
  let built: string;
  const ctx = (env: NodeJS.ProcessEnv = {}): PublishContext => ({
    feedId: 'meta', env, root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'),
    dryRun: false, log: () => undefined, now: () => new Date(0),
  });
  const base = () => ({ type: 'sftp' as const, host: '127.0.0.1', port: server.port, username: server.username, dir: server.dir, host_key_sha256: server.hostKeySha256 });

  beforeAll(async () => {
    server = await startSftpServer();
    root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-sftp-'));
    built = path.join(root, 'meta.csv');
    await writeFile(built, 'id,title\n1,Mug\n');
  });
  afterAll(async () => {
    await server.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a server whose host key differs from the pinned one, naming both fingerprints', async () => {
    const wrong = 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU';
    const dest = createSftpDestination(sftpDestinationSchema.parse({ ...base(), host_key_sha256: wrong, private_key_env: 'K' }), 'meta');
    await expect(dest.publish([{ path: built, name: 'meta.csv', contentType: 'text/csv' }], ctx({ K: server.privateKey }))).rejects.toThrow(
      new RegExp(`host key mismatch: the server presented ${server.hostKeySha256.replace(/[+/]/g, '\\$&')}`),
    );
    expect(await readdir(server.dir)).toEqual([]);
  });

  it('refuses a key file others can read, and says how to fix it', async () => {
    const key = path.join(root, 'id_wide');
    await copyFile(server.privateKeyPath, key);
    await chmod(key, 0o644);
    const dest = createSftpDestination(sftpDestinationSchema.parse({ ...base(), private_key_path: key }), 'meta');
    await expect(dest.publish([{ path: built, name: 'meta.csv', contentType: 'text/csv' }], ctx())).rejects.toThrow(/mode 644.*chmod 600/);
  });

  it('names the missing environment variable, and requires some credential in the config', async () => {
    const dest = createSftpDestination(sftpDestinationSchema.parse({ ...base(), private_key_env: 'FEED_SFTP_KEY' }), 'meta');
    await expect(dest.publish([{ path: built, name: 'meta.csv', contentType: 'text/csv' }], ctx())).rejects.toThrow(/FEED_SFTP_KEY is not set/);
    expect(sftpDestinationSchema.safeParse(base()).error?.issues[0]?.message).toMatch(/password_env, private_key_env or private_key_path/);
  });

  it('uploads with a pinned key given without the SHA256: prefix', async () => {
    const dest = createSftpDestination(sftpDestinationSchema.parse({ ...base(), host_key_sha256: server.hostKeySha256.slice(7), private_key_env: 'K' }), 'meta');
    const r = await dest.publish([{ path: built, name: 'meta.csv', contentType: 'text/csv' }], ctx({ K: server.privateKey }));
    expect(r).toMatchObject({ pushed: 1, failed: 0 });
    expect(await readdir(server.dir)).toEqual(['meta.csv']);
  });
});

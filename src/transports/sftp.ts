import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type SftpClientType from 'ssh2-sftp-client';
import { envSecret } from '../http/env-secret.js';
import { ShelfcastError } from '../issues/issue.js';
import { hostKeyFingerprint, hostKeyMatches } from './host-key.js';
import { checkBuiltFile, remoteJoin } from './local-file.js';
import { pushError } from './push-error.js';
import type { SftpDestinationConfig } from './schema.js';
import { isTempNameOf, tempName } from './temp-name.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from './types.js';

interface Credentials {
  password?: string;
  privateKey?: string;
  passphrase?: string;
}

async function readCredentials(config: SftpDestinationConfig, ctx: PublishContext, where: string): Promise<Credentials> {
  const creds: Credentials = {};
  if (config.password_env) creds.password = envSecret(ctx.env, config.password_env, `${where}: password_env`);
  if (config.private_key_env) creds.privateKey = envSecret(ctx.env, config.private_key_env, `${where}: private_key_env`);
  if (config.passphrase_env) creds.passphrase = envSecret(ctx.env, config.passphrase_env, `${where}: passphrase_env`);
  if (config.private_key_path) {
    const file = path.resolve(ctx.root, config.private_key_path);
    let mode: number;
    try {
      mode = (await stat(file)).mode;
    } catch (cause) {
      throw new ShelfcastError(`${where}: private_key_path: cannot read ${config.private_key_path}`, { exitCode: 1, cause });
    }
    // Same rule as OpenSSH: a key others can read is refused, so the mistake is fixed, not spread.
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new ShelfcastError(
        `${where}: private_key_path: ${config.private_key_path} is readable by others (mode ${(mode & 0o777).toString(8)}); run \`chmod 600 ${config.private_key_path}\``,
        { exitCode: 1 },
      );
    }
    creds.privateKey = await readFile(file, 'utf8');
  }
  return creds;
}

/**
 * SFTP upload with ssh2-sftp-client (loaded only when used). The host key must match the pinned
 * fingerprint. Each file goes to a hidden temporary name, its size is checked, and it is renamed
 * over the target with the posix-rename extension (atomic replace) where the server offers it.
 */
export function createSftpDestination(config: SftpDestinationConfig, feedId: string): Destination {
  const shown = `sftp://${config.username}@${config.host}:${config.port}/${config.dir === '.' ? '' : config.dir.replace(/^\//, '')}`;
  const where = `feeds/${feedId}: destination ${shown}`;
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const sizes = await Promise.all(files.map((f) => checkBuiltFile(f, where)));
      const creds = await readCredentials(config, ctx, where);
      const secrets = [creds.password, creds.passphrase, creds.privateKey];
      if (ctx.dryRun) {
        for (const f of files) ctx.log(`${feedId}: would upload ${f.name} to ${shown}`);
        return { destination: shown, pushed: 0, failed: 0, issues: [] };
      }
      const { default: SftpClient } = await import('ssh2-sftp-client');
      const client = new SftpClient(`shelfcast-${feedId}`);
      let rejectedKey: string | undefined;
      try {
        await client.connect({
          host: config.host,
          port: config.port,
          username: config.username,
          ...creds,
          readyTimeout: config.timeout_ms,
          timeout: config.timeout_ms,
          hostVerifier: (key: Buffer) => {
            if (hostKeyMatches(key, config.host_key_sha256)) return true;
            rejectedKey = hostKeyFingerprint(key);
            return false;
          },
        });
      } catch (cause) {
        await client.end().catch(() => undefined);
        if (rejectedKey) {
          throw new ShelfcastError(
            `${where}: host key mismatch: the server presented ${rejectedKey}, the config pins ${config.host_key_sha256} (check the server's fingerprint with its administrator before changing host_key_sha256)`,
            { exitCode: 1 },
          );
        }
        throw pushError(where, 'cannot connect', cause, secrets);
      }
      try {
        for (const [i, f] of files.entries()) {
          const target = remoteJoin(config.dir, f.name);
          const tmp = remoteJoin(config.dir, tempName(f.name));
          await removeStaleTemps(client, config.dir, f.name);
          try {
            await client.fastPut(f.path, tmp);
            const remote = await client.stat(tmp);
            if (remote.size !== sizes[i]) throw new Error(`uploaded ${remote.size} of ${sizes[i]} bytes`);
            await replace(client, tmp, target);
          } catch (cause) {
            await client.delete(tmp, true).catch(() => undefined);
            throw pushError(where, `cannot upload ${f.name} (the previous file is unchanged)`, cause, secrets);
          }
          ctx.log(`${feedId}: uploaded ${f.name} to ${shown}`);
        }
      } finally {
        await client.end().catch(() => undefined);
      }
      return { destination: shown, pushed: files.length, failed: 0, issues: [] };
    },
  };
}

type Client = SftpClientType;

/** Atomic replace with posix-rename@openssh.com; plain SFTP v3 rename refuses an existing target. */
async function replace(client: Client, tmp: string, target: string): Promise<void> {
  try {
    await client.posixRename(tmp, target);
    return;
  } catch (err) {
    // Servers without the extension: delete then rename leaves a short window without a file.
    if (!/not supported|unsupported|extension/i.test((err as Error).message)) throw err;
  }
  await client.delete(target, true);
  await client.rename(tmp, target);
}

async function removeStaleTemps(client: Client, dir: string, name: string): Promise<void> {
  const entries = await client.list(dir, (e: { name: string }) => isTempNameOf(e.name, name));
  for (const e of entries) await client.delete(remoteJoin(dir, e.name), true);
}

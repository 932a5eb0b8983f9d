import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { envSecret } from '../http/env-secret.js';
import { ShelfcastError } from '../issues/issue.js';
import { checkBuiltFile, remoteJoin } from './local-file.js';
import { pushError } from './push-error.js';
import type { FtpDestinationConfig } from './schema.js';
import { isTempNameOf, tempName } from './temp-name.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from './types.js';

/**
 * FTP or FTPS (explicit TLS) upload with basic-ftp (loaded only when used). Each file goes to a
 * hidden temporary name, its size is checked, then RNFR/RNTO renames it over the target (servers
 * backed by a POSIX filesystem, vsftpd and pure-ftpd among them, replace the target atomically).
 */
export function createFtpDestination(config: FtpDestinationConfig, feedId: string): Destination {
  const dir = config.dir ?? '';
  const shown = `${config.type}://${config.username}@${config.host}:${config.port}/${dir.replace(/^\//, '')}`;
  const where = `feeds/${feedId}: destination ${shown}`;
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const sizes = await Promise.all(files.map((f) => checkBuiltFile(f, where)));
      const password = config.password_env ? envSecret(ctx.env, config.password_env, `${where}: password_env`) : undefined;
      let ca: string | undefined;
      if (config.ca_file) {
        try {
          ca = await readFile(path.resolve(ctx.root, config.ca_file), 'utf8');
        } catch (cause) {
          throw new ShelfcastError(`${where}: ca_file: cannot read ${config.ca_file}`, { exitCode: 1, cause });
        }
      }
      if (ctx.dryRun) {
        for (const f of files) ctx.log(`${feedId}: would upload ${f.name} to ${shown}`);
        return { destination: shown, pushed: 0, failed: 0, issues: [] };
      }
      const { Client } = await import('basic-ftp');
      const client = new Client(config.timeout_ms);
      const secrets = [password];
      try {
        try {
          await client.access({
            host: config.host,
            port: config.port,
            user: config.username,
            password: password ?? 'anonymous@',
            secure: config.type === 'ftps',
            secureOptions: config.type === 'ftps' && ca ? { ca } : undefined,
          });
        } catch (cause) {
          throw pushError(where, 'cannot connect or log in', cause, secrets);
        }
        for (const [i, f] of files.entries()) {
          const target = remoteJoin(dir, f.name);
          const tmp = remoteJoin(dir, tempName(f.name));
          await removeStaleTemps(client, dir, f.name);
          try {
            await client.uploadFrom(f.path, tmp);
            const size = await client.size(tmp);
            if (size !== sizes[i]) throw new Error(`uploaded ${size} of ${sizes[i]} bytes`);
            await client.rename(tmp, target);
          } catch (cause) {
            await client.remove(tmp, true).catch(() => undefined);
            throw pushError(where, `cannot upload ${f.name} (the previous file is unchanged)`, cause, secrets);
          }
          ctx.log(`${feedId}: uploaded ${f.name} to ${shown}`);
        }
      } finally {
        client.close();
      }
      return { destination: shown, pushed: files.length, failed: 0, issues: [] };
    },
  };
}

type FtpClient = InstanceType<(typeof import('basic-ftp'))['Client']>;

async function removeStaleTemps(client: FtpClient, dir: string, name: string): Promise<void> {
  let entries: { name: string }[];
  try {
    entries = await client.list(dir || undefined);
  } catch {
    return; // A server that cannot list still accepts uploads; stale temps then stay hidden.
  }
  for (const e of entries.filter((x) => isTempNameOf(x.name, name))) await client.remove(remoteJoin(dir, e.name), true);
}

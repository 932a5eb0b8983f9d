import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DestinationConfig } from '../../src/transports/schema.js';
import { ftpUnavailable, startFtpServer, type FtpServer } from '../servers/ftp-server.js';
import { sftpUnavailable, startSftpServer, type SftpServer } from '../servers/sftp-server.js';
import { startUploadServer, type UploadServer } from './http-upload-server.js';

/** A canary planted as every secret: it must never appear in any output, error or file. */
export const CANARY = 'canary-Zq8vX3pL-secret';

/** One destination under test, with a way to look at what the other side holds. */
export interface Harness {
  name: string;
  /** Why the harness cannot run here (the test is skipped), or undefined. */
  unavailable(): string | undefined;
  start(root: string): Promise<void>;
  stop(): Promise<void>;
  config(): DestinationConfig | undefined;
  env(): NodeJS.ProcessEnv;
  read(name: string): Promise<Buffer | undefined>;
  /** Names present at the destination (temp files included, where the destination has any). */
  list(): Promise<string[]>;
  /** Leaves a temp file as a killed run would, or undefined where the destination has none. */
  plantTemp?(name: string): Promise<void>;
}

const readOrUndefined = (file: string) => readFile(file).catch(() => undefined);

function localFolder(name: string, dir: () => string, config: () => DestinationConfig | undefined, extra: Partial<Harness> = {}): Harness {
  return {
    name,
    unavailable: () => undefined,
    start: async () => undefined,
    stop: async () => undefined,
    config,
    env: () => ({}),
    read: (n) => readOrUndefined(path.join(dir(), n)),
    list: () => readdir(dir()).catch(() => []),
    plantTemp: (n) => writeFile(path.join(dir(), `.${n}.shelfcast-tmp-99999-deadbeef`), 'half'),
    ...extra,
  };
}

export function harnesses(): Harness[] {
  let root = '';
  let sftp: SftpServer | undefined;
  let sftpKeyFile: SftpServer | undefined;
  let ftp: FtpServer | undefined;
  let ftps: FtpServer | undefined;
  let upload: UploadServer | undefined;
  const basic = `Basic ${Buffer.from(`feeds:${CANARY}`).toString('base64')}`;
  const list: Harness[] = [
    localFolder('file (default, output folder)', () => path.join(root, 'out'), () => undefined),
    localFolder('file (dir)', () => path.join(root, 'published feeds'), () => ({ type: 'file', dir: 'published feeds' })),
    {
      ...localFolder('sftp (key from env)', () => sftp!.dir, () => ({
        type: 'sftp', host: '127.0.0.1', port: sftp!.port, username: sftp!.username, dir: sftp!.dir,
        private_key_env: 'FEED_SFTP_KEY', host_key_sha256: sftp!.hostKeySha256, timeout_ms: 20_000,
      })),
      unavailable: sftpUnavailable,
      start: async () => {
        sftp = await startSftpServer();
      },
      stop: async () => sftp?.stop(),
      env: () => ({ FEED_SFTP_KEY: sftp!.privateKey }),
    },
    {
      ...localFolder('sftp (key file)', () => sftpKeyFile!.dir, () => ({
        type: 'sftp', host: '127.0.0.1', port: sftpKeyFile!.port, username: sftpKeyFile!.username, dir: sftpKeyFile!.dir,
        private_key_path: sftpKeyFile!.privateKeyPath, host_key_sha256: sftpKeyFile!.hostKeySha256, timeout_ms: 20_000,
      })),
      unavailable: sftpUnavailable,
      start: async () => {
        sftpKeyFile = await startSftpServer();
      },
      stop: async () => sftpKeyFile?.stop(),
    },
    {
      ...localFolder('ftp', () => path.join(ftp!.dir, 'in'), () => ({
        type: 'ftp', host: '127.0.0.1', port: ftp!.port, username: 'anonymous', password_env: 'FEED_FTP_PASSWORD', dir: 'in', timeout_ms: 20_000,
      })),
      unavailable: ftpUnavailable,
      start: async () => {
        ftp = await startFtpServer();
        await mkdir(path.join(ftp.dir, 'in'), { mode: 0o777 });
      },
      stop: async () => ftp?.stop(),
      env: () => ({ FEED_FTP_PASSWORD: CANARY }),
    },
    {
      ...localFolder('ftps', () => ftps!.dir, () => ({
        type: 'ftps', host: '127.0.0.1', port: ftps!.port, username: 'anonymous', password_env: 'FEED_FTP_PASSWORD', ca_file: ftps!.certPath!, timeout_ms: 20_000,
      })),
      unavailable: ftpUnavailable,
      start: async () => {
        ftps = await startFtpServer({ tls: true });
      },
      stop: async () => ftps?.stop(),
      env: () => ({ FEED_FTP_PASSWORD: CANARY }),
    },
    {
      name: 'http (PUT, basic auth)',
      unavailable: () => undefined,
      start: async () => {
        upload = await startUploadServer({ requireAuth: basic });
      },
      stop: async () => upload?.stop(),
      config: () => ({
        type: 'http', url: `${upload!.url}feeds/{file}`, method: 'PUT', headers: { 'x-feed-source': 'shelfcast' },
        auth: { type: 'basic', username: 'feeds', password_env: 'FEED_HTTP_PASSWORD' }, timeout_ms: 20_000,
      }),
      env: () => ({ FEED_HTTP_PASSWORD: CANARY }),
      read: async (n) => upload!.files.get(`feeds/${n}`),
      list: async () => [...upload!.files.keys()].map((k) => k.replace(/^feeds\//, '')),
    },
  ];
  return list.map((h) => ({
    ...h,
    start: async (r: string) => {
      root = r;
      await h.start(r);
    },
  }));
}

export async function tempRoot(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-dest-'));
  await mkdir(path.join(root, 'build'));
  return root;
}

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, missingBinary, run, spawn, waitForPort } from './ftp-sftp-process.js';

export const VSFTPD = '/usr/sbin/vsftpd';

export interface FtpServer {
  port: number;
  /** Folder the FTP root maps to (absolute, local). */
  dir: string;
  /** PEM certificate of the server (ftps). */
  certPath?: string;
  stop(): Promise<void>;
}

/** Why the FTP tests cannot run here (skip), or undefined. Throws under CI when vsftpd is missing. */
export const ftpUnavailable = (): string | undefined => missingBinary(VSFTPD, 'vsftpd');

/**
 * A real vsftpd on 127.0.0.1 and a random port, run as the launching user (no root needed),
 * anonymous logins with upload, rename and delete rights in a temporary folder. `tls: true`
 * adds explicit FTPS with a fresh self-signed certificate for 127.0.0.1.
 */
export async function startFtpServer(options: { tls?: boolean } = {}): Promise<FtpServer> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-ftp-'));
  const dir = path.join(base, 'root');
  const empty = path.join(base, 'empty');
  await mkdir(dir, { mode: 0o777 });
  await mkdir(empty);
  const port = await freePort();
  const lines = [
    'listen=YES',
    'listen_ipv6=NO',
    'listen_address=127.0.0.1',
    `listen_port=${port}`,
    'background=NO',
    'run_as_launching_user=YES',
    'anonymous_enable=YES',
    'local_enable=NO',
    'no_anon_password=YES',
    'write_enable=YES',
    'anon_upload_enable=YES',
    'anon_mkdir_write_enable=YES',
    'anon_other_write_enable=YES',
    'anon_world_readable_only=NO',
    'anon_umask=022',
    `anon_root=${dir}`,
    'force_dot_files=YES',
    'seccomp_sandbox=NO',
    'pasv_enable=YES',
    'pasv_address=127.0.0.1',
    `secure_chroot_dir=${empty}`,
    'xferlog_enable=NO',
    'dirmessage_enable=NO',
    'connect_from_port_20=NO',
  ];
  let certPath: string | undefined;
  if (options.tls) {
    certPath = path.join(base, 'cert.pem');
    const keyPath = path.join(base, 'key.pem');
    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyPath, '-out', certPath]);
    lines.push('ssl_enable=YES', 'allow_anon_ssl=YES', 'force_anon_logins_ssl=YES', 'force_anon_data_ssl=YES', `rsa_cert_file=${certPath}`, `rsa_private_key_file=${keyPath}`, 'require_ssl_reuse=NO');
  }
  await writeFile(path.join(base, 'vsftpd.conf'), `${lines.join('\n')}\n`);
  const child = spawn(VSFTPD, [path.join(base, 'vsftpd.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port, child, 'vsftpd');
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}: ${stderr}`);
  }
  return {
    port,
    dir,
    certPath,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await exited;
      await rm(base, { recursive: true, force: true });
    },
  };
}

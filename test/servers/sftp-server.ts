import { mkdtemp, mkdir, readFile, rm, writeFile, chmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, missingBinary, run, spawn, waitForPort } from './ftp-sftp-process.js';

export const SSHD = '/usr/sbin/sshd';

export interface SftpServer {
  port: number;
  username: string;
  /** Folder on the server the tests upload into (absolute). */
  dir: string;
  /** Client private key (OpenSSH PEM text) authorised on the server. */
  privateKey: string;
  /** Path of the client key file (mode 0600). */
  privateKeyPath: string;
  /** `SHA256:...` of the server's host key. */
  hostKeySha256: string;
  stop(): Promise<void>;
}

/** Why the SFTP tests cannot run here (skip), or undefined. Throws under CI when sshd is missing. */
export const sftpUnavailable = (): string | undefined => missingBinary(SSHD, 'openssh-server');

/**
 * A real OpenSSH server on 127.0.0.1 and a random port, with its own temporary host key and one
 * authorised client key, running the internal-sftp subsystem as the current user.
 */
export async function startSftpServer(): Promise<SftpServer> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-sshd-'));
  const dir = path.join(base, 'upload');
  await mkdir(dir);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(base, 'host_ed25519')]);
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path.join(base, 'client_ed25519')]);
  await writeFile(path.join(base, 'authorized_keys'), await readFile(path.join(base, 'client_ed25519.pub')));
  const fp = run('ssh-keygen', ['-l', '-E', 'sha256', '-f', path.join(base, 'host_ed25519.pub')]).split(' ')[1]!;
  const port = await freePort();
  const username = os.userInfo().username;
  // privilege separation needs this folder when sshd runs as root.
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${path.join(base, 'host_ed25519')}`,
    `PidFile ${path.join(base, 'sshd.pid')}`,
    `AuthorizedKeysFile ${path.join(base, 'authorized_keys')}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
  ].join('\n');
  await writeFile(path.join(base, 'sshd_config'), `${config}\n`);
  await chmod(path.join(base, 'client_ed25519'), 0o600);
  const child = spawn(SSHD, ['-D', '-e', '-f', path.join(base, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  try {
    await waitForPort(port, child, 'sshd');
  } catch (err) {
    child.kill('SIGKILL');
    throw new Error(`${(err as Error).message}: ${stderr}`);
  }
  return {
    port,
    username,
    dir,
    privateKey: await readFile(path.join(base, 'client_ed25519'), 'utf8'),
    privateKeyPath: path.join(base, 'client_ed25519'),
    hostKeySha256: fp,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      if (child.exitCode === null && child.signalCode === null) await exited;
      await rm(base, { recursive: true, force: true });
    },
  };
}

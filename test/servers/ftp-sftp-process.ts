import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

/** A port free on 127.0.0.1 right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Why a real server binary cannot be used, or undefined when it can. Under CI a missing binary
 * is a failure (`.ci/services.sh` installs it); elsewhere the test is skipped with this reason.
 */
export function missingBinary(bin: string, pkg: string): string | undefined {
  if (existsSync(bin)) return undefined;
  const reason = `${bin} is not installed (apt-get install ${pkg}, or run .ci/services.sh)`;
  if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`CI: ${reason}`);
  return reason;
}

/** Resolves once a TCP connection to the port succeeds: the server is accepting. */
export async function waitForPort(port: number, child: ChildProcess, what: string): Promise<void> {
  let exited: string | undefined;
  child.once('exit', (code) => (exited = `${what} exited with code ${code}`));
  for (let attempt = 0; attempt < 400; attempt++) {
    if (exited) throw new Error(exited);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    // A readiness probe, not a timed assertion: yield to let the server finish starting.
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`${what} did not start listening on 127.0.0.1:${port}`);
}

export function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export { spawn };

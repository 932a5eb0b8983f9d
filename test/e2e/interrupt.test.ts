import { spawn } from 'node:child_process';
import { access, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProject, REPO } from './cli.js';

// A catalog server that answers nothing: the run holds its lock while it waits, and the request
// arriving is the marker that the lock is held. The signal is sent then, so nothing depends on timing.
let server: Server;
let url: string;
let arrived: (() => void) | undefined;
beforeAll(async () => {
  server = createServer(() => arrived?.());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.csv`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const exists = (p: string) => access(p).then(() => true, () => false);

async function interrupted(signal: 'SIGTERM' | 'SIGINT', args: string[]) {
  const dir = await demoProject();
  const config = path.join(dir, 'shelfcast.yaml');
  await writeFile(config, (await readFile(config, 'utf8')).replace('path: fixtures/demo/catalog.csv', `path: ${url}`));
  const child = spawn(process.execPath, [path.join(REPO, 'bin', 'shelfcast.js'), ...args], { cwd: dir, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const waiting = new Promise<void>((r) => (arrived = r));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on('exit', (code, sig) => r({ code, signal: sig })));
  await waiting;
  // The lock is held now (it is taken before the catalog is read).
  expect(await exists(path.join(dir, '.shelfcast', 'run.lock'))).toBe(true);
  child.kill(signal);
  const { code, signal: killedBy } = await exited;
  return { dir, code, killedBy, stdout, stderr };
}

describe('SIGTERM and SIGINT stop a run, release the lock and say so', () => {
  it('SIGTERM: exit 143, the lock and its record released, a line on stderr', async () => {
    const r = await interrupted('SIGTERM', ['build']);
    expect(r.killedBy).toBeNull();
    expect(r.code).toBe(143);
    expect(r.stderr).toContain('shelfcast: stopped by SIGTERM (exit 143); the run lock released');
    expect(await exists(path.join(r.dir, '.shelfcast', 'run.lock'))).toBe(false);
    expect(await exists(path.join(r.dir, '.shelfcast', 'run.lock.json'))).toBe(false);
    expect(r.stdout).toBe('');
  });

  it('SIGINT: exit 130, and under --json the error document on stdout', async () => {
    const r = await interrupted('SIGINT', ['run', '--json']);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain('stopped by SIGINT (exit 130)');
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, error: { code: 'interrupted', file: null, line: null } });
    expect(await exists(path.join(r.dir, '.shelfcast', 'run.lock'))).toBe(false);
  });
});

import { execFile } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '../..');
export const SHARED = path.resolve(REPO, '../shared');
const BIN = path.join(REPO, 'bin', 'shelfcast.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would: `node bin/shelfcast.js ...` in `cwd`. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, SOURCE_DATE_EPOCH: '1767225600', ...env }, maxBuffer: 64 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A temp copy of the demo project (shelfcast.yaml, feeds/, fixtures/demo/). */
export async function demoProject(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-demo-'));
  await cp(path.join(REPO, 'shelfcast.yaml'), path.join(dir, 'shelfcast.yaml'));
  await cp(path.join(REPO, 'feeds'), path.join(dir, 'feeds'), { recursive: true });
  await cp(path.join(REPO, 'fixtures', 'demo'), path.join(dir, 'fixtures', 'demo'), { recursive: true });
  return dir;
}

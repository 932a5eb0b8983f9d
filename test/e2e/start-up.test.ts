import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { channelSummaries } from '../../src/channels/channel-summaries.js';
import { REPO, runCli } from './cli.js';

// The built CLI loads only what a command line needs (src/cli/main.ts): these check that what it
// prints from the short paths is what the full program prints.
describe('start-up paths of the built CLI', () => {
  it('--version prints the package version, as -V and after a command', async () => {
    const { version } = JSON.parse(await readFile(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-V'], ['channels', '--version']]) {
      const r = await runCli(args, os.tmpdir());
      expect(r, args.join(' ')).toMatchObject({ code: 0, stdout: `${version}\n` });
    }
  });

  it('channels lists from the summaries the build wrote what the channel definitions say', async () => {
    const r = await runCli(['channels', '--json'], os.tmpdir());
    expect(r.code).toBe(0);
    // Under the test runner the summaries come from loading every channel module.
    expect(JSON.parse(r.stdout)).toEqual(await channelSummaries());
  });

  it('help lists every command, and an unknown one gets a suggestion', async () => {
    const help = await runCli(['--help'], os.tmpdir());
    for (const name of ['init', 'validate', 'build', 'run', 'channels', 'schedule', 'history', 'status', 'rollback', 'stock', 'plan', 'explain', 'categories', 'serve']) {
      expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
    const typo = await runCli(['chanels'], os.tmpdir());
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('channels');
  });
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runCli } from './cli.js';

describe('shelfcast init outside a project that installed it', () => {
  it('prints commands that start this copy, says how to pin it, and keeps the user .gitignore', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-init-'));
    // What `git init` and an earlier .gitignore leave: still a new project.
    await writeFile(path.join(dir, '.gitignore'), 'secrets.env');
    const r = await runCli(['init', dir], os.tmpdir());
    expect(r.code, r.stderr).toBe(0);
    const bin = path.join(REPO, 'bin', 'shelfcast.js');
    expect(r.stderr).toContain(`Next:\n  cd ${path.relative(os.tmpdir(), dir)} && ${bin} validate && ${bin} run\n`);
    expect(r.stderr).toContain('npm install --save-dev <the shelfcast tarball or git URL you installed from>');
    expect(await readFile(path.join(dir, '.gitignore'), 'utf8')).toBe('secrets.env\nnode_modules/\nout/\n.shelfcast/\nshelfcast-report-*\nshelfcast-junit-*\n');
    const validate = await runCli(['validate'], dir);
    expect(validate.code, validate.stderr).toBe(0);
    // The sample feeds carry a schedule, so the scheduler configuration can be printed at once.
    const cron = await runCli(['schedule', '--print', 'crontab'], dir);
    expect(cron.stdout).toContain(`0 */6 * * * cd ${dir} && ${bin} run --feed google --feed meta --quiet`);
    // A second init refuses to write over the project.
    expect((await runCli(['init', dir], os.tmpdir())).code).toBe(2);
  });
});

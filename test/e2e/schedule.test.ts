import { spawn } from 'node:child_process';
import { access, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { sha256, twoFeedProject, xmlItems } from '../schedule/project.js';
import { REPO, runCli } from './cli.js';

const exists = (f: string) => access(f).then(() => true, () => false);

describe('shelfcast schedule (the real process)', () => {
  it('runs due feeds, logs JSON lines, and on SIGTERM finishes the run, frees the lock and exits 0', async () => {
    const dir = await twoFeedProject({ google: 'schedule: "* * * * * *"' });
    const child = spawn(process.execPath, [path.join(REPO, 'bin', 'shelfcast.js'), 'schedule'], {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SOURCE_DATE_EPOCH: '1767225600' },
    });
    let stderr = '';
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      // As soon as a run has started, ask the scheduler to stop (as systemd or docker stop would).
      if (!signalled && stderr.includes('"event":"started"')) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const events = stderr.trim().split('\n').map((l) => JSON.parse(l));
    for (const e of events) expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    const kinds = events.map((e) => e.event).filter((k) => k !== 'next');
    expect(kinds).toEqual(['scheduling', 'started', 'stopping', 'finished', 'stopped']);
    expect(events[0].feeds).toEqual([{ feed: 'google', cron: '* * * * * *' }]);
    expect(events.find((e) => e.event === 'stopping')).toMatchObject({ signal: 'SIGTERM', waitingFor: 'google' });
    const finished = events.find((e) => e.event === 'finished');
    expect(finished).toMatchObject({ feed: 'google', ok: true, feeds: [{ feed: 'google', status: 'written', read: 10, valid: 10, written: 10, excluded: 0, errors: 0 }] });
    const google = await readFile(path.join(dir, 'out', 'google.xml'), 'utf8');
    expect(xmlItems(google)).toBe(10);
    expect((await readdir(path.join(dir, 'out'))).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(await exists(path.join(dir, '.shelfcast', 'run.lock'))).toBe(false);
    // The run it did is in the history like any `shelfcast run --feed google`.
    const h = JSON.parse((await runCli(['history', '--json'], dir)).stdout);
    expect(h.runs.map((r: { runId: string }) => r.runId)).toEqual([finished.runId]);
    expect(h.runs[0].feeds[0].files[0].sha256).toBe(sha256(google));
  });

  it('rejects a schedule that is not a cron expression, naming the file and key', async () => {
    const dir = await twoFeedProject({ google: 'schedule: "every day at 9"' });
    const r = await runCli(['schedule'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/feeds\/google\.yaml: schedule.*not a cron expression/);
    const tz = await twoFeedProject({ google: 'schedule:\n  cron: "0 9 * * *"\n  timezone: Mars/Olympus' });
    const r2 = await runCli(['schedule'], tz);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/feeds\/google\.yaml: schedule.*IANA time zone/);
  });

  it('exits 2 when no feed has a schedule', async () => {
    const dir = await twoFeedProject();
    const r = await runCli(['schedule'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no enabled feed has a `schedule:`/);
  });
});

describe('shelfcast schedule --print', () => {
  it('prints crontab lines, systemd units and a GitHub Actions workflow for the project', async () => {
    const dir = await twoFeedProject({ google: 'schedule: "0 */6 * * *"', meta: 'schedule:\n  cron: "30 2 * * *"\n  timezone: Asia/Kolkata' });
    const cron = await runCli(['schedule', '--print', 'crontab'], dir);
    expect(cron.code).toBe(0);
    // No copy in the project's node_modules: the lines start the one that printed them.
    const bin = path.join(REPO, 'bin', 'shelfcast.js');
    expect(cron.stdout).toContain(`0 */6 * * * cd ${dir} && ${bin} run --feed google --quiet`);
    expect(cron.stdout).toContain(`CRON_TZ=Asia/Kolkata\n# meta\n30 2 * * * cd ${dir} && ${bin} run --feed meta --quiet`);
    expect(cron.stdout).toContain(`PATH=${path.dirname(process.execPath)}:`);
    const systemd = await runCli(['schedule', '--print', 'systemd', '--bin', '/usr/local/bin/shelfcast'], dir);
    expect(systemd.stdout).toContain('OnCalendar=*-*-* 00/6:00:00');
    expect(systemd.stdout).toContain('OnCalendar=*-*-* 02:30:00 Asia/Kolkata');
    expect(systemd.stdout).toContain('ExecStart=/usr/local/bin/shelfcast run --feed meta --quiet');
    const gh = await runCli(['schedule', '--print', 'github-actions', '--feed', 'meta'], dir);
    const wf = parseYaml(gh.stdout);
    // 02:30 in India (UTC+05:30) is 21:00 UTC the day before; every day, so the same days.
    expect(wf.on.schedule).toEqual([{ cron: '0 21 * * *' }]);
    const bad = await runCli(['schedule', '--print', 'launchd'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Allowed choices are crontab, systemd, github-actions/);
  });
});

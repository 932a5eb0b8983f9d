import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { LoadedProject } from '../../src/config/load.js';
import { printCrontab } from '../../src/schedule/print-crontab.js';
import { printGithubActions } from '../../src/schedule/print-github-actions.js';
import { printSystemd } from '../../src/schedule/print-systemd.js';
import type { PrintContext } from '../../src/schedule/print-context.js';
import type { ScheduledFeed } from '../../src/schedule/scheduler.js';

function context(feeds: ScheduledFeed[], extra: Partial<PrintContext> = {}): PrintContext {
  const project = { root: "/srv/shop feeds/it's", configFile: "/srv/shop feeds/it's/shelfcast.yaml", config: { name: 'Demo Shop', state: '.shelfcast' }, feeds: [] } as unknown as LoadedProject;
  return { project, feeds, bin: 'shelfcast', now: new Date('2026-01-15T12:00:00Z'), ...extra };
}

describe('schedule --print crontab', () => {
  it('writes one line per schedule that cds into the project and runs its feeds', () => {
    const text = printCrontab(
      context([
        { id: 'google', cron: '*/30 * * * *' },
        { id: 'meta', cron: '*/30 * * * *' },
        { id: 'idealo', cron: '30 2 * * 1-5', timezone: 'Europe/Berlin' },
        { id: 'fast', cron: '*/10 * * * * *' },
      ]),
    );
    const lines = text.split('\n').filter((l) => l && !l.startsWith('#'));
    expect(lines).toEqual([
      'PATH=/usr/local/bin:/usr/bin:/bin',
      `*/30 * * * * cd '/srv/shop feeds/it'\\''s' && shelfcast run --feed google --feed meta --quiet`,
      'CRON_TZ=Europe/Berlin',
      `30 2 * * 1-5 cd '/srv/shop feeds/it'\\''s' && shelfcast run --feed idealo --quiet`,
    ]);
    expect(text).toMatch(/# fast: "\*\/10 \* \* \* \* \*" needs `shelfcast schedule`/);
  });

  it('starts the installed copy with the PATH that finds its node, unless --bin says otherwise', () => {
    const installed = { bin: '/srv/shop/node_modules/.bin/shelfcast', searchPath: '/opt/node/bin:/usr/local/bin:/usr/bin:/bin' };
    const text = printCrontab(context([{ id: 'google', cron: '0 * * * *' }], { installed }));
    expect(text).toContain('\nPATH=/opt/node/bin:/usr/local/bin:/usr/bin:/bin\n');
    expect(text).toContain(`0 * * * * cd '/srv/shop feeds/it'\\''s' && /srv/shop/node_modules/.bin/shelfcast run --feed google --quiet`);
    expect(printCrontab(context([{ id: 'google', cron: '0 * * * *' }], { installed, bin: '/usr/bin/shelfcast' }))).toContain('&& /usr/bin/shelfcast run');
    const units = printSystemd(context([{ id: 'google', cron: '0 * * * *' }], { installed }));
    expect(units).toContain('ExecStart=/srv/shop/node_modules/.bin/shelfcast run --feed google --quiet');
    expect(units).toContain('Environment=PATH=/opt/node/bin:/usr/local/bin:/usr/bin:/bin');
  });

  it('passes --config when the project file has another name', () => {
    const ctx = context([{ id: 'google', cron: '0 * * * *' }]);
    ctx.project.configFile = '/srv/p/prod.yaml';
    expect(printCrontab(ctx)).toContain('shelfcast --config prod.yaml run --feed google --quiet');
  });
});

describe('schedule --print systemd', () => {
  it('writes a oneshot service and a timer per schedule', () => {
    const text = printSystemd(context([{ id: 'google', cron: '30 2 * * 1-5', timezone: 'Europe/Berlin' }]));
    expect(text).toContain('# --- /etc/systemd/system/shelfcast-demo-shop-google.service ---');
    expect(text).toContain('# --- /etc/systemd/system/shelfcast-demo-shop-google.timer ---');
    expect(text).toContain('Type=oneshot');
    expect(text).toContain('ExecStart=/usr/bin/env shelfcast run --feed google --quiet');
    expect(text).toContain("WorkingDirectory=/srv/shop feeds/it's");
    expect(text).toContain('OnCalendar=Mon,Tue,Wed,Thu,Fri *-*-* 02:30:00 Europe/Berlin');
    expect(text).toContain('Persistent=true');
    expect(text).toContain('systemctl enable --now shelfcast-demo-shop-google.timer');
  });

  it('falls back to one service running `shelfcast schedule` when an expression has no OnCalendar form', () => {
    const text = printSystemd(context([{ id: 'google', cron: '0 0 1 * 1' }, { id: 'meta', cron: '0 * * * *' }], { bin: '/opt/shelfcast/bin/shelfcast.js' }));
    expect(text).not.toContain('.timer');
    expect(text).toContain('ExecStart=/opt/shelfcast/bin/shelfcast.js schedule');
    expect(text).toContain('KillSignal=SIGTERM');
    expect(text).toMatch(/"0 0 1 \* 1" \(google\) cannot be written as OnCalendar=/);
  });
});

describe('schedule --print github-actions', () => {
  it('writes a valid workflow with UTC crons, one step per schedule and the state cached', () => {
    const text = printGithubActions(
      context(
        [
          { id: 'google', cron: '0 */6 * * *' },
          { id: 'meta', cron: '30 2 * * *', timezone: 'Europe/Berlin' },
          { id: 'weekly', cron: '0 0 * * 1', timezone: 'Europe/Berlin' },
        ],
        { repoPath: 'shop' },
      ),
    );
    const wf = parseYaml(text);
    expect(wf.on.schedule).toEqual([{ cron: '0 */6 * * *' }, { cron: '30 1 * * *' }]);
    expect(wf.on).toHaveProperty('workflow_dispatch');
    expect(wf.concurrency).toEqual({ group: 'shelfcast-demo-shop', 'cancel-in-progress': false });
    const job = wf.jobs.publish;
    expect(job.defaults.run['working-directory']).toBe('shop');
    const steps = job.steps.filter((s: { name?: string }) => s.name?.startsWith('publish'));
    expect(steps.map((s: { run: string }) => s.run)).toEqual([
      'npx --no-install shelfcast run --feed google --report html=shelfcast-report-google.html --report junit=shelfcast-junit-google.xml',
      'npx --no-install shelfcast run --feed meta --report html=shelfcast-report-meta.html --report junit=shelfcast-junit-meta.xml',
    ]);
    expect(steps[1].if).toBe("${{ !cancelled() && (github.event_name == 'workflow_dispatch' || github.event.schedule == '30 1 * * *') }}");
    expect(job.steps.find((s: { uses?: string }) => s.uses === 'actions/cache@v4').with.path).toBe('shop/.shelfcast');
    expect(text).toMatch(/# meta: converted with the offset of Europe\/Berlin on 2026-01-15; .*daylight saving/);
    expect(text).toMatch(/# NOT SCHEDULED: weekly: .*another day/);
  });
});

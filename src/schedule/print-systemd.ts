import { toOnCalendar } from './cron-convert.js';
import { configArgs, feedArgs, groupBySchedule, machineBin, searchPath, slug, type PrintContext } from './print-context.js';

/** systemd quoting for ExecStart= words: double quotes when a word has spaces or quotes. */
const word = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`);

/** ExecStart= wants an absolute program; a bare name goes through /usr/bin/env (PATH lookup). */
const exec = (bin: string, args: string[]): string => [...(bin.startsWith('/') ? [bin] : ['/usr/bin/env', bin]), ...args].map(word).join(' ');

const unitFile = (name: string, body: string[]): string => `# --- /etc/systemd/system/${name} ---\n${body.join('\n')}\n`;

const serviceBody = (ctx: PrintContext, description: string, execStart: string, extra: string[]): string[] => [
  '[Unit]',
  `Description=${description}`,
  'Wants=network-online.target',
  'After=network-online.target',
  '',
  '[Service]',
  ...extra,
  `WorkingDirectory=${ctx.project.root}`,
  // The shelfcast script starts with `#!/usr/bin/env node`; systemd's default PATH may not hold node.
  `Environment=PATH=${searchPath(ctx)}`,
  `ExecStart=${execStart}`,
  '# Credentials of the destinations (never in the feed files): a root-only file of NAME=value lines.',
  `# EnvironmentFile=/etc/shelfcast/${slug(ctx.project.config.name)}.env`,
];

/**
 * A oneshot service and a timer per schedule, `OnCalendar=` converted from the cron expression
 * (time zone included). When an expression has no OnCalendar form, one long-running service
 * runs `shelfcast schedule` instead (SIGTERM lets it finish the file it writes).
 */
export function printSystemd(ctx: PrintContext): string {
  const project = slug(ctx.project.config.name);
  const groups = groupBySchedule(ctx.feeds).map((g) => ({ ...g, calendar: toOnCalendar(g.cron, g.timezone) }));
  const out: string[] = [];
  const missing = groups.filter((g) => !g.calendar);
  if (missing.length > 0) {
    const name = `shelfcast-${project}.service`;
    out.push(`# ${missing.map((g) => `"${g.cron}" (${g.ids.join(', ')})`).join(', ')} cannot be written as OnCalendar=, so one service runs every schedule.`);
    out.push(
      unitFile(name, [
        ...serviceBody(ctx, `shelfcast: scheduled feeds of ${ctx.project.config.name}`, exec(machineBin(ctx), [...configArgs(ctx), 'schedule']), ['Type=simple', 'Restart=on-failure', 'RestartSec=30', 'KillSignal=SIGTERM', 'TimeoutStopSec=15min']),
        '',
        '[Install]',
        'WantedBy=multi-user.target',
      ]),
    );
    out.push(`# Then: systemctl daemon-reload && systemctl enable --now ${name}`);
    return `${out.join('\n')}\n`;
  }
  const timers: string[] = [];
  for (const g of groups) {
    const name = `shelfcast-${project}-${slug(g.ids.join('-'))}`;
    out.push(unitFile(`${name}.service`, serviceBody(ctx, `shelfcast: publish ${g.ids.join(', ')} of ${ctx.project.config.name}`, exec(machineBin(ctx), [...configArgs(ctx), 'run', ...feedArgs(g.ids), '--quiet']), ['Type=oneshot'])));
    out.push(
      unitFile(`${name}.timer`, [
        '[Unit]',
        `Description=shelfcast: when to publish ${g.ids.join(', ')} (cron "${g.cron}"${g.timezone ? ` in ${g.timezone}` : ''})`,
        '',
        '[Timer]',
        `OnCalendar=${g.calendar}`,
        '# Run once at boot when a run was missed while the machine was off.',
        'Persistent=true',
        '',
        '[Install]',
        'WantedBy=timers.target',
      ]),
    );
    timers.push(`${name}.timer`);
  }
  out.push(`# Then: systemctl daemon-reload && systemctl enable --now ${timers.join(' ')}`);
  return `${out.join('\n')}\n`;
}

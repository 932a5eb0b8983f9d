import { cronFields } from './cron-convert.js';
import { configArgs, feedArgs, groupBySchedule, machineBin, searchPath, shellQuote, type PrintContext } from './print-context.js';

/**
 * crontab(5) lines: `cd` into the project and run the feeds that are due. --quiet keeps cron's
 * mail for runs with problems; the run lock keeps a slow run and the next one from overlapping.
 */
export function printCrontab(ctx: PrintContext): string {
  const lines = [
    `# shelfcast: scheduled feeds of "${ctx.project.config.name}" (${ctx.project.configFile})`,
    '# Install with `crontab -e` (paste) or `shelfcast schedule --print crontab | crontab -` (replaces your crontab).',
    '# cron runs with a short PATH: this one finds the node that printed these lines.',
    `PATH=${searchPath(ctx)}`,
  ];
  const cd = `cd ${shellQuote(ctx.project.root)} &&`;
  const groups = groupBySchedule(ctx.feeds).sort((a, b) => (a.timezone ?? '').localeCompare(b.timezone ?? ''));
  let zone: string | undefined;
  for (const g of groups) {
    const f = cronFields(g.cron);
    const command = [machineBin(ctx), ...configArgs(ctx), 'run', ...feedArgs(g.ids), '--quiet'].map(shellQuote).join(' ');
    if (!f || f.second !== '0') {
      lines.push(`# ${g.ids.join(', ')}: "${g.cron}" needs \`shelfcast schedule\` (cron has no seconds and no L, W or # fields)`);
      continue;
    }
    if ((g.timezone ?? '') !== (zone ?? '')) {
      zone = g.timezone;
      lines.push('# CRON_TZ is read by cronie (Fedora, RHEL, Arch) and systemd-cron; Debian\'s cron ignores it and uses the machine\'s zone.');
      lines.push(`CRON_TZ=${zone ?? 'UTC'}`);
    }
    lines.push(`# ${g.ids.join(', ')}`);
    lines.push(`${[f.minute, f.hour, f.dom, f.month, f.dow].join(' ')} ${cd} ${command}`);
  }
  return `${lines.join('\n')}\n`;
}

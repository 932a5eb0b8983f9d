import { toUtcCron } from './cron-convert.js';
import { configArgs, feedArgs, groupBySchedule, slug, type PrintContext } from './print-context.js';

/** YAML single-quoted scalar. */
const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** GitHub runs scheduled workflows at most every 5 minutes. */
function tooOften(cron: string): boolean {
  const minute = cron.split(/\s+/)[0]!;
  const step = /^\*\/(\d+)$/.exec(minute);
  return minute === '*' || (step !== null && Number(step[1]) < 5);
}

/**
 * A workflow with one `on.schedule` cron per schedule, converted to UTC (GitHub Actions knows no
 * time zones), one step per schedule that runs its feeds when that cron fired (all of them on a
 * manual run), the state folder kept between runs with actions/cache, and the reports uploaded.
 */
export function printGithubActions(ctx: PrintContext): string {
  const groups = groupBySchedule(ctx.feeds).map((g) => ({ ...g, utc: toUtcCron(g.cron, g.timezone, ctx.now) }));
  const name = slug(ctx.project.config.name);
  const dir = ctx.repoPath && ctx.repoPath !== '.' ? ctx.repoPath : undefined;
  const state = dir ? `${dir}/${ctx.project.config.state}` : ctx.project.config.state;
  const lines = [`# .github/workflows/shelfcast-${name}.yml: publishes the feeds of "${ctx.project.config.name}" on schedule.`];
  const skipped = groups.filter((g) => !g.utc.cron);
  for (const g of skipped) lines.push(`# NOT SCHEDULED: ${g.ids.join(', ')}: ${g.utc.note}.`);
  for (const g of groups) if (g.utc.cron && g.utc.note) lines.push(`# ${g.ids.join(', ')}: ${g.utc.note}.`);
  for (const g of groups) if (g.utc.cron && tooOften(g.utc.cron)) lines.push(`# ${g.ids.join(', ')}: GitHub Actions runs schedules at most every 5 minutes (and may start them late); use \`shelfcast schedule\` for more.`);
  const scheduled = groups.filter((g) => g.utc.cron);
  lines.push(`name: shelfcast ${ctx.project.config.name.replace(/[\n\r]/g, ' ')}`, 'on:', '  schedule:');
  for (const g of scheduled) lines.push(`    - cron: ${q(g.utc.cron!)} # ${g.ids.join(', ')}${g.timezone ? `: ${g.cron} in ${g.timezone}` : ''}`);
  lines.push(
    '  workflow_dispatch:',
    '# One run at a time: a late run waits for the one before it.',
    'concurrency:',
    `  group: shelfcast-${name}`,
    '  cancel-in-progress: false',
    'jobs:',
    '  publish:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 60',
    ...(dir ? ['    defaults:', '      run:', `        working-directory: ${q(dir)}`] : []),
    '    steps:',
    '      - uses: actions/checkout@v4',
    '      - uses: actions/setup-node@v4',
    '        with:',
    '          node-version: 22',
    '      - run: npm ci',
    '      # History, the publish guard and the kept versions live in the state folder.',
    '      - uses: actions/cache@v4',
    '        with:',
    `          path: ${q(state)}`,
    `          key: shelfcast-${name}-state-\${{ github.run_id }}`,
    `          restore-keys: shelfcast-${name}-state-`,
  );
  for (const g of scheduled) {
    const args = [...(ctx.bin === 'shelfcast' ? ['npx', '--no-install', 'shelfcast'] : [ctx.bin]), ...configArgs(ctx), 'run', ...feedArgs(g.ids), '--report', `html=shelfcast-report-${slug(g.ids.join('-'))}.html`, '--report', `junit=shelfcast-junit-${slug(g.ids.join('-'))}.xml`];
    lines.push(
      `      - name: ${q(`publish ${g.ids.join(', ')}`)}`,
      // !cancelled(): one feed's failure must not stop the next step on a manual run.
      `        if: \${{ !cancelled() && (github.event_name == 'workflow_dispatch' || github.event.schedule == ${q(g.utc.cron!)}) }}`,
      `        run: ${args.join(' ')}`,
      '        # Credentials of the destinations come from repository secrets, e.g.',
      '        # env:',
      '        #   SFTP_PASSWORD: ${{ secrets.SFTP_PASSWORD }}',
    );
  }
  lines.push(
    '      - if: always()',
    '        uses: actions/upload-artifact@v4',
    '        with:',
    '          name: shelfcast-reports',
    `          path: ${q(dir ? `${dir}/shelfcast-*` : 'shelfcast-*')}`,
    '          if-no-files-found: ignore',
  );
  return `${lines.join('\n')}\n`;
}

import { toUtcCron } from './cron-convert.js';
import { configArgs, groupBySchedule, slug, type PrintContext } from './print-context.js';

/**
 * What the one-job workflow (`print-github-actions.ts`) and the sharded one
 * (`print-github-actions-sharded.ts`) share: the triggers, the one-run-at-a-time rule, the setup
 * steps, the state cache and the reports upload. One place, so that both workflows keep the same
 * schedule, state and concurrency when either changes.
 */

/** YAML single-quoted scalar. */
export const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** Feeds that share a schedule, with its cron in UTC (`utc.cron` undefined: GitHub cannot run it). */
export type WorkflowGroup = ReturnType<typeof groupBySchedule>[number] & { utc: ReturnType<typeof toUtcCron> };

export interface Workflow {
  /** The project's name as a slug: the file, concurrency group and cache key names. */
  name: string;
  /** The project's folder in the repository, when it is not the repository's root. */
  dir?: string;
  /** A path of the project's folder, as seen from the repository's root (where actions resolve paths). */
  inDir(p: string): string;
  /** The command line that starts shelfcast with the project's configuration. */
  bin: string;
  groups: WorkflowGroup[];
  /** The groups GitHub can schedule (a UTC cron exists for them). */
  scheduled: WorkflowGroup[];
}

export function workflowOf(ctx: PrintContext): Workflow {
  const groups = groupBySchedule(ctx.feeds).map((g) => ({ ...g, utc: toUtcCron(g.cron, g.timezone, ctx.now) }));
  const dir = ctx.repoPath && ctx.repoPath !== '.' ? ctx.repoPath : undefined;
  return {
    name: slug(ctx.project.config.name),
    dir,
    inDir: (p) => (dir ? `${dir}/${p}` : p),
    bin: (ctx.bin === 'shelfcast' ? ['npx', '--no-install', 'shelfcast'] : [ctx.bin]).concat(configArgs(ctx)).join(' '),
    groups,
    scheduled: groups.filter((g) => g.utc.cron),
  };
}

/** GitHub runs scheduled workflows at most every 5 minutes. */
function tooOften(cron: string): boolean {
  const minute = cron.split(/\s+/)[0]!;
  const step = /^\*\/(\d+)$/.exec(minute);
  return minute === '*' || (step !== null && Number(step[1]) < 5);
}

/**
 * From the file's first comment to `jobs:`: what the workflow does, the schedules it could not
 * convert or had to approximate, one `on.schedule` cron per schedule in UTC (GitHub Actions knows no
 * time zones), manual runs, and one run at a time.
 */
export function workflowHead(ctx: PrintContext, w: Workflow, does: string): string[] {
  const lines = [`# .github/workflows/shelfcast-${w.name}.yml: ${does}.`];
  for (const g of w.groups) if (!g.utc.cron) lines.push(`# NOT SCHEDULED: ${g.ids.join(', ')}: ${g.utc.note}.`);
  for (const g of w.scheduled) if (g.utc.note) lines.push(`# ${g.ids.join(', ')}: ${g.utc.note}.`);
  for (const g of w.scheduled) if (tooOften(g.utc.cron!)) lines.push(`# ${g.ids.join(', ')}: GitHub Actions runs schedules at most every 5 minutes (and may start them late); use \`shelfcast schedule\` for more.`);
  lines.push(`name: shelfcast ${ctx.project.config.name.replace(/[\n\r]/g, ' ')}`, 'on:', '  schedule:');
  for (const g of w.scheduled) lines.push(`    - cron: ${q(g.utc.cron!)} # ${g.ids.join(', ')}${g.timezone ? `: ${g.cron} in ${g.timezone}` : ''}`);
  lines.push(
    '  workflow_dispatch:',
    '# One run at a time: a late run waits for the one before it.',
    'concurrency:',
    `  group: shelfcast-${w.name}`,
    '  cancel-in-progress: false',
    'jobs:',
  );
  return lines;
}

/** A job's `defaults:` that run its steps in the project's folder (nothing at the repository's root). */
export const jobDefaults = (w: Workflow): string[] => (w.dir ? ['    defaults:', '      run:', `        working-directory: ${q(w.dir)}`] : []);

/** Checkout, Node 20 and the project's dependencies: the first steps of every job that runs shelfcast. */
export const setupSteps = ['      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 22', '      - run: npm ci'];

/** The state folder kept from run to run: the publishing job's step before it runs shelfcast. */
export const stateCacheStep = (ctx: PrintContext, w: Workflow): string[] => [
  '      # History, the publish guard and the kept versions live in the state folder.',
  '      - uses: actions/cache@v4',
  '        with:',
  `          path: ${q(w.inDir(ctx.project.config.state))}`,
  `          key: shelfcast-${w.name}-state-\${{ github.run_id }}`,
  `          restore-keys: shelfcast-${w.name}-state-`,
];

/** Follows a publishing step: where its destinations' credentials come from. */
export const secretsHint = ['        # Credentials of the destinations come from repository secrets, e.g.', '        # env:', '        #   SFTP_PASSWORD: ${{ secrets.SFTP_PASSWORD }}'];

/** The last step of the publishing job: the HTML and JUnit reports, also when a step failed. */
export const reportsUpload = (w: Workflow, pattern: string): string[] => [
  '      - if: always()',
  '        uses: actions/upload-artifact@v4',
  '        with:',
  '          name: shelfcast-reports',
  `          path: ${q(w.inDir(pattern))}`,
  '          if-no-files-found: ignore',
];

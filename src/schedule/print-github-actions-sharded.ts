import { toUtcCron } from './cron-convert.js';
import { configArgs, groupBySchedule, slug, type PrintContext } from './print-context.js';

/** YAML single-quoted scalar. */
const q = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * A workflow for a sharded build (`schedule --print github-actions --shards N`): a `plan` job fixes
 * the clock of the run and the feeds due (by the cron that fired), a matrix of N `shard` jobs each
 * builds its shard and uploads it as an artifact, and a `merge` job downloads them all, merges,
 * guards and publishes with the state folder cached between runs, as the single-job workflow does.
 * A failed shard is re-run alone ("Re-run failed jobs"): shards are idempotent.
 */
export function printGithubActionsSharded(ctx: PrintContext): string {
  const shards = ctx.shards ?? 1;
  const groups = groupBySchedule(ctx.feeds).map((g) => ({ ...g, utc: toUtcCron(g.cron, g.timezone, ctx.now) }));
  const name = slug(ctx.project.config.name);
  const dir = ctx.repoPath && ctx.repoPath !== '.' ? ctx.repoPath : undefined;
  const inDir = (p: string) => (dir ? `${dir}/${p}` : p);
  const bin = (ctx.bin === 'shelfcast' ? ['npx', '--no-install', 'shelfcast'] : [ctx.bin]).concat(configArgs(ctx)).join(' ');
  const scheduled = groups.filter((g) => g.utc.cron);
  const lines = [`# .github/workflows/shelfcast-${name}.yml: publishes the feeds of "${ctx.project.config.name}" on schedule, each run cut into ${shards} shards.`];
  for (const g of groups) if (!g.utc.cron) lines.push(`# NOT SCHEDULED: ${g.ids.join(', ')}: ${g.utc.note}.`);
  for (const g of scheduled) if (g.utc.note) lines.push(`# ${g.ids.join(', ')}: ${g.utc.note}.`);
  lines.push(`name: shelfcast ${ctx.project.config.name.replace(/[\n\r]/g, ' ')}`, 'on:', '  schedule:');
  for (const g of scheduled) lines.push(`    - cron: ${q(g.utc.cron!)} # ${g.ids.join(', ')}${g.timezone ? `: ${g.cron} in ${g.timezone}` : ''}`);
  const defaults = dir ? ['    defaults:', '      run:', `        working-directory: ${q(dir)}`] : [];
  const setup = ['      - uses: actions/checkout@v4', '      - uses: actions/setup-node@v4', '        with:', '          node-version: 20', '      - run: npm ci'];
  // The feeds due: those of the cron that fired, every scheduled one on a manual run.
  const cases = scheduled.map((g) => `            ${q(g.utc.cron!).replace(/^'|'$/g, '"')}) feeds=${q(g.ids.map((id) => `--feed ${id}`).join(' '))} ;;`);
  lines.push(
    '  workflow_dispatch:',
    '# One run at a time: a late run waits for the one before it.',
    'concurrency:',
    `  group: shelfcast-${name}`,
    '  cancel-in-progress: false',
    'jobs:',
    '  plan:',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 5',
    '    outputs:',
    '      at: ${{ steps.plan.outputs.at }}',
    '      feeds: ${{ steps.plan.outputs.feeds }}',
    '    steps:',
    '      # Every shard builds with the same clock, and the same feeds.',
    '      - id: plan',
    '        env:',
    '          SCHEDULE: ${{ github.event.schedule }}',
    '        run: |',
    `          feeds=${q(scheduled.flatMap((g) => g.ids).map((id) => `--feed ${id}`).join(' '))}`,
    '          case "$SCHEDULE" in',
    ...cases,
    '          esac',
    '          echo "at=$(date -u +%Y-%m-%dT%H:%M:%SZ)" >> "$GITHUB_OUTPUT"',
    '          echo "feeds=$feeds" >> "$GITHUB_OUTPUT"',
    '  shard:',
    '    needs: plan',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 60',
    '    strategy:',
    '      # The other shards finish, so that only the failed one is run again.',
    '      fail-fast: false',
    '      matrix:',
    `        shard: [${Array.from({ length: shards }, (_, k) => k).join(', ')}]`,
    ...defaults,
    '    steps:',
    ...setup,
    `      - run: ${bin} build \${{ needs.plan.outputs.feeds }} --shard \${{ matrix.shard }}/${shards} --shard-dir shelfcast-shards --at \${{ needs.plan.outputs.at }}`,
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: shelfcast-shard-${{ matrix.shard }}',
    `          path: ${q(inDir('shelfcast-shards'))}`,
    '          if-no-files-found: error',
    '          retention-days: 1',
    '  merge:',
    '    needs: [plan, shard]',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 60',
    ...defaults,
    '    steps:',
    ...setup,
    '      # History, the publish guard and the kept versions live in the state folder.',
    '      - uses: actions/cache@v4',
    '        with:',
    `          path: ${q(inDir(ctx.project.config.state))}`,
    `          key: shelfcast-${name}-state-\${{ github.run_id }}`,
    `          restore-keys: shelfcast-${name}-state-`,
    '      - uses: actions/download-artifact@v4',
    '        with:',
    '          pattern: shelfcast-shard-*',
    '          merge-multiple: true',
    `          path: ${q(inDir('shelfcast-shards'))}`,
    `      - run: ${bin} merge --shards ${shards} --shard-dir shelfcast-shards --report html=shelfcast-report.html --report junit=shelfcast-junit.xml`,
    '        # Credentials of the destinations come from repository secrets, e.g.',
    '        # env:',
    '        #   SFTP_PASSWORD: ${{ secrets.SFTP_PASSWORD }}',
    '      - if: always()',
    '        uses: actions/upload-artifact@v4',
    '        with:',
    '          name: shelfcast-reports',
    `          path: ${q(inDir('shelfcast-*.*'))}`,
    '          if-no-files-found: ignore',
  );
  return `${lines.join('\n')}\n`;
}

import type { PrintContext } from './print-context.js';
import { jobDefaults, q, reportsUpload, secretsHint, setupSteps, stateCacheStep, workflowHead, workflowOf } from './github-workflow.js';

/**
 * A workflow for a sharded build (`schedule --print github-actions --shards N`): a `plan` job fixes
 * the clock of the run and the feeds due (by the cron that fired), a matrix of N `shard` jobs each
 * builds its shard and uploads it as an artifact, and a `merge` job downloads them all, merges,
 * guards and publishes with the state folder cached between runs, as the single-job workflow does.
 * A failed shard is re-run alone ("Re-run failed jobs"): shards are idempotent.
 */
export function printGithubActionsSharded(ctx: PrintContext): string {
  const shards = ctx.shards ?? 1;
  const w = workflowOf(ctx);
  const lines = workflowHead(ctx, w, `publishes the feeds of "${ctx.project.config.name}" on schedule, each run cut into ${shards} shards`);
  // The feeds due: those of the cron that fired, every scheduled one on a manual run.
  const cases = w.scheduled.map((g) => `            ${q(g.utc.cron!).replace(/^'|'$/g, '"')}) feeds=${q(g.ids.map((id) => `--feed ${id}`).join(' '))} ;;`);
  lines.push(
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
    `          feeds=${q(w.scheduled.flatMap((g) => g.ids).map((id) => `--feed ${id}`).join(' '))}`,
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
    ...jobDefaults(w),
    '    steps:',
    ...setupSteps,
    `      - run: ${w.bin} build \${{ needs.plan.outputs.feeds }} --shard \${{ matrix.shard }}/${shards} --shard-dir shelfcast-shards --at \${{ needs.plan.outputs.at }}`,
    '      - uses: actions/upload-artifact@v4',
    '        with:',
    '          name: shelfcast-shard-${{ matrix.shard }}',
    `          path: ${q(w.inDir('shelfcast-shards'))}`,
    '          if-no-files-found: error',
    '          retention-days: 1',
    '  merge:',
    '    needs: [plan, shard]',
    '    runs-on: ubuntu-latest',
    '    timeout-minutes: 60',
    ...jobDefaults(w),
    '    steps:',
    ...setupSteps,
    ...stateCacheStep(ctx, w),
    '      - uses: actions/download-artifact@v4',
    '        with:',
    '          pattern: shelfcast-shard-*',
    '          merge-multiple: true',
    `          path: ${q(w.inDir('shelfcast-shards'))}`,
    `      - run: ${w.bin} merge --shards ${shards} --shard-dir shelfcast-shards --report html=shelfcast-report.html --report junit=shelfcast-junit.xml`,
    ...secretsHint,
    // Not the shard folder (shelfcast-shards): the reports only.
    ...reportsUpload(w, 'shelfcast-*.*'),
  );
  return `${lines.join('\n')}\n`;
}

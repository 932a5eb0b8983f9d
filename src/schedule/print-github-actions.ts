import { feedArgs, slug, type PrintContext } from './print-context.js';
import { jobDefaults, q, reportsUpload, secretsHint, setupSteps, stateCacheStep, workflowHead, workflowOf } from './github-workflow.js';

/**
 * A workflow with one `on.schedule` cron per schedule, converted to UTC (GitHub Actions knows no
 * time zones), one step per schedule that runs its feeds when that cron fired (all of them on a
 * manual run), the state folder kept between runs with actions/cache, and the reports uploaded.
 */
export function printGithubActions(ctx: PrintContext): string {
  const w = workflowOf(ctx);
  const lines = workflowHead(ctx, w, `publishes the feeds of "${ctx.project.config.name}" on schedule`);
  lines.push('  publish:', '    runs-on: ubuntu-latest', '    timeout-minutes: 60', ...jobDefaults(w), '    steps:', ...setupSteps, ...stateCacheStep(ctx, w));
  for (const g of w.scheduled) {
    const reports = ['--report', `html=shelfcast-report-${slug(g.ids.join('-'))}.html`, '--report', `junit=shelfcast-junit-${slug(g.ids.join('-'))}.xml`];
    lines.push(
      `      - name: ${q(`publish ${g.ids.join(', ')}`)}`,
      // !cancelled(): one feed's failure must not stop the next step on a manual run.
      `        if: \${{ !cancelled() && (github.event_name == 'workflow_dispatch' || github.event.schedule == ${q(g.utc.cron!)}) }}`,
      `        run: ${[w.bin, 'run', ...feedArgs(g.ids), ...reports].join(' ')}`,
      ...secretsHint,
    );
  }
  lines.push(...reportsUpload(w, 'shelfcast-*'));
  return `${lines.join('\n')}\n`;
}

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedProject } from '../../src/config/load.js';
import type { PrintContext } from '../../src/schedule/print-context.js';
import { printGithubActions } from '../../src/schedule/print-github-actions.js';
import { printGithubActionsSharded } from '../../src/schedule/print-github-actions-sharded.js';
import { printKubernetes } from '../../src/schedule/print-kubernetes.js';
import type { ScheduledFeed } from '../../src/schedule/scheduler.js';
import { REPO, runCli } from '../e2e/cli.js';
import { startS3Server, type S3Server } from '../servers/s3-server.js';
import { errorsOf, readSpec, vendorAjv } from '../servers/spec-files.js';
import { twoFeedProject } from './project.js';

function context(feeds: ScheduledFeed[], extra: Partial<PrintContext> = {}): PrintContext {
  const project = { root: '/srv/shop', configFile: '/srv/shop/shelfcast.yaml', config: { name: 'Demo Shop', state: '.shelfcast' }, feeds: [] } as unknown as LoadedProject;
  return { project, feeds, bin: 'shelfcast', now: new Date('2026-01-15T12:00:00Z'), ...extra };
}

/** The Kubernetes schemas name a meta-schema ajv does not know; they are draft-04-compatible as they stand. */
function k8sValidator(file: string) {
  const schema = readSpec(`kubernetes/${file}`);
  delete schema.$schema;
  return vendorAjv().compile(schema);
}

const FEEDS: ScheduledFeed[] = [
  { id: 'google', cron: '0 */6 * * *' },
  { id: 'meta', cron: '30 2 * * *', timezone: 'Europe/Berlin' },
];

describe('schedule --print kubernetes --shards N', () => {
  it('prints CronJobs of Indexed Jobs that validate against the Kubernetes schemas', () => {
    const docs = parseAllDocuments(printKubernetes(context(FEEDS, { shards: 5 }))).map((d) => d.toJSON());
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'CronJob', 'CronJob']);
    expect(docs[0].spec.accessModes).toEqual(['ReadWriteMany']);
    const cron = k8sValidator('cronjob-batch-v1.json');
    const job = k8sValidator('job-batch-v1.json');
    for (const d of docs.slice(1)) {
      expect(errorsOf(cron, d)).toEqual([]);
      // The Job the CronJob makes, as the API server will see it.
      expect(errorsOf(job, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' }, spec: d.spec.jobTemplate.spec })).toEqual([]);
      const spec = d.spec.jobTemplate.spec;
      expect(spec).toMatchObject({ completionMode: 'Indexed', completions: 5, parallelism: 5, backoffLimitPerIndex: 2, maxFailedIndexes: 0 });
      expect(spec.template.spec.restartPolicy).toBe('Never');
      expect(spec.podFailurePolicy.rules[0]).toEqual({ action: 'FailJob', onExitCodes: { containerName: 'shelfcast', operator: 'In', values: [1] } });
      expect(spec.template.spec.containers[0].command[2]).toContain('--shard "$JOB_COMPLETION_INDEX/5"');
    }
    expect(docs[1].spec.schedule).toBe('0 */6 * * *');
    expect(docs[2].spec).toMatchObject({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid' });
    expect(docs[2].spec.jobTemplate.spec.template.spec.containers[0].command[2]).toContain("merge --shards 5 --wait 100m --quiet --shard-dir");
  });

  it('without --shards prints one pod that runs the feeds', () => {
    const docs = parseAllDocuments(printKubernetes(context([{ id: 'google', cron: '0 */6 * * *' }, { id: 'fast', cron: '*/10 * * * * *' }]))).map((d) => d.toJSON());
    expect(docs.map((d) => d.kind)).toEqual(['PersistentVolumeClaim', 'CronJob']);
    expect(errorsOf(k8sValidator('cronjob-batch-v1.json'), docs[1])).toEqual([]);
    expect(docs[1].spec.jobTemplate.spec.completionMode).toBeUndefined();
    expect(docs[1].spec.jobTemplate.spec.template.spec.containers[0].command[2]).toBe('exec shelfcast run --feed google --quiet\n');
  });

  it("each pod's script, run for every index, builds its shard and pod 0 merges and publishes", async () => {
    const dir = await twoFeedProject();
    const data = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-k8s-'));
    try {
      const text = printKubernetes(context([{ id: 'google', cron: '0 * * * *' }, { id: 'meta', cron: '0 * * * *' }], { shards: 3, bin: path.join(REPO, 'bin', 'shelfcast.js') }));
      const pod = parseAllDocuments(text)[1]!.toJSON().spec.jobTemplate.spec.template.spec.containers[0];
      const script = (pod.command[2] as string).replaceAll('/var/lib/shelfcast', data);
      const run = (index: number) =>
        new Promise<{ code: number; stderr: string }>((resolve) => {
          execFile('/bin/sh', ['-c', script], { cwd: dir, env: { PATH: process.env.PATH, JOB_COMPLETION_INDEX: String(index), JOB_NAME: 'shelfcast-demo-shop-29000000' } }, (err, _o, stderr) =>
            resolve({ code: err ? Number(err.code) : 0, stderr }),
          );
        });
      // Pod 0 starts first and waits for the others, as it may in the cluster.
      const pods = [run(0), run(1), run(2)];
      const results = await Promise.all(pods);
      expect(results.map((r) => r.code), results.map((r) => r.stderr).join('\n')).toEqual([0, 0, 0]);
      const out = path.join(dir, 'out');
      expect((await readdir(out)).sort()).toEqual(['google.xml', 'meta.csv']);
      const merged = await Promise.all(['google.xml', 'meta.csv'].map((f) => readFile(path.join(out, f))));
      // A one-machine build writes the same bytes (the runs' clocks differ; these feeds hold no dates).
      const one = await runCli(['build', '--feed', 'google', '--feed', 'meta', '--quiet'], dir);
      expect(one.code).toBe(0);
      expect(await Promise.all(['google.xml', 'meta.csv'].map((f) => readFile(path.join(out, f))))).toEqual(merged);
      const history = JSON.parse((await runCli(['history', '--json'], dir)).stdout);
      expect(JSON.stringify(history)).toContain('merge');
      // The Job's shard folder is gone once merged.
      expect(await readdir(path.join(data, 'shards'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await rm(data, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('schedule --print kubernetes --shards N --shard-dir s3://bucket/prefix', () => {
  let s3: S3Server;
  beforeAll(async () => {
    s3 = await startS3Server({ buckets: ['shelfcast-runs'] });
  });
  afterAll(async () => {
    await s3.stop();
  });

  it('keeps the shard folders in S3: valid Jobs, no shard mount, and the pods build, merge and publish through S3', async () => {
    const dir = await twoFeedProject();
    try {
      const text = printKubernetes(context([{ id: 'google', cron: '0 * * * *' }, { id: 'meta', cron: '0 * * * *' }], { shards: 3, shardDir: 's3://shelfcast-runs/demo/', bin: path.join(REPO, 'bin', 'shelfcast.js') }));
      expect(text).toContain('lifecycle rule that expires s3://shelfcast-runs/demo/ after');
      const docs = parseAllDocuments(text).map((d) => d.toJSON());
      expect(errorsOf(k8sValidator('cronjob-batch-v1.json'), docs[1])).toEqual([]);
      const pod = docs[1].spec.jobTemplate.spec.template.spec.containers[0];
      expect(pod.volumeMounts.map((m: { subPath: string }) => m.subPath)).toEqual(['state']);
      expect(pod.command[2]).toContain('--shard-dir "s3://shelfcast-runs/demo/$JOB_NAME"');
      expect(pod.command[2]).not.toContain('rm -rf');
      const env = { AWS_ENDPOINT_URL_S3: s3.endpoint, AWS_REGION: s3.region, AWS_ACCESS_KEY_ID: s3.accessKeyId, AWS_SECRET_ACCESS_KEY: s3.secretAccessKey };
      const run = (index: number) =>
        new Promise<{ code: number; stderr: string }>((resolve) => {
          execFile('/bin/sh', ['-c', pod.command[2]], { cwd: dir, env: { PATH: process.env.PATH, ...env, JOB_COMPLETION_INDEX: String(index), JOB_NAME: 'shelfcast-demo-shop-29000001' } }, (err, _o, stderr) =>
            resolve({ code: err ? Number(err.code) : 0, stderr }),
          );
        });
      const results = await Promise.all([run(0), run(1), run(2)]);
      expect(results.map((r) => r.code), results.map((r) => r.stderr).join('\n')).toEqual([0, 0, 0]);
      const keys = [...s3.objects.keys()].filter((k) => k.startsWith('shelfcast-runs/demo/shelfcast-demo-shop-29000001/'));
      expect(keys.filter((k) => /shard-\d-of-3\.(json|units)$/.test(k))).toHaveLength(6);
      const out = path.join(dir, 'out');
      const merged = await Promise.all(['google.xml', 'meta.csv'].map((f) => readFile(path.join(out, f))));
      const one = await runCli(['build', '--feed', 'google', '--feed', 'meta', '--quiet'], dir);
      expect(one.code).toBe(0);
      expect(await Promise.all(['google.xml', 'meta.csv'].map((f) => readFile(path.join(out, f))))).toEqual(merged);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('takes --shard-dir only as an S3 prefix, with kubernetes and --shards', async () => {
    const dir = await twoFeedProject({ google: 'schedule: "0 */6 * * *"' });
    try {
      const ok = await runCli(['schedule', '--print', 'kubernetes', '--shards', '2', '--shard-dir', 's3://shelfcast-runs/shop'], dir);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('--shard-dir "s3://shelfcast-runs/shop/$JOB_NAME"');
      for (const [args, message] of [
        [['--print', 'kubernetes', '--shards', '2', '--shard-dir', 's3://shelfcast-runs/$(id)'], 'give an S3 prefix as s3://bucket/prefix'],
        [['--print', 'kubernetes', '--shards', '2', '--shard-dir', '/mnt/shards'], 'give an S3 prefix as s3://bucket/prefix'],
        [['--print', 'kubernetes', '--shard-dir', 's3://shelfcast-runs/shop'], 'with --print kubernetes --shards N'],
        [['--print', 'github-actions', '--shards', '2', '--shard-dir', 's3://shelfcast-runs/shop'], 'GitHub Actions carries the shards as artifacts'],
      ] as const) {
        const bad = await runCli(['schedule', ...args], dir);
        expect(bad.code, args.join(' ')).toBe(2);
        expect(bad.stderr).toContain(message);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('schedule --print github-actions --shards N', () => {
  it('prints a plan job, a matrix of shards with artifacts and a merge job, valid against the workflow schema', () => {
    const text = printGithubActionsSharded(context(FEEDS, { shards: 4, repoPath: 'shop' }));
    const wf = parseYaml(text);
    expect(errorsOf(vendorAjv().compile(readSpec('github/github-workflow.json')), wf)).toEqual([]);
    expect(Object.keys(wf.jobs)).toEqual(['plan', 'shard', 'merge']);
    expect(wf.jobs.shard.strategy).toEqual({ 'fail-fast': false, matrix: { shard: [0, 1, 2, 3] } });
    expect(wf.jobs.shard.needs).toBe('plan');
    const build = wf.jobs.shard.steps.find((s: { run?: string }) => s.run?.includes('--shard '));
    expect(build.run).toBe('npx --no-install shelfcast build ${{ needs.plan.outputs.feeds }} --shard ${{ matrix.shard }}/4 --shard-dir shelfcast-shards --at ${{ needs.plan.outputs.at }}');
    expect(wf.jobs.shard.steps.at(-1).with).toMatchObject({ name: 'shelfcast-shard-${{ matrix.shard }}', path: 'shop/shelfcast-shards' });
    expect(wf.jobs.merge.needs).toEqual(['plan', 'shard']);
    const download = wf.jobs.merge.steps.find((s: { uses?: string }) => s.uses === 'actions/download-artifact@v4');
    expect(download.with).toEqual({ pattern: 'shelfcast-shard-*', 'merge-multiple': true, path: 'shop/shelfcast-shards' });
    expect(wf.jobs.merge.steps.some((s: { run?: string }) => s.run?.includes('merge --shards 4 --shard-dir shelfcast-shards'))).toBe(true);
    // The feeds of the cron that fired, converted to UTC like the crons themselves.
    const plan = wf.jobs.plan.steps[0].run as string;
    expect(plan).toContain(`"30 1 * * *") feeds='--feed meta' ;;`);
    expect(plan).toContain(`feeds='--feed google --feed meta'`);
  });

  it('has the triggers, concurrency, setup, state cache and notes of the one-job workflow', () => {
    const feeds: ScheduledFeed[] = [...FEEDS, { id: 'fast', cron: '*/2 * * * *' }];
    const ctx = context(feeds, { shards: 2, repoPath: 'shop' });
    const one = parseYaml(printGithubActions(ctx));
    const sharded = parseYaml(printGithubActionsSharded(ctx));
    expect(sharded.on).toEqual(one.on);
    expect(sharded.concurrency).toEqual(one.concurrency);
    const cache = (job: { steps: Array<{ uses?: string }> }) => job.steps.find((s) => s.uses === 'actions/cache@v4');
    expect(cache(sharded.jobs.merge)).toEqual(cache(one.jobs.publish));
    expect(sharded.jobs.merge.steps.slice(0, 3)).toEqual(one.jobs.publish.steps.slice(0, 3));
    expect(sharded.jobs.merge.defaults).toEqual(one.jobs.publish.defaults);
    expect(printGithubActionsSharded(ctx)).toContain('# fast: GitHub Actions runs schedules at most every 5 minutes');
  });

  it('is what `schedule --print github-actions --shards 3` prints, and --shards is refused for crontab', async () => {
    const dir = await twoFeedProject({ google: 'schedule: "0 */6 * * *"' });
    try {
      const out = await runCli(['schedule', '--print', 'github-actions', '--shards', '3'], dir);
      expect(out.code, out.stderr).toBe(0);
      expect(parseYaml(out.stdout).jobs.shard.strategy.matrix.shard).toEqual([0, 1, 2]);
      const k8s = await runCli(['schedule', '--print', 'kubernetes', '--shards', '3'], dir);
      expect(k8s.code, k8s.stderr).toBe(0);
      const bad = await runCli(['schedule', '--print', 'crontab', '--shards', '3'], dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('print kubernetes or github-actions');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

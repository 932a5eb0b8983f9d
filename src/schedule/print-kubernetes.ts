import { stringify } from 'yaml';
import { cronFields } from './cron-convert.js';
import { configArgs, feedArgs, groupBySchedule, shellQuote, slug, type PrintContext } from './print-context.js';

/** Where the printed pods mount the project's shared volume, and its two folders there. */
const DATA = '/var/lib/shelfcast';
const PROJECT = '/project';

/** How long the merge (index 0) waits for the other shards; the Job's own deadline is a little longer. */
const WAIT_MINUTES = 100;

/**
 * Kubernetes CronJobs, one per schedule. With `--shards N` the CronJob's Job is an Indexed Job of
 * N completions: pod K builds shard K (JOB_COMPLETION_INDEX) into a folder of that Job on a shared
 * volume, and pod 0 then waits for the others and merges: guard, publish, history, as `run` does.
 * A pod that fails is retried with its index (backoffLimitPerIndex); exit 1 (problems in the data)
 * fails the Job at once, since a retry would give the same answer.
 */
export function printKubernetes(ctx: PrintContext): string {
  const shards = ctx.shards ?? 1;
  const name = slug(ctx.project.config.name);
  const groups = groupBySchedule(ctx.feeds);
  const s3 = s3Of(ctx);
  const head = [
    `# shelfcast on Kubernetes: publishes the feeds of "${ctx.project.config.name}" on schedule${shards > 1 ? `, each run cut into ${shards} shards` : ''}.`,
    `# Apply with \`kubectl apply -f\`. Replace the image by one that holds node, shelfcast and this project in ${PROJECT}`,
    '# (for example FROM node:20-slim, COPY the project, npm ci). Destination credentials come from the Secret',
    '# shelfcast-credentials (kubectl create secret generic shelfcast-credentials --from-literal=SFTP_PASSWORD=...).',
    ...(s3 ? volumeNoteS3(s3) : [`# The volume keeps the state folder (history, publish guard, kept versions)${shards > 1 ? ' and the shard folders; it must be ReadWriteMany (NFS, EFS, Filestore, CephFS)' : ''}.`]),
  ];
  const docs: unknown[] = [pvc(name, shards)];
  for (const g of groups) {
    const f = cronFields(g.cron);
    if (!f || f.second !== '0') {
      head.push(`# NOT SCHEDULED: ${g.ids.join(', ')}: "${g.cron}" needs \`shelfcast schedule\` (a CronJob has no seconds field).`);
      continue;
    }
    const job = groups.length > 1 ? `shelfcast-${name}-${slug(g.ids.join('-'))}`.slice(0, 52).replace(/-$/, '') : `shelfcast-${name}`.slice(0, 52);
    docs.push(cronJob(ctx, job, `${f.minute} ${f.hour} ${f.dom} ${f.month} ${f.dow}`, g.timezone, g.ids, shards));
  }
  return `${head.join('\n')}\n${docs.map((d) => `---\n${stringify(d, { lineWidth: 0 })}`).join('')}`;
}

/** `--shard-dir s3://bucket/prefix`: where the runs' shard folders go instead of the volume. */
const s3Of = (ctx: PrintContext): string | undefined => ((ctx.shards ?? 1) > 1 ? ctx.shardDir?.replace(/\/+$/, '') : undefined);

/** With the shard folders in S3: what the pods need there, and who removes a run's objects. */
const volumeNoteS3 = (s3: string): string[] => [
  `# Each run's shard folder is ${s3}/<job name>: the pods need AWS_REGION and AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY`,
  '# in that Secret (or a role of their service account) allowed s3:GetObject, s3:PutObject and s3:ListBucket there.',
  `# Objects of merged runs stay: give the bucket a lifecycle rule that expires ${s3}/ after a day or two.`,
  '# The volume keeps the state folder (history, publish guard, kept versions), written by pod 0 only; as every pod',
  '# of the Job mounts it, it must be ReadWriteMany (NFS, EFS, Filestore, CephFS), though it stays small.',
];

function pvc(name: string, shards: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: `shelfcast-${name}-data` },
    spec: { accessModes: [shards > 1 ? 'ReadWriteMany' : 'ReadWriteOnce'], resources: { requests: { storage: '20Gi' } } },
  };
}

/** The shell script of a pod: its shard, then (pod 0) the merge and the removal of the Job's shard folder. */
function script(ctx: PrintContext, ids: string[], shards: number): string {
  const sc = (...args: string[]) => [ctx.bin, ...configArgs(ctx), ...args].map(shellQuote).join(' ');
  const feeds = feedArgs(ids);
  if (shards === 1) return `exec ${sc('run', ...feeds, '--quiet')}\n`;
  const s3 = s3Of(ctx);
  // In S3 a lifecycle rule removes a run's objects (see the header); on the volume pod 0 does.
  const dir = s3 ? `${s3}/$JOB_NAME` : `${DATA}/shards/$JOB_NAME`;
  return [
    'set -e',
    `${sc('build', ...feeds, '--quiet')} --shard "$JOB_COMPLETION_INDEX/${shards}" --shard-dir "${dir}"`,
    'if [ "$JOB_COMPLETION_INDEX" = 0 ]; then',
    `  ${sc('merge', '--shards', String(shards), '--wait', `${WAIT_MINUTES}m`, '--quiet')} --shard-dir "${dir}"`,
    ...(s3 ? [] : [`  rm -rf "${dir}"`]),
    'fi',
    '',
  ].join('\n');
}

function cronJob(ctx: PrintContext, jobName: string, cron: string, timezone: string | undefined, ids: string[], shards: number): unknown {
  const state = `${PROJECT}/${ctx.project.config.state.replace(/^\.\//, '')}`;
  const indexed =
    shards > 1
      ? {
          completionMode: 'Indexed',
          completions: shards,
          parallelism: shards,
          // A failed pod is retried with its index; one index that keeps failing fails the Job.
          backoffLimitPerIndex: 2,
          maxFailedIndexes: 0,
        }
      : { backoffLimit: 2 };
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: jobName, labels: { 'app.kubernetes.io/name': 'shelfcast', 'app.kubernetes.io/instance': jobName } },
    spec: {
      schedule: cron,
      ...(timezone ? { timeZone: timezone } : {}),
      // One run at a time: a late run is skipped rather than started beside the one before it.
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 600,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
      jobTemplate: {
        spec: {
          ...indexed,
          activeDeadlineSeconds: (WAIT_MINUTES + 20) * 60,
          ttlSecondsAfterFinished: 86_400,
          podFailurePolicy: {
            rules: [
              // Exit 1 (invalid items, a guard refusal) gives the same answer on a retry. Exit 2 is
              // retried: besides configuration errors it is what a failed read or write of the
              // shard folder or the catalog (S3, the volume) ends with, which a retry may cure.
              { action: 'FailJob', onExitCodes: { containerName: 'shelfcast', operator: 'In', values: [1] } },
              { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
            ],
          },
          template: {
            metadata: { labels: { 'app.kubernetes.io/name': 'shelfcast', 'app.kubernetes.io/instance': jobName } },
            spec: {
              restartPolicy: 'Never',
              containers: [
                {
                  name: 'shelfcast',
                  image: 'registry.example.com/shop/shelfcast-project:latest',
                  workingDir: PROJECT,
                  command: ['/bin/sh', '-c', script(ctx, ids, shards)],
                  env: [
                    // The Job's name: a shard folder of its own for every run, shared by its pods and their retries.
                    { name: 'JOB_NAME', valueFrom: { fieldRef: { fieldPath: "metadata.labels['batch.kubernetes.io/job-name']" } } },
                  ],
                  envFrom: [{ secretRef: { name: 'shelfcast-credentials', optional: true } }],
                  resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } },
                  volumeMounts: [
                    { name: 'data', mountPath: state, subPath: 'state' },
                    ...(shards > 1 && !s3Of(ctx) ? [{ name: 'data', mountPath: `${DATA}/shards`, subPath: 'shards' }] : []),
                  ],
                },
              ],
              volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `shelfcast-${slug(ctx.project.config.name)}-data` } }],
            },
          },
        },
      },
    },
  };
}

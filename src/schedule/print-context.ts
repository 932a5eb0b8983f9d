import path from 'node:path';
import type { LoadedProject } from '../config/load.js';
import { normalizeSchedule } from './schedule-schema.js';
import type { ScheduledFeed } from './scheduler.js';

/** What every `schedule --print` format needs to know about the project. */
export interface PrintContext {
  project: LoadedProject;
  feeds: ScheduledFeed[];
  /** Command that starts shelfcast (`--bin`); default `shelfcast`, which means `installed` where that is known. */
  bin: string;
  /** How this machine starts shelfcast in the project (crontab, systemd): an absolute command and the PATH it needs. */
  installed?: { bin: string; searchPath: string };
  /** Today, for time-zone offsets. */
  now: Date;
  /** Project folder relative to the git repository root (GitHub Actions), when known. */
  repoPath?: string;
  /** `--shards N`: each run cut into N shards and merged (Kubernetes, GitHub Actions); default 1. */
  shards?: number;
  /** `--shard-dir s3://bucket/prefix` (Kubernetes): the runs' shard folders in S3 instead of on the shared volume. */
  shardDir?: string;
}

/** The feeds with a `schedule:` (enabled ones only), as the scheduler sees them. */
export function scheduledFeeds(project: LoadedProject, ids?: readonly string[]): ScheduledFeed[] {
  return project.feeds
    .filter((f) => f.config.enabled && f.config.schedule && (!ids?.length || ids.includes(f.id)))
    .map((f) => ({ id: f.id, ...normalizeSchedule(f.config.schedule!) }));
}

/** `--config` when the project file is not the default one, so the printed command finds it. */
export function configArgs(ctx: PrintContext): string[] {
  const name = path.basename(ctx.project.configFile);
  return name === 'shelfcast.yaml' ? [] : ['--config', name];
}

/** The command crontab and systemd run: `--bin` when given, else the installed copy. */
export const machineBin = (ctx: PrintContext): string => (ctx.bin === 'shelfcast' && ctx.installed ? ctx.installed.bin : ctx.bin);

/** PATH for schedulers, which start with a short one; without `installed`, the usual system folders. */
export const searchPath = (ctx: PrintContext): string => ctx.installed?.searchPath ?? '/usr/local/bin:/usr/bin:/bin';

/** POSIX shell quoting, only when needed. */
export const shellQuote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** Lower-case, dash-separated: for unit and workflow names. */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'shelfcast';

/** Feeds that share the same expression and zone run together: one cron line, one timer. */
export function groupBySchedule(feeds: readonly ScheduledFeed[]): Array<{ cron: string; timezone?: string; ids: string[] }> {
  const groups = new Map<string, { cron: string; timezone?: string; ids: string[] }>();
  for (const f of feeds) {
    const key = `${f.cron}\u0000${f.timezone ?? ''}`;
    const g = groups.get(key) ?? { cron: f.cron, ...(f.timezone ? { timezone: f.timezone } : {}), ids: [] };
    g.ids.push(f.id);
    groups.set(key, g);
  }
  return [...groups.values()];
}

export const feedArgs = (ids: readonly string[]): string[] => ids.flatMap((id) => ['--feed', id]);

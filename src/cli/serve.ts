import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { envSecret } from '../http/env-secret.js';
import type { LoadedProject } from '../config/load.js';
import { ShelfcastError } from '../issues/issue.js';
import { readPublishedSummary } from '../run/published-summary.js';
import { outputDir, stateDir } from '../run/state-paths.js';
import { startFeedServer, type FeedServer } from '../transports/feed-server.js';
import type { CommandContext } from './context.js';

interface ServeOptions {
  config: string;
  port: number;
  host: string;
  authUser?: string;
  authPasswordEnv?: string;
}

const port = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
};

/** Feed file name -> content type, for every feed of the project (enabled or not: its file may still be served). */
export function servedFiles(project: LoadedProject): Map<string, string> {
  return new Map(project.feeds.map((f) => [f.fileName, f.format.contentType]));
}

/**
 * The names of a feed file's last publish (its parts included), from the feed's publish summary in
 * the state folder; undefined when the feed was never built. Rollback restores the summary too.
 */
export function lastPublished(project: LoadedProject): (feedFile: string) => Promise<ReadonlySet<string> | undefined> {
  const feedOfFile = new Map(project.feeds.map((f) => [f.fileName, f.id]));
  const state = stateDir(project);
  return async (feedFile) => {
    const id = feedOfFile.get(feedFile);
    const summary = id === undefined ? undefined : await readPublishedSummary(state, id);
    return summary ? new Set(summary.files.map((f) => f.name)) : undefined;
  };
}

/** Starts the feed server for a loaded project, as `shelfcast serve` does; the caller closes it. */
export async function serveProject(project: LoadedProject, opts: Omit<ServeOptions, 'config'>, env: NodeJS.ProcessEnv): Promise<FeedServer> {
  if (Boolean(opts.authUser) !== Boolean(opts.authPasswordEnv)) {
    throw new ShelfcastError('serve: --auth-user and --auth-password-env go together (the password is read from that environment variable)');
  }
  const auth = opts.authUser ? { username: opts.authUser, password: envSecret(env, opts.authPasswordEnv!, 'serve: --auth-password-env') } : undefined;
  try {
    return await startFeedServer({ dir: outputDir(project), files: servedFiles(project), published: lastPublished(project), auth, host: opts.host, port: opts.port });
  } catch (cause) {
    throw new ShelfcastError(`serve: cannot listen on ${opts.host}:${opts.port}: ${(cause as Error).message} (choose another --port)`, { cause });
  }
}

/**
 * `shelfcast serve`: the project's output folder over HTTP for channels that fetch a feed by URL
 * (Google scheduled fetch, Meta, TikTok, idealo). Runs until interrupted.
 */
export function registerServe(program: Command, ctx: CommandContext): void {
  program
    .command('serve')
    .description('serve the built feeds over HTTP (for channels that fetch a feed by URL)')
    .option('-c, --config <path>', 'project file', 'shelfcast.yaml')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', port, 8080)
    .option('--host <host>', 'interface to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--auth-user <name>', 'require HTTP basic auth with this user name')
    .option('--auth-password-env <NAME>', 'environment variable holding the basic-auth password')
    .action(async (opts: ServeOptions) => {
      const project = await ctx.loadProject(opts.config);
      const served = await serveProject(project, opts, ctx.io.env);
      const dir = outputDir(project);
      const names = [...servedFiles(project).keys()];
      const published = lastPublished(project);
      ctx.io.stderr(`serving ${names.length} feed file(s) from ${path.relative(ctx.io.cwd, dir) || '.'}/ at ${served.url}${opts.authUser ? ' (basic auth)' : ''}\n`);
      for (const n of names) {
        const files = await published(n);
        ctx.io.stderr(files ? `  ${[...files].map((f) => `${served.url}${encodeURIComponent(f)}`).join('\n  ')}\n` : `  ${served.url}${encodeURIComponent(n)} (not built yet: run shelfcast build; until then 404)\n`);
      }
      await new Promise<void>((resolve) => served.server.once('close', () => resolve()));
    });
}

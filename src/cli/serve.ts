import path from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { envSecret } from '../http/env-secret.js';
import type { LoadedProject } from '../config/load.js';
import { ShelfcastError } from '../issues/issue.js';
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

/** Starts the feed server for a loaded project, as `shelfcast serve` does; the caller closes it. */
export async function serveProject(project: LoadedProject, opts: Omit<ServeOptions, 'config'>, env: NodeJS.ProcessEnv): Promise<FeedServer> {
  if (Boolean(opts.authUser) !== Boolean(opts.authPasswordEnv)) {
    throw new ShelfcastError('serve: --auth-user and --auth-password-env go together (the password is read from that environment variable)');
  }
  const auth = opts.authUser ? { username: opts.authUser, password: envSecret(env, opts.authPasswordEnv!, 'serve: --auth-password-env') } : undefined;
  const dir = path.resolve(project.root, project.config.output);
  try {
    return await startFeedServer({ dir, files: servedFiles(project), auth, host: opts.host, port: opts.port });
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
      const dir = path.resolve(project.root, project.config.output);
      const names = [...servedFiles(project).keys()];
      ctx.io.stderr(`serving ${names.length} feed file(s) from ${path.relative(ctx.io.cwd, dir) || '.'}/ at ${served.url}${opts.authUser ? ' (basic auth)' : ''}\n`);
      for (const n of names) ctx.io.stderr(`  ${served.url}${encodeURIComponent(n)}\n`);
      await new Promise<void>((resolve) => served.server.once('close', () => resolve()));
    });
}

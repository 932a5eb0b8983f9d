import { timingSafeEqual } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export interface FeedServerOptions {
  /** Absolute folder holding the published feeds. */
  dir: string;
  /** Feed file name -> content type; only these names (and their `.part-N` splits) are served. */
  files: Map<string, string>;
  /**
   * The names of a feed's last publish, read per request (a scheduled run may publish meanwhile);
   * a name it does not hold (a stale part, a file put there by hand) is not served. Default: every
   * name that `files` allows.
   */
  published?: (feedFile: string) => Promise<ReadonlySet<string> | undefined>;
  /** Basic auth; default none (anyone who reaches the port may fetch). */
  auth?: { username: string; password: string };
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** Port; default 8080, 0 picks a free one. */
  port?: number;
}

export interface FeedServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/** The feed file a served name belongs to: the name itself, or the feed of a `.part-N` split; undefined otherwise. */
export function feedFileOf(name: string, files: Map<string, string>): string | undefined {
  if (files.has(name)) return name;
  const m = /^(.*)\.part-[1-9][0-9]*(\.[^.]+)$/.exec(name);
  return m && files.has(`${m[1]}${m[2]}`) ? `${m[1]}${m[2]}` : undefined;
}

/** The content type of a served name: a feed file, or a `.part-N` split of one; undefined otherwise. */
export function feedContentType(name: string, files: Map<string, string>): string | undefined {
  const feed = feedFileOf(name, files);
  return feed === undefined ? undefined : files.get(feed);
}

/** Opened without following a symlink (O_NOFOLLOW): a link in the output folder never leads out of it. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function authorised(header: string | undefined, auth: FeedServerOptions['auth']): boolean {
  if (!auth) return true;
  const m = /^Basic ([A-Za-z0-9+/=]+)$/i.exec(header ?? '');
  if (!m) return false;
  const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  return i >= 0 && sameSecret(decoded.slice(0, i), auth.username) && sameSecret(decoded.slice(i + 1), auth.password);
}

const acceptsGzip = (header: string | undefined): boolean =>
  (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([0-9.]+)/.exec(p)).find(Boolean);
    return (coding === 'gzip' || coding === '*') && (!q || Number(q[1]) > 0);
  });

function notModified(req: http.IncomingMessage, etag: string, mtime: Date): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm.split(',').some((t) => {
      const tag = t.trim().replace(/^W\//, '');
      return tag === '*' || tag === etag;
    });
  }
  const ims = req.headers['if-modified-since'];
  if (ims) {
    const since = Date.parse(ims);
    return !Number.isNaN(since) && Math.floor(mtime.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

/**
 * Serves the published feeds for channels that fetch by URL. Only the files of each feed's last
 * publish, as regular files in the folder itself: no listing, no other path, no dotfiles, temp
 * files, stale parts or symlinks. Each response reads from one open file
 * descriptor, and publishes replace files by rename, so a response is always one whole version.
 */
async function handle(req: http.IncomingMessage, res: http.ServerResponse, o: FeedServerOptions): Promise<void> {
  res.setHeader('x-content-type-options', 'nosniff');
  if (!authorised(req.headers.authorization, o.auth)) {
    res.writeHead(401, { 'www-authenticate': 'Basic realm="shelfcast feeds", charset="UTF-8"' }).end('authentication required\n');
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  let name: string;
  try {
    name = decodeURIComponent(new URL(req.url ?? '/', 'http://feeds').pathname.slice(1));
  } catch {
    res.writeHead(400).end('bad request\n');
    return;
  }
  // The allowlist alone keeps out `..`, folders and dotfiles; the explicit check states the rule.
  const feed = /[/\\\0]/.test(name) || name.startsWith('.') ? undefined : feedFileOf(name, o.files);
  const last = feed !== undefined && o.published ? await o.published(feed) : undefined;
  if (feed === undefined || (o.published && !last?.has(name))) {
    res.writeHead(404).end('not found\n');
    return;
  }
  const type = o.files.get(feed)!;
  let fh;
  try {
    fh = await open(path.join(o.dir, name), OPEN_FLAGS);
  } catch {
    // ENOENT, or ELOOP for a symlink: both are "no such feed file" to a client.
    res.writeHead(404).end('not found\n');
    return;
  }
  try {
    const st = await fh.stat();
    if (!st.isFile()) {
      res.writeHead(404).end('not found\n');
      return;
    }
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const base = `${st.ino.toString(36)}-${st.size.toString(36)}-${Math.floor(st.mtimeMs).toString(36)}`;
    const etag = `"${base}${gzip ? '-gz' : ''}"`;
    const headers: http.OutgoingHttpHeaders = {
      'content-type': type,
      etag,
      'last-modified': st.mtime.toUTCString(),
      vary: 'Accept-Encoding',
      'cache-control': 'no-cache',
    };
    if (notModified(req, etag, st.mtime)) {
      res.writeHead(304, headers).end();
      return;
    }
    if (gzip) headers['content-encoding'] = 'gzip';
    else headers['content-length'] = st.size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const body = fh.createReadStream({ start: 0, end: Math.max(0, st.size - 1), autoClose: false });
    await (gzip ? pipeline(body, createGzip(), res) : pipeline(body, res));
  } finally {
    await fh.close();
  }
}

export async function startFeedServer(o: FeedServerOptions): Promise<FeedServer> {
  const server = http.createServer((req, res) => {
    handle(req, res, o).catch(() => {
      // A client that goes away mid-download ends here; nothing to report.
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });
  const host = o.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 8080, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

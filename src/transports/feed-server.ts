import { timingSafeEqual } from 'node:crypto';
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

/** The content type of a served name: a feed file, or a `.part-N` split of one; undefined otherwise. */
export function feedContentType(name: string, files: Map<string, string>): string | undefined {
  const exact = files.get(name);
  if (exact) return exact;
  const m = /^(.*)\.part-[1-9][0-9]*(\.[^.]+)$/.exec(name);
  return m ? files.get(`${m[1]}${m[2]}`) : undefined;
}

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
 * Serves the published feeds for channels that fetch by URL. Only the named feed files: no
 * listing, no other path, no dotfiles or temp files. Each response reads from one open file
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
  const type = /[/\\\0]/.test(name) || name.startsWith('.') ? undefined : feedContentType(name, o.files);
  if (!type) {
    res.writeHead(404).end('not found\n');
    return;
  }
  let fh;
  try {
    fh = await open(path.join(o.dir, name), 'r');
  } catch {
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

import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface UploadServer {
  url: string;
  /** Stored bodies by decoded path name (without the leading slash). */
  files: Map<string, Buffer>;
  /** Authorization headers seen, in order. */
  auth: string[];
  /** Other headers seen on the last request. */
  lastHeaders: http.IncomingHttpHeaders;
  /** Requests received, as `METHOD /path`. */
  requests: string[];
  stop(): Promise<void>;
}

/**
 * A loopback HTTP server that stores a PUT/POST body under its path only once the body is
 * complete and matches content-length (what a real receiving server must do for HTTP pushes to
 * be atomic). `requireAuth` answers 401 to any other Authorization header; `redirect` answers a
 * path with a redirect (status and Location) instead of storing it.
 */
export async function startUploadServer(options: { requireAuth?: string; redirect?: (path: string) => { status: number; location: string } | undefined } = {}): Promise<UploadServer> {
  const files = new Map<string, Buffer>();
  const auth: string[] = [];
  const requests: string[] = [];
  const state = { lastHeaders: {} as http.IncomingHttpHeaders };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.lastHeaders = req.headers;
      auth.push(req.headers.authorization ?? '');
      requests.push(`${req.method} ${req.url}`);
      const to = options.redirect?.(new URL(req.url!, 'http://x').pathname);
      if (to) {
        res.writeHead(to.status, { location: to.location }).end();
        return;
      }
      if (options.requireAuth && req.headers.authorization !== options.requireAuth) {
        res.writeHead(401).end('unauthorized');
        return;
      }
      if (req.method !== 'PUT' && req.method !== 'POST') {
        res.writeHead(405).end();
        return;
      }
      const body = Buffer.concat(chunks);
      if (String(body.length) !== req.headers['content-length']) {
        res.writeHead(400).end('incomplete body');
        return;
      }
      files.set(decodeURIComponent(new URL(req.url!, 'http://x').pathname.slice(1)), body);
      res.writeHead(201, { etag: createHash('sha256').update(body).digest('hex') }).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    files,
    auth,
    requests,
    get lastHeaders() {
      return state.lastHeaders;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}

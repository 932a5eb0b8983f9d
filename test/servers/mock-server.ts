import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { seededRandom } from './seeded-random.js';

/**
 * The shared base of every loopback mock API: routing, a request log, and deterministic fault
 * injection (seeded), so each channel's mock only writes its handlers.
 */

export type FaultKind =
  /** 429 with Retry-After, before the handler runs (nothing applied). */
  | '429'
  /** 500 before the handler runs (nothing applied). */
  | '500'
  /** Socket destroyed before the handler runs (nothing applied, but the client cannot know). */
  | 'drop'
  /** Handler runs (the change is applied), then the socket is destroyed: the unclear case. */
  | 'drop-after'
  /** Handler runs, the answer comes after `slowMs`, or never (the client's deadline must fire). */
  | 'slow';

export interface FaultOptions {
  /** Probability in [0, 1] that a request gets a fault. */
  rate: number;
  kinds: FaultKind[];
  /** Seed of the deterministic random; default 1. */
  seed?: number;
  /** Retry-After value sent with 429; default `1`. */
  retryAfter?: string;
  /** Delay of 'slow' answers in ms; default none: the answer never comes. */
  slowMs?: number;
  /** Only these route names get faults; default every route not marked `faults: false`. */
  routes?: string[];
}

export interface MockRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
  /** Regex groups of the route path. */
  params: string[];
  json<T = any>(): T;
}

export interface MockReply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  body?: Buffer | string;
}

export interface MockRoute {
  name: string;
  method: string;
  path: RegExp;
  /** Default true: this route may receive injected faults. */
  faults?: boolean;
  handle(req: MockRequest): MockReply | Promise<MockReply>;
}

export interface LoggedRequest {
  route: string;
  method: string;
  path: string;
  fault?: FaultKind;
  status?: number;
}

export interface MockServer {
  url: string;
  log: LoggedRequest[];
  /** Injected faults by kind. */
  injected: Record<FaultKind, number>;
  setFaults(f: FaultOptions | undefined): void;
  close(): Promise<void>;
}

const readBody = (req: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

/**
 * Starts a mock API on 127.0.0.1 (a free port). `onRequest` runs before each routed request (tests
 * use it to move a fake clock, e.g. to let a pre-signed URL expire).
 */
export async function startMockServer(routes: MockRoute[], faults?: FaultOptions, onRequest?: (route: string) => void): Promise<MockServer> {
  let current = faults;
  let random = seededRandom(faults?.seed ?? 1);
  const log: LoggedRequest[] = [];
  const injected: Record<FaultKind, number> = { '429': 0, '500': 0, drop: 0, 'drop-after': 0, slow: 0 };
  const sockets = new Set<Socket>();

  const pickFault = (route: MockRoute): FaultKind | undefined => {
    if (!current || route.faults === false) return undefined;
    if (current.routes && !current.routes.includes(route.name)) return undefined;
    if (random() >= current.rate) return undefined;
    return current.kinds[Math.floor(random() * current.kinds.length)];
  };

  const send = (res: ServerResponse, reply: MockReply): void => {
    const headers = { ...reply.headers };
    let body: Buffer | string = reply.body ?? '';
    if (reply.json !== undefined) {
      body = JSON.stringify(reply.json);
      headers['content-type'] ??= 'application/json';
    }
    res.writeHead(reply.status, headers);
    res.end(body);
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const route = routes.find((r) => r.method === req.method && r.path.test(url.pathname));
    if (!route) {
      log.push({ route: '(none)', method: req.method ?? '', path: url.pathname, status: 404 });
      return send(res, { status: 404, json: { error: `no route for ${req.method} ${url.pathname}` } });
    }
    onRequest?.(route.name);
    const entry: LoggedRequest = { route: route.name, method: req.method ?? '', path: url.pathname };
    log.push(entry);
    const fault = pickFault(route);
    if (fault) {
      entry.fault = fault;
      injected[fault]++;
    }
    if (fault === '429') return send(res, { status: (entry.status = 429), headers: { 'retry-after': current?.retryAfter ?? '1' }, json: { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota' }] } });
    if (fault === '500') return send(res, { status: (entry.status = 500), json: { errors: [{ code: 'InternalFailure', message: 'injected' }] } });
    if (fault === 'drop') return req.socket.destroy();
    const params = (route.path.exec(url.pathname) ?? []).slice(1);
    const mreq: MockRequest = { method: req.method ?? '', url, headers: req.headers, body, params, json: () => JSON.parse(body.toString('utf8')) };
    let reply: MockReply;
    try {
      reply = await route.handle(mreq);
    } catch (e) {
      reply = { status: 500, json: { error: String(e) } };
    }
    entry.status = reply.status;
    if (fault === 'drop-after') return req.socket.destroy();
    if (fault === 'slow') {
      // Closed when the client gives up or the server closes; answered late only when asked to.
      if (current?.slowMs !== undefined) {
        const timer = setTimeout(() => send(res, reply), current.slowMs);
        res.on('close', () => clearTimeout(timer));
      }
      return;
    }
    send(res, reply);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    injected,
    setFaults(f) {
      current = f;
      random = seededRandom(f?.seed ?? 1);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Where a test server stops answering: the `nth` request of `route` is carried out, its answer never comes, and `reached` is called. */
export interface HoldAnswer {
  route: string;
  nth: number;
  reached: () => void;
}

/**
 * The routes with `hold` applied: a deterministic point to kill a client at, with the server
 * holding what the request did and the client never learning it.
 */
export function withHeldAnswer(routes: MockRoute[], hold: HoldAnswer | undefined): MockRoute[] {
  if (!hold) return routes;
  let seen = 0;
  return routes.map((r) =>
    r.name !== hold.route
      ? r
      : {
          ...r,
          handle: async (req: MockRequest) => {
            const reply = await r.handle(req);
            if (++seen !== hold.nth) return reply;
            hold.reached();
            return new Promise<MockReply>(() => undefined);
          },
        },
  );
}

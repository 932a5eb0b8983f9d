import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Fault kinds a mock API injects: refusals before acting, a dropped connection, a slow answer. */
export type FaultKind = '429' | '500' | 'drop' | 'slow';

export interface FaultOptions {
  /** Share of requests faulted, 0..1; default 0. */
  rate?: number;
  /** Seed of the fault sequence, so a failure reproduces; default 1. */
  seed?: number;
  /** Kinds drawn from, evenly; default all four. */
  kinds?: FaultKind[];
  /** Delay of a slow answer in ms (well inside the client's deadline); default 20. */
  slowMs?: number;
}

/** The shared mulberry32 PRNG, under the name this file's users know. */
import { seededRandom as seeded } from './seeded-random.js';

export { seeded };

export interface MockRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  /** Raw body text. */
  text: string;
  /** Parsed JSON body, when the body is JSON. */
  json?: unknown;
}

export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MockApi {
  url: string;
  /** Every spec violation seen in a request; tests assert it stays empty. */
  violations: string[];
  /** Faults injected, by kind. */
  faults: Record<FaultKind, number>;
  requests: number;
  stop(): Promise<void>;
}

/**
 * A loopback HTTP server playing a channel API. Faults are decided per request from a seeded
 * sequence: 429 (with Retry-After), 500 and dropped connections happen before the handler acts,
 * as load shedding does; a slow answer acts, then answers late.
 */
export async function startMockApi(handle: (req: MockRequest, violations: string[]) => MockReply, options: FaultOptions = {}): Promise<MockApi> {
  const random = seeded(options.seed ?? 1);
  const kinds = options.kinds ?? ['429', '500', 'drop', 'slow'];
  const violations: string[] = [];
  const faults: Record<FaultKind, number> = { '429': 0, '500': 0, drop: 0, slow: 0 };
  const state = { requests: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.requests++;
      const fault = random() < (options.rate ?? 0) ? kinds[Math.floor(random() * kinds.length)]! : undefined;
      if (fault) faults[fault]++;
      if (fault === '429') return void res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' }).end('{"error":{"code":429,"message":"quota"}}');
      if (fault === '500') return void res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":{"code":500,"message":"backend error"}}');
      if (fault === 'drop') return void req.socket.destroy();
      const text = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      if (text && /json/.test(req.headers['content-type'] ?? '')) {
        try {
          json = JSON.parse(text);
        } catch {
          violations.push(`${req.method} ${req.url}: body is not JSON`);
        }
      }
      const reply = handle({ method: req.method!, url: new URL(req.url!, 'http://127.0.0.1'), headers: req.headers, text, json }, violations);
      const send = () => res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body === undefined ? '' : JSON.stringify(reply.body));
      if (fault === 'slow') setTimeout(send, options.slowMs ?? 20);
      else send();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    violations,
    faults,
    get requests() {
      return state.requests;
    },
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

/** Counts per item of what a mock applied: `twice` lists items applied again with the same content. */
export class AppliedLog {
  private seen = new Map<string, number>();
  readonly twice: string[] = [];
  apply(id: string, content: unknown): void {
    const key = `${id}\u0000${JSON.stringify(content)}`;
    const n = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, n);
    if (n === 2) this.twice.push(id);
  }
}

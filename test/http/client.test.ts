import { afterEach, describe, expect, it } from 'vitest';
import { cachedToken, createHttpClient, HttpError, type HttpClientOptions } from '../../src/http/index.js';
import { createUrlPolicy } from '../../src/http/url-policy.js';
import { fakeTime } from '../servers/fake-time.js';
import { startMockServer, type MockReply, type MockRoute, type MockServer } from '../servers/mock-server.js';

let server: MockServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A route answering from a script: one reply per call, the last one repeating. */
const scripted = (name: string, method: string, replies: Array<MockReply | 'hang'>): MockRoute => {
  let i = 0;
  return {
    name,
    method,
    path: new RegExp(`^/${name}$`),
    handle: () => {
      const r = replies[Math.min(i++, replies.length - 1)];
      return r === 'hang' ? new Promise<MockReply>(() => {}) : r;
    },
  };
};

// The mock server is the origin the configuration names, as a destination's endpoint would be.
const client = (t = fakeTime(), extra: HttpClientOptions = {}) =>
  createHttpClient({ sleep: t.sleep, now: t.now, random: () => 0.5, urlPolicy: createUrlPolicy({ named: server ? [server.url] : [] }), ...extra });

describe('createHttpClient retries', () => {
  it('honours Retry-After in seconds on 429, even for a request not safe to repeat', async () => {
    server = await startMockServer([scripted('x', 'POST', [{ status: 429, headers: { 'retry-after': '3' } }, { status: 200, json: { ok: 1 } }])]);
    const t = fakeTime();
    const res = await client(t).request({ method: 'POST', url: `${server.url}/x`, json: {} });
    expect(res.json()).toEqual({ ok: 1 });
    expect(t.sleeps).toEqual([3000]);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const t = fakeTime();
    const at = new Date(t.now().getTime() + 7000).toUTCString();
    server = await startMockServer([scripted('x', 'GET', [{ status: 429, headers: { 'retry-after': at } }, { status: 204 }])]);
    const res = await client(t).request({ method: 'GET', url: `${server.url}/x` });
    expect(res.status).toBe(204);
    expect(t.sleeps).toEqual([7000]);
  });

  it('backs off with full jitter on 5xx when the request is idempotent', async () => {
    server = await startMockServer([scripted('x', 'GET', [{ status: 500 }, { status: 503 }, { status: 200, body: 'ok' }])]);
    const t = fakeTime();
    const res = await client(t, { baseDelayMs: 1000 }).request({ method: 'GET', url: `${server.url}/x`, idempotent: true });
    expect(res.text()).toBe('ok');
    // random() = 0.5: half of the cap, which doubles each retry.
    expect(t.sleeps).toEqual([500, 1000]);
  });

  it('does not repeat a non-idempotent request after a 5xx and says the outcome is unknown', async () => {
    server = await startMockServer([scripted('x', 'POST', [{ status: 500, json: { message: 'boom' } }])]);
    const err = await client().request({ method: 'POST', url: `${server.url}/x`, json: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(500);
    expect(err.outcome).toBe('unknown');
    expect(server.log).toHaveLength(1);
  });

  it('does not retry a 4xx other than 401 and 429', async () => {
    server = await startMockServer([scripted('x', 'GET', [{ status: 400, json: { errors: [{ message: 'bad sku' }] } }])]);
    const err = await client().request({ method: 'GET', url: `${server.url}/x`, idempotent: true }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.outcome).toBe('rejected');
    expect(err.body).toContain('bad sku');
    expect(server.log).toHaveLength(1);
  });

  it('retries a dropped connection only when idempotent', async () => {
    server = await startMockServer(
      [{ name: 'x', method: 'GET', path: /^\/x$/, handle: () => ({ status: 200, body: 'ok' }) }, { name: 'y', method: 'POST', path: /^\/y$/, handle: () => ({ status: 200 }) }],
      { rate: 1, kinds: ['drop'], routes: ['x', 'y'] },
    );
    const t = fakeTime();
    const c = client(t, { maxRetries: 2 });
    const e1 = await c.request({ method: 'GET', url: `${server.url}/x`, idempotent: true }).catch((e) => e);
    expect(e1).toBeInstanceOf(HttpError);
    expect(e1.code).toBe('ECONNRESET');
    expect(server.log.filter((l) => l.route === 'x')).toHaveLength(3);
    const e2 = await c.request({ method: 'POST', url: `${server.url}/y`, json: {} }).catch((e) => e);
    expect(e2.outcome).toBe('unknown');
    expect(server.log.filter((l) => l.route === 'y')).toHaveLength(1);
    server.setFaults(undefined);
    expect((await c.request({ method: 'GET', url: `${server.url}/x`, idempotent: true })).text()).toBe('ok');
  });

  it('gives every attempt a deadline and retries a timed-out idempotent request', async () => {
    server = await startMockServer([scripted('x', 'GET', ['hang', { status: 200, body: 'late but fine' }])]);
    const res = await client(fakeTime(), { timeoutMs: 100 }).request({ method: 'GET', url: `${server.url}/x`, idempotent: true });
    expect(res.text()).toBe('late but fine');
    expect(server.log).toHaveLength(2);
  });

  it('stops when the total budget is spent', async () => {
    server = await startMockServer([scripted('x', 'GET', [{ status: 503 }])]);
    const t = fakeTime();
    const err = await client(t, { budgetMs: 10_000, baseDelayMs: 1000, maxRetries: 100, random: () => 0.999 })
      .request({ method: 'GET', url: `${server.url}/x`, idempotent: true })
      .catch((e) => e);
    expect(err.status).toBe(503);
    expect(t.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
    expect(server.log.length).toBe(t.sleeps.length + 1);
    expect(server.log.length).toBeGreaterThan(2);
  });
});

describe('tokens', () => {
  it('refreshes the token once after a 401, then gives up', async () => {
    let issued = 0;
    const token = cachedToken(async () => ({ token: `tok-secret-${++issued}`, expiresInSeconds: 3600 }));
    const seen: string[] = [];
    server = await startMockServer([
      { name: 'x', method: 'GET', path: /^\/x$/, handle: (r) => (seen.push(String(r.headers.authorization)), seen.length === 1 ? { status: 401 } : { status: 200 }) },
      { name: 'y', method: 'GET', path: /^\/y$/, handle: () => ({ status: 401 }) },
    ]);
    const c = client(fakeTime(), { token });
    expect((await c.request({ method: 'GET', url: `${server.url}/x` })).status).toBe(200);
    expect(seen).toEqual(['Bearer tok-secret-1', 'Bearer tok-secret-2']);
    const err = await c.request({ method: 'GET', url: `${server.url}/y` }).catch((e) => e);
    expect(err.status).toBe(401);
    expect(server.log.filter((l) => l.route === 'y')).toHaveLength(2);
  });

  it('caches the token until a minute before expiry and shares one refresh', async () => {
    const t = fakeTime();
    let calls = 0;
    const token = cachedToken(async () => ({ token: `t${++calls}`, expiresInSeconds: 3600 }), { now: t.now });
    expect(await Promise.all([token.get(), token.get(), token.get()])).toEqual(['t1', 't1', 't1']);
    t.advance(3600_000 - 61_000);
    expect(await token.get()).toBe('t1');
    t.advance(2000);
    expect(await token.get()).toBe('t2');
    expect(calls).toBe(2);
  });
});

describe('secrets', () => {
  it('never puts the token, a signature or the Authorization header in an error', async () => {
    const token = cachedToken(async () => ({ token: 'Atza|very-secret-access-token', expiresInSeconds: 3600 }), { secrets: ['refresh-secret-xyz'] });
    server = await startMockServer([
      { name: 'x', method: 'POST', path: /^\/x$/, handle: (r) => ({ status: 400, json: { echo: r.headers.authorization, also: 'refresh-secret-xyz' } }) },
    ]);
    const err = await client(fakeTime(), { token }).request({ method: 'POST', url: `${server.url}/x?X-Amz-Signature=abcdef123456`, json: {} }).catch((e) => e);
    const everything = JSON.stringify({ m: err.message, b: err.body, u: err.url, c: String(err.cause), s: err.stack });
    expect(everything).not.toContain('very-secret-access-token');
    expect(everything).not.toContain('refresh-secret-xyz');
    expect(everything).not.toContain('abcdef123456');
    expect(err.body).toContain('[redacted]');
  });

  it('keeps the raw network error (which holds request headers) out of cause', async () => {
    const token = cachedToken(async () => ({ token: 'secret-token-123456', expiresInSeconds: 3600 }));
    server = await startMockServer([{ name: 'x', method: 'POST', path: /^\/x$/, handle: () => ({ status: 200 }) }], { rate: 1, kinds: ['drop'] });
    const err = await client(fakeTime(), { token }).request({ method: 'POST', url: `${server.url}/x`, json: {} }).catch((e) => e);
    expect(err.cause).toBeInstanceOf(Error);
    expect(Object.keys(err.cause)).not.toContain('options');
    expect(JSON.stringify(err.cause) + String(err.cause)).not.toContain('secret-token-123456');
  });
});

describe('concurrency', () => {
  it('keeps at most concurrencyPerHost requests in flight to one host', async () => {
    let inFlight = 0;
    let max = 0;
    server = await startMockServer([
      {
        name: 'x',
        method: 'GET',
        path: /^\/x$/,
        handle: async () => {
          max = Math.max(max, ++inFlight);
          for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
          inFlight--;
          return { status: 200 };
        },
      },
    ]);
    const c = client(fakeTime(), { concurrencyPerHost: 2 });
    const all = await Promise.all(Array.from({ length: 8 }, () => c.request({ method: 'GET', url: `${server!.url}/x` })));
    expect(all.every((r) => r.status === 200)).toBe(true);
    expect(max).toBeLessThanOrEqual(2);
    expect(server.log).toHaveLength(8);
  });
});

describe('slow answers', () => {
  it('takes a late answer that arrives within the deadline', async () => {
    server = await startMockServer([{ name: 'x', method: 'POST', path: /^\/x$/, handle: () => ({ status: 200, body: 'late' }) }], { rate: 1, kinds: ['slow'], slowMs: 20 });
    const res = await client(fakeTime(), { timeoutMs: 10_000 }).request({ method: 'POST', url: `${server.url}/x`, json: {} });
    expect(res.text()).toBe('late');
    expect(server.injected.slow).toBe(1);
  });

  it('reports a stalled non-idempotent request as outcome unknown after its deadline', async () => {
    server = await startMockServer([{ name: 'x', method: 'POST', path: /^\/x$/, handle: () => ({ status: 200 }) }], { rate: 1, kinds: ['slow'] });
    const err = await client(fakeTime(), { timeoutMs: 50 }).request({ method: 'POST', url: `${server.url}/x`, json: {} }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.code).toBe('ETIMEDOUT');
    expect(err.outcome).toBe('unknown');
    expect(server.log).toHaveLength(1);
  });
});

describe('cancellation', () => {
  it('stops on abort with a clean error', async () => {
    server = await startMockServer([{ name: 'x', method: 'GET', path: /^\/x$/, handle: () => new Promise<MockReply>(() => {}) }]);
    const token = cachedToken(async () => ({ token: 'secret-token-abcdef', expiresInSeconds: 3600 }));
    const ac = new AbortController();
    const pending = client(fakeTime(), { token }).request({ method: 'GET', url: `${server.url}/x`, idempotent: true, signal: ac.signal });
    while (server.log.length === 0) await new Promise((r) => setImmediate(r));
    ac.abort();
    const err = await pending.catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.message).toMatch(/cancelled/);
    expect(JSON.stringify(err) + String(err.cause)).not.toContain('secret-token-abcdef');
    expect(server.log).toHaveLength(1);
  });
});

describe('URL policy', () => {
  it('refuses an origin the configuration does not name (a URL an API answered with), before sending anything', async () => {
    server = await startMockServer([scripted('x', 'GET', [{ status: 200, json: { ok: 1 } }])]);
    const other = await startMockServer([scripted('x', 'GET', [{ status: 200, json: { leaked: 1 } }])]);
    try {
      const token = cachedToken(async () => ({ token: 'secret-token-abcdef', expiresInSeconds: 3600 }));
      const api = client(fakeTime(), { token, urlPolicy: createUrlPolicy({ named: [server.url] }) });
      expect((await api.request({ method: 'GET', url: `${server.url}/x` })).json()).toEqual({ ok: 1 });
      const err = await api.request({ method: 'GET', url: `${other.url}/x`, idempotent: true }).catch((e) => e);
      expect(err).toBeInstanceOf(HttpError);
      expect(err.outcome).toBe('rejected');
      expect(err.message).toContain('does not name');
      expect(other.log).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('is strict by default: https only, no internal address, checked before any connection', async () => {
    const asked: string[] = [];
    const urlPolicy = createUrlPolicy({ resolve: async (h) => (asked.push(h), [{ address: '169.254.169.254', family: 4 }]) });
    const err = await client(fakeTime(), { urlPolicy }).request({ method: 'POST', url: 'https://api.example.com/token', body: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.message).toContain('resolves to 169.254.169.254');
    expect(asked).toEqual(['api.example.com']);
    const plain = await createHttpClient().request({ method: 'GET', url: 'http://api.example.com/x' }).catch((e) => e);
    expect(plain.message).toContain('use https');
  });
});

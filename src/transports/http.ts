import { createReadStream } from 'node:fs';
import { envSecret } from '../http/env-secret.js';
import { safeUrl } from '../http/redact.js';
import { resolveSecret } from '../config/secrets.js';
import { createUrlPolicy, MAX_REDIRECTS, UrlRefusedError, type CheckedUrl, type UrlPolicy } from '../http/url-policy.js';
import { checkBuiltFile } from './local-file.js';
import { pushError } from './push-error.js';
import type { HttpDestinationConfig } from './schema.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from './types.js';

/** The target URL of one file: `{file}` replaced, or the name appended to a URL ending in `/`. */
export function targetUrl(url: string, name: string): string {
  const encoded = encodeURIComponent(name);
  if (url.includes('{file}')) return url.split('{file}').join(encoded);
  return url.endsWith('/') ? `${url}${encoded}` : url;
}

/** Redirects that keep the method and body (RFC 9110: 307/308 must; for 301/302 an upload must not become a GET). */
const RESEND = new Set([301, 302, 307, 308]);

interface Upload {
  method: 'PUT' | 'POST';
  path: string;
  size: number;
  contentType: string;
  /** Sent to the configured origin only: a redirect to another origin gets no credentials. */
  headers: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * One upload, its redirects followed here hop by hop so each passes the URL policy before it is
 * connected to (no https to http downgrade, no internal address the config does not name). The
 * body is the file on disk, opened again for each hop. A 303 is the server's answer to a stored
 * upload (RFC 9110: see the result elsewhere), so it ends the upload as sent.
 */
async function upload(first: CheckedUrl, policy: UrlPolicy, up: Upload): Promise<void> {
  const { default: got } = await import('got');
  const origin = first.url.origin;
  let hop = first;
  for (let hops = 0; ; hops++) {
    const response = await got(hop.url, {
      method: up.method,
      body: createReadStream(up.path),
      headers: { 'content-type': up.contentType, 'content-length': String(up.size), ...(hop.url.origin === origin ? up.headers : {}) },
      dnsLookup: hop.lookup as never,
      followRedirect: false,
      timeout: { request: up.timeoutMs },
      retry: { limit: 0 },
      throwHttpErrors: true,
      signal: up.signal,
    });
    const location = response.headers.location;
    if (!RESEND.has(response.statusCode) || typeof location !== 'string') {
      if (response.statusCode >= 300 && response.statusCode !== 303 && response.statusCode !== 304) throw new Error(`the server answered ${response.statusCode} without storing the file`);
      return;
    }
    if (hops + 1 > MAX_REDIRECTS) throw new Error(`redirected more than ${MAX_REDIRECTS} times; set url: to the final URL`);
    hop = await policy.redirect(location, hop.url);
  }
}

/**
 * HTTP upload with got: one PUT or POST per file, streamed from disk, no retry (the next
 * scheduled run sends again). Atomicity is the receiving server's job: HTTP has no rename, so the
 * server must store a body only once it is complete. The URL passes the same policy as every
 * other fetch (src/http/url-policy.ts): the configured origin may be internal (an intranet
 * endpoint, a test server); a redirect may not lead to one, nor down to plain http.
 */
export function createHttpDestination(config: HttpDestinationConfig, feedId: string): Destination {
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const shownBase = safeUrl(config.url.replace(/\$\{env:[^}]+\}/g, '***'));
      const where = `feeds/${feedId}: destination ${shownBase}`;
      const sizes = await Promise.all(files.map((f) => checkBuiltFile(f, where)));
      const secrets: string[] = [];
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(config.headers)) {
        const value = resolveSecret(v, ctx.env, `${where}: headers.${k}`);
        for (const m of v.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) secrets.push(ctx.env[m[1]!] ?? '', value);
        headers[k.toLowerCase()] = value;
      }
      if (config.auth?.type === 'basic') {
        const password = envSecret(ctx.env, config.auth.password_env, `${where}: auth.password_env`);
        const token = Buffer.from(`${config.auth.username}:${password}`).toString('base64');
        secrets.push(password, token);
        headers.authorization = `Basic ${token}`;
      } else if (config.auth?.type === 'bearer') {
        const token = envSecret(ctx.env, config.auth.token_env, `${where}: auth.token_env`);
        secrets.push(token);
        headers.authorization = `Bearer ${token}`;
      }
      const rawUrl = resolveSecret(config.url, ctx.env, `${where}: url`);
      for (const m of config.url.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)) secrets.push(ctx.env[m[1]!] ?? '');
      if (ctx.dryRun) {
        for (const f of files) ctx.log(`${feedId}: would ${config.method} ${f.name} to ${shownBase}`);
        return { destination: shownBase, pushed: 0, failed: 0, issues: [] };
      }
      // The origin the config names may be internal (an intranet endpoint, a test server).
      const policy = createUrlPolicy({ named: [rawUrl] });
      for (const [i, f] of files.entries()) {
        const url = targetUrl(rawUrl, f.name);
        try {
          const first = await policy.check(url);
          await upload(first, policy, { method: config.method, path: f.path, size: sizes[i]!, contentType: f.contentType, headers, timeoutMs: config.timeout_ms, signal: ctx.signal });
        } catch (cause) {
          const what = cause instanceof UrlRefusedError ? `${f.name} not sent: refused ${cause.message}` : `cannot ${config.method} ${f.name}`;
          throw pushError(where, what, cause instanceof UrlRefusedError ? new Error('set url: to the final https URL (an internal host only when url: names it)') : cause, secrets);
        }
        ctx.log(`${feedId}: sent ${f.name} to ${shownBase}`);
      }
      return { destination: shownBase, pushed: files.length, failed: 0, issues: [] };
    },
  };
}

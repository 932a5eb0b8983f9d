import { createReadStream } from 'node:fs';
import { envSecret } from '../http/env-secret.js';
import { safeUrl } from '../http/redact.js';
import { resolveSecret } from '../config/secrets.js';
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

/**
 * HTTP upload with got: one PUT or POST per file, streamed from disk, no retry (a stream cannot
 * be replayed; the next scheduled run sends again). Atomicity is the receiving server's job:
 * HTTP has no rename, so the server must store a body only once it is complete.
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
      const { default: got } = await import('got');
      for (const [i, f] of files.entries()) {
        const url = targetUrl(rawUrl, f.name);
        try {
          await got(url, {
            method: config.method,
            body: createReadStream(f.path),
            headers: { 'content-type': f.contentType, 'content-length': String(sizes[i]), ...headers },
            timeout: { request: config.timeout_ms },
            retry: { limit: 0 },
            throwHttpErrors: true,
            signal: ctx.signal,
          });
        } catch (cause) {
          throw pushError(where, `cannot ${config.method} ${f.name}`, cause, secrets);
        }
        ctx.log(`${feedId}: sent ${f.name} to ${shownBase}`);
      }
      return { destination: shownBase, pushed: files.length, failed: 0, issues: [] };
    },
  };
}

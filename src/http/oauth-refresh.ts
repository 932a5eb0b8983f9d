import { ShelfcastError } from '../issues/issue.js';
import { createHttpClient, type HttpClientOptions } from './client.js';
import { envSecret } from './env-secret.js';
import { cachedToken, type TokenProvider } from './token-provider.js';

export interface OAuthRefreshConfig {
  tokenUrl: string;
  clientIdEnv: string;
  clientSecretEnv: string;
  refreshTokenEnv: string;
  /** Extra form fields (eBay: scope). */
  extra?: Record<string, string>;
  /** eBay sends the client credentials as HTTP Basic; Login with Amazon as form fields. */
  clientAuth: 'form' | 'basic';
}

/**
 * OAuth 2 refresh-token grant (Login with Amazon, eBay): exchanges the long-lived refresh token from
 * the environment for access tokens, cached until a minute before they expire. The grant only reads,
 * so repeating it is safe.
 */
export function refreshTokenProvider(cfg: OAuthRefreshConfig, env: NodeJS.ProcessEnv, where: string, http: HttpClientOptions): TokenProvider {
  const clientId = envSecret(env, cfg.clientIdEnv, where);
  const clientSecret = envSecret(env, cfg.clientSecretEnv, where);
  const refreshToken = envSecret(env, cfg.refreshTokenEnv, where);
  const secrets = [clientSecret, refreshToken];
  const client = createHttpClient({ ...http, secrets: [...(http.secrets ?? []), ...secrets] });
  return cachedToken(
    async () => {
      const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, ...cfg.extra });
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' };
      if (cfg.clientAuth === 'basic') headers.authorization = `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`;
      else {
        form.set('client_id', clientId);
        form.set('client_secret', clientSecret);
      }
      const res = await client.request({ method: 'POST', url: cfg.tokenUrl, headers, body: form.toString(), idempotent: true, auth: false });
      const body = res.json<{ access_token?: string; expires_in?: number }>();
      if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
        throw new ShelfcastError(`${where}: the token endpoint answered without access_token/expires_in; check the token URL`, { exitCode: 1 });
      }
      return { token: body.access_token, expiresInSeconds: body.expires_in };
    },
    { now: http.now, secrets },
  );
}

import { createSign } from 'node:crypto';
import { ShelfcastError } from '../../issues/issue.js';
import type { HttpClient } from '../../http/client.js';
import { cachedToken, type TokenProvider } from '../../http/token-provider.js';

/** The fields of a Google service-account JSON key that the OAuth flow needs. */
export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  token_uri: string;
}

/** Scope of the Merchant API (the Content API scope, kept by the Merchant API). */
export const MERCHANT_SCOPE = 'https://www.googleapis.com/auth/content';

export function parseServiceAccountKey(json: string, where: string): ServiceAccountKey {
  let key: Partial<ServiceAccountKey>;
  try {
    key = JSON.parse(json) as Partial<ServiceAccountKey>;
  } catch {
    // Never quote the text: it is a private key.
    throw new ShelfcastError(`${where}: the service account key is not valid JSON (paste the whole key file downloaded from Google Cloud)`, { exitCode: 1 });
  }
  if (!key.client_email || !key.private_key) {
    throw new ShelfcastError(`${where}: the service account key lacks client_email or private_key (use a key of type service_account)`, { exitCode: 1 });
  }
  return { client_email: key.client_email, private_key: key.private_key, token_uri: key.token_uri ?? 'https://oauth2.googleapis.com/token' };
}

const b64url = (s: string | Buffer): string => Buffer.from(s).toString('base64url');

/** A JWT (RS256) asserting the service account, as Google's OAuth server takes it (RFC 7523). */
export function signAssertion(key: ServiceAccountKey, scope: string, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ iss: key.client_email, scope, aud: key.token_uri, iat, exp: iat + 3600 }));
  const signature = createSign('RSA-SHA256').update(`${header}.${claims}`).sign(key.private_key);
  return `${header}.${claims}.${b64url(signature)}`;
}

/** Access tokens for the service account, cached until a minute before expiry. */
export function serviceAccountToken(key: ServiceAccountKey, http: HttpClient, now: () => Date): TokenProvider {
  return cachedToken(
    async () => {
      const body = new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: signAssertion(key, MERCHANT_SCOPE, now()) }).toString();
      const res = await http.request({
        method: 'POST',
        url: key.token_uri,
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        auth: false,
        idempotent: true,
      });
      const t = res.json<{ access_token?: string; expires_in?: number }>();
      if (!t.access_token) throw new ShelfcastError(`${key.token_uri}: the token answer holds no access_token (check the service account's access)`, { exitCode: 1 });
      return { token: t.access_token, expiresInSeconds: t.expires_in ?? 3600 };
    },
    { now, secrets: [key.private_key] },
  );
}

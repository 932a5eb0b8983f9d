import { createHttpClient, refreshTokenProvider, type HttpClient, type HttpClientOptions } from '../../http/index.js';
import { createUrlPolicy } from '../../http/url-policy.js';
import { EBAY_ORIGINS, type EbayDestinationConfig } from './destination-schema.js';

/** The API origin of a destination: its `endpoint`, else its environment's. */
export const ebayOrigin = (cfg: EbayDestinationConfig): string => cfg.endpoint ?? EBAY_ORIGINS[cfg.environment];

/**
 * A Sell API client: the user token from the refresh-token grant (client id and secret as Basic
 * auth, the config's scopes), secrets from the environment variables the config names. The
 * endpoints the config names may be internal (a sandbox proxy, a test server); nothing else.
 */
export function ebayClient(cfg: EbayDestinationConfig, env: Record<string, string | undefined>, where: string, base: Omit<HttpClientOptions, 'urlPolicy'>): HttpClient {
  const origin = ebayOrigin(cfg);
  const tokenUrl = cfg.token_endpoint ?? `${origin}/identity/v1/oauth2/token`;
  const options = { ...base, urlPolicy: createUrlPolicy({ named: [origin, tokenUrl] }) };
  const token = refreshTokenProvider(
    { tokenUrl, clientIdEnv: cfg.client_id_env, clientSecretEnv: cfg.client_secret_env, refreshTokenEnv: cfg.refresh_token_env, clientAuth: 'basic', extra: { scope: cfg.scopes.join(' ') } },
    env,
    where,
    options,
  );
  return createHttpClient({ ...options, token });
}

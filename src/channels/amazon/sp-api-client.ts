import { createHttpClient, refreshTokenProvider, type HttpClient, type HttpClientOptions } from '../../http/index.js';
import { createUrlPolicy } from '../../http/url-policy.js';
import { LWA_TOKEN_URL, SP_API_ENDPOINTS, type AmazonDestinationConfig } from './destination-schema.js';

/** The SP-API base URL of a destination: its `endpoint`, else its region's. */
export const spApiEndpoint = (cfg: AmazonDestinationConfig): string => cfg.endpoint ?? SP_API_ENDPOINTS[cfg.region];

/**
 * The HTTP options every SP-API call of a destination uses: the endpoints the config names may be
 * internal (a test server); nothing an API answers with may.
 */
export function spApiHttpOptions(cfg: AmazonDestinationConfig, base: Omit<HttpClientOptions, 'urlPolicy'>): HttpClientOptions {
  return { ...base, urlPolicy: createUrlPolicy({ named: [spApiEndpoint(cfg), cfg.token_endpoint ?? LWA_TOKEN_URL] }) };
}

/**
 * An SP-API client: Login with Amazon refresh-token grant (the secrets from the environment
 * variables the config names), the access token in `x-amz-access-token`, refreshed on 401/403.
 * Throws naming `where` when a variable is missing.
 */
export function spApiClient(cfg: AmazonDestinationConfig, env: Record<string, string | undefined>, where: string, options: HttpClientOptions): HttpClient {
  const token = refreshTokenProvider(
    { tokenUrl: cfg.token_endpoint ?? LWA_TOKEN_URL, clientIdEnv: cfg.client_id_env, clientSecretEnv: cfg.client_secret_env, refreshTokenEnv: cfg.refresh_token_env, clientAuth: 'form' },
    env,
    where,
    options,
  );
  return createHttpClient({ ...options, token, refreshOn: [401, 403], authHeaders: (t) => ({ 'x-amz-access-token': t }) });
}

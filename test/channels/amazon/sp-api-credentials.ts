/** The LWA credentials the SP-API mock accepts, and the environment the destination reads them from. */
export const credentials = { clientId: 'amzn1.application-oa2-client.demo', clientSecret: 'amzn1.oa2-cs.v1.client-secret-value', refreshToken: 'Atzr|refresh-token-value' };
export const env = { SP_CLIENT: credentials.clientId, SP_SECRET: credentials.clientSecret, SP_REFRESH: credentials.refreshToken };

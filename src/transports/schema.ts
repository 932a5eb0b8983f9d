import { z } from 'zod';
import { CHANNEL_DESTINATION_SCHEMAS } from '../channels/registry.js';

/**
 * Secrets never sit in a destination config: `*_env` keys name an environment variable, and
 * string values may contain `${env:NAME}` references resolved at the moment of the push.
 */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable, e.g. FEED_SFTP_PASSWORD');

/** Where a feed goes. `file` (the default) copies it atomically into a local folder. */
export const fileDestinationSchema = z
  .object({
    type: z.literal('file'),
    /** Folder the feed is published to; default: the project's `output` folder. */
    dir: z.string().optional(),
  })
  .strict();

/** SFTP upload (OpenSSH or any SFTP v3 server): temporary name, then an atomic rename. */
export const sftpDestinationSchema = z
  .object({
    type: z.literal('sftp'),
    /** Server host name. Required. */
    host: z.string().min(1),
    /** Server port; default 22. */
    port: z.number().int().min(1).max(65535).default(22),
    /** Login name. Required. */
    username: z.string().min(1),
    /** Remote folder; default the login folder (`.`). */
    dir: z.string().default('.'),
    /** Environment variable holding the password; default none. */
    password_env: envName.optional(),
    /** Environment variable holding the private key (PEM/OpenSSH text); default none. */
    private_key_env: envName.optional(),
    /** Private key file (mode 0600 or stricter), relative to the project root; default none. */
    private_key_path: z.string().optional(),
    /** Environment variable holding the key's passphrase; default none. */
    passphrase_env: envName.optional(),
    /** Pinned host key, `SHA256:...` as printed by `ssh-keygen -lf`. Required: unknown hosts are refused. */
    host_key_sha256: z.string().regex(/^(SHA256:)?[A-Za-z0-9+/]{43}=?$/, 'a host key fingerprint such as SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU'),
    /** Connection and per-operation timeout in milliseconds; default 30000. */
    timeout_ms: z.number().int().positive().default(30_000),
  })
  .strict()
  .refine((c) => c.password_env || c.private_key_env || c.private_key_path, {
    message: 'set one of password_env, private_key_env or private_key_path',
  });

/** FTP (plain) or FTPS (explicit TLS) upload with basic-ftp: temporary name, then rename. */
export const ftpDestinationSchema = z
  .object({
    type: z.enum(['ftp', 'ftps']),
    /** Server host name. Required. */
    host: z.string().min(1),
    /** Server port; default 21. */
    port: z.number().int().min(1).max(65535).default(21),
    /** Login name; default `anonymous`. */
    username: z.string().default('anonymous'),
    /** Environment variable holding the password; default none (anonymous login). */
    password_env: envName.optional(),
    /** Remote folder; default the login folder. */
    dir: z.string().optional(),
    /** ftps: CA certificate file (PEM) to trust in addition to the system ones; default none. */
    ca_file: z.string().optional(),
    /** Timeout per operation in milliseconds; default 30000. */
    timeout_ms: z.number().int().positive().default(30_000),
  })
  .strict();

/** HTTP upload with PUT or POST. */
export const httpDestinationSchema = z
  .object({
    type: z.literal('http'),
    /** Target URL; `{file}` is replaced by the file name, and a URL ending in `/` gets it appended. Required. */
    url: z.string().url(),
    /** PUT or POST; default PUT. */
    method: z.enum(['PUT', 'POST']).default('PUT'),
    /** Extra request headers; values may hold `${env:NAME}` references. Default none. */
    headers: z.record(z.string(), z.string()).default({}),
    /** Basic or bearer authentication with the secret from the environment; default none. */
    auth: z
      .discriminatedUnion('type', [
        z.object({ type: z.literal('basic'), username: z.string(), password_env: envName }).strict(),
        z.object({ type: z.literal('bearer'), token_env: envName }).strict(),
      ])
      .optional(),
    /** Request timeout in milliseconds; default 120000. */
    timeout_ms: z.number().int().positive().default(120_000),
  })
  .strict();

/** Amazon S3 or an S3-compatible store (MinIO, Cloudflare R2): one PutObject per file. */
export const s3DestinationSchema = z
  .object({
    type: z.literal('s3'),
    /** Bucket name. Required. */
    bucket: z.string().min(3).max(63).regex(/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, 'an S3 bucket name: lower-case letters, digits, dots and hyphens'),
    /** Key prefix the file name is appended to (`feeds/` gives `feeds/google.xml`); default none. */
    prefix: z.string().optional(),
    /** Region used for signing; default `us-east-1`. */
    region: z.string().min(1).default('us-east-1'),
    /** Endpoint of an S3-compatible service, e.g. `https://<account>.r2.cloudflarestorage.com`; default AWS. */
    endpoint: z.string().url().optional(),
    /** Path-style addressing (`endpoint/bucket/key`, what MinIO needs); default true with `endpoint`, false without. */
    force_path_style: z.boolean().optional(),
    /** Environment variable holding the access key id; default `AWS_ACCESS_KEY_ID`. */
    access_key_id_env: envName.default('AWS_ACCESS_KEY_ID'),
    /** Environment variable holding the secret access key; default `AWS_SECRET_ACCESS_KEY`. */
    secret_access_key_env: envName.default('AWS_SECRET_ACCESS_KEY'),
    /** Environment variable holding a session token, used when set; default `AWS_SESSION_TOKEN`. */
    session_token_env: envName.default('AWS_SESSION_TOKEN'),
    /** Content-Type stored with the object; default the built file's own type. */
    content_type: z.string().min(1).optional(),
    /** Cache-Control stored with the object, e.g. `max-age=300`; default none. */
    cache_control: z.string().min(1).optional(),
    /** Timeout per request in milliseconds; default 30000. */
    timeout_ms: z.number().int().positive().default(30_000),
  })
  .strict();

/** The file transports of src/transports/, then each channel's API push (from the channel registry). */
export const destinationSchema = z.discriminatedUnion('type', [
  fileDestinationSchema,
  sftpDestinationSchema,
  ftpDestinationSchema,
  httpDestinationSchema,
  s3DestinationSchema,
  ...CHANNEL_DESTINATION_SCHEMAS,
]);
export type DestinationConfig = z.infer<typeof destinationSchema>;
export type FileDestinationConfig = z.infer<typeof fileDestinationSchema>;
export type SftpDestinationConfig = z.infer<typeof sftpDestinationSchema>;
export type FtpDestinationConfig = z.infer<typeof ftpDestinationSchema>;
export type HttpDestinationConfig = z.infer<typeof httpDestinationSchema>;
export type S3DestinationConfig = z.infer<typeof s3DestinationSchema>;

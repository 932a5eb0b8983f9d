import { createHash } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { fullJitter, realSleep, type Sleep } from '../http/backoff.js';
import { envSecret } from '../http/env-secret.js';
import { checkBuiltFile } from './local-file.js';
import { pushError } from './push-error.js';
import type { S3DestinationConfig } from './schema.js';
import type { BuiltFile, Destination, PublishContext, PublishResult } from './types.js';

/** Attempts per file (the first plus retries) for 5xx, throttling and dropped connections. */
const ATTEMPTS = 4;

const quiet = (): void => undefined;
const SILENT = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet };

export interface S3DestinationOptions {
  /** Wait between attempts; default a real timer (tests pass one that returns at once). */
  sleep?: Sleep;
}

/** The object key of `name`: the prefix with exactly one `/` before the name, no leading `/`. */
export function s3Key(prefix: string | undefined, name: string): string {
  const p = (prefix ?? '').replace(/^\/+/, '');
  if (p === '') return name;
  return p.endsWith('/') ? `${p}${name}` : `${p}/${name}`;
}

/** Base64 MD5 of a file, read as a stream: S3 refuses the PUT (BadDigest) when the body it got differs. */
export async function fileMd5(file: string): Promise<string> {
  const hash = createHash('md5');
  await pipeline(createReadStream(file), hash);
  return hash.digest('base64');
}

interface AwsLikeError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

function status(e: unknown): number | undefined {
  return (e as AwsLikeError)?.$metadata?.httpStatusCode;
}

/** Worth another attempt: the server failed or the connection did, not the request itself. */
function retryable(e: unknown): boolean {
  const err = e as AwsLikeError;
  if (err?.name === 'AbortError') return false;
  const s = status(e);
  if (s !== undefined && (s >= 500 || s === 429)) return true;
  // BadDigest: the body was damaged on the way and refused whole; a fresh send is the remedy.
  if (/^(SlowDown|RequestTimeout|BadDigest|InternalError)$/.test(err?.name ?? '') || err?.$retryable) return true;
  // No HTTP answer at all: reset, refused, timed out.
  const code = err?.code ?? '';
  return s === undefined && (/^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EAI_AGAIN)$/.test(code) || /socket hang up|TimeoutError/i.test(`${err?.name} ${(e as Error)?.message}`));
}

/**
 * One S3 request, made again (up to ATTEMPTS times, full-jitter waits) when the server failed,
 * throttled, refused a damaged body or the connection dropped; the last failure is thrown as it
 * came. The clients are made with maxAttempts: 1 because the SDK cannot replay a consumed file
 * stream: `request` builds a fresh request, and body, every time.
 */
export async function withS3Retries<T>(request: () => Promise<T>, options: { sleep?: Sleep; signal?: AbortSignal; onRetry?: (cause: unknown) => void } = {}): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await request();
    } catch (cause) {
      if (attempt + 1 >= ATTEMPTS || !retryable(cause) || options.signal?.aborted) throw cause;
      options.onRetry?.(cause);
      await (options.sleep ?? realSleep)(fullJitter(attempt, Math.random, 250, 8_000), options.signal);
    }
  }
}

/** `send` with a new stream of `file` as the body; the stream is closed if the send fails. */
export async function sendFile<T>(file: string, send: (body: ReadStream) => Promise<T>): Promise<T> {
  const body = createReadStream(file);
  try {
    return await send(body);
  } catch (err) {
    body.destroy();
    throw err;
  }
}

/** What to do about a failed PUT, by S3 error code and status. */
function advice(e: unknown, config: S3DestinationConfig): string {
  const name = (e as AwsLikeError)?.name ?? '';
  const s = status(e);
  if (name === 'NoSuchBucket' || (s === 404 && name !== 'NoSuchKey')) {
    return `the bucket does not exist: check "bucket" and "region"${config.endpoint ? ' and "endpoint"' : ''}`;
  }
  if (s === 403 || /AccessDenied|SignatureDoesNotMatch|InvalidAccessKeyId|ExpiredToken/.test(name)) {
    return `access refused: check the credentials in ${config.access_key_id_env} / ${config.secret_access_key_env} and that the bucket policy allows s3:PutObject on this key`;
  }
  if (s === 301 || name === 'PermanentRedirect' || name === 'AuthorizationHeaderMalformed') return 'the bucket is in another region: set "region" to the bucket\'s region';
  if (name === 'BadDigest' || name === 'InvalidDigest') return 'the upload was corrupted on the way and refused; run the push again';
  if (s === undefined) return `the S3 endpoint could not be reached: check the network${config.endpoint ? ' and "endpoint"' : ''}`;
  return 'the push can be run again; the previous object is unchanged';
}

/**
 * Amazon S3 (or MinIO, Cloudflare R2, any S3-compatible store) with the AWS SDK v3, imported
 * only here so that runs without an s3 destination never load it. One PutObject per file,
 * streamed from disk with its length and MD5: S3 stores an object only once the whole body has
 * arrived and matches Content-MD5, and replaces the previous object atomically (a reader gets the
 * old or the new object, never a mix), so unlike SFTP and FTP no temporary key or rename is used.
 */
export function createS3Destination(config: S3DestinationConfig, feedId: string, options: S3DestinationOptions = {}): Destination {
  const sleep = options.sleep ?? realSleep;
  const base = `s3://${config.bucket}/${s3Key(config.prefix, '')}`;
  return {
    async publish(files: BuiltFile[], ctx: PublishContext): Promise<PublishResult> {
      const where = `feeds/${feedId}: destination ${base}`;
      const sizes = await Promise.all(files.map((f) => checkBuiltFile(f, where)));
      const accessKeyId = envSecret(ctx.env, config.access_key_id_env, `${where}: access_key_id_env`);
      const secretAccessKey = envSecret(ctx.env, config.secret_access_key_env, `${where}: secret_access_key_env`);
      const sessionToken = ctx.env[config.session_token_env] || undefined;
      const secrets = [secretAccessKey, sessionToken];
      const destination = files.length === 1 ? `${base}${files[0]!.name}` : base;
      if (ctx.dryRun) {
        for (const f of files) ctx.log(`${feedId}: would upload ${f.name} to ${base}${f.name}`);
        return { destination, pushed: 0, failed: 0, issues: [] };
      }
      const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
      const client: S3Client = new S3Client({
        region: config.region,
        endpoint: config.endpoint,
        forcePathStyle: config.force_path_style ?? config.endpoint !== undefined,
        credentials: { accessKeyId, secretAccessKey, sessionToken },
        // Retries are ours: a consumed file stream cannot be replayed, each attempt opens a new one.
        maxAttempts: 1,
        // Content-MD5 is sent instead of the SDK's default trailing CRC32 (aws-chunked), which
        // several S3-compatible services do not accept.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        requestHandler: { requestTimeout: config.timeout_ms, connectionTimeout: config.timeout_ms },
        // The SDK would print its own note on each failed streaming attempt; ours says more.
        logger: SILENT,
      });
      try {
        for (const [i, f] of files.entries()) {
          const key = s3Key(config.prefix, f.name);
          const what = `cannot upload ${f.name} to s3://${config.bucket}/${key}`;
          let md5: string;
          try {
            md5 = await fileMd5(f.path);
          } catch (cause) {
            throw pushError(where, `${what}: the built file cannot be read (build the feed again)`, cause, secrets);
          }
          const input: PutObjectCommandInput = {
            Bucket: config.bucket,
            Key: key,
            ContentLength: sizes[i],
            ContentMD5: md5,
            ContentType: config.content_type ?? f.contentType,
            CacheControl: config.cache_control,
          };
          let retries = 0;
          try {
            await withS3Retries(() => sendFile(f.path, (Body) => client.send(new PutObjectCommand({ ...input, Body }), { abortSignal: ctx.signal })), {
              sleep,
              signal: ctx.signal,
              onRetry: (cause) => {
                retries++;
                ctx.log(`${feedId}: upload of ${f.name} failed (${status(cause) ?? (cause as AwsLikeError)?.code ?? 'network'}), retrying`);
              },
            });
          } catch (cause) {
            const code = (cause as AwsLikeError)?.name;
            const tried = retries > 0 ? ` after ${retries + 1} attempts` : '';
            throw pushError(where, `${what}${tried} (${advice(cause, config)})${code && code !== 'Error' ? ` [${code}]` : ''}`, cause, secrets);
          }
          ctx.log(`${feedId}: sent ${f.name} to s3://${config.bucket}/${key}`);
        }
      } finally {
        client.destroy();
      }
      return { destination, pushed: files.length, failed: 0, issues: [] };
    },
  };
}

import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import { ShelfcastError } from '../../issues/issue.js';
import { fileMd5, s3Key, sendFile, withS3Retries } from '../../transports/s3.js';
import { countsIn, LocalShardFolder, parseManifest, type ShardFolder, type UnitsReader, type UnitsWriter } from './shard-folder.js';
import { manifestName, unitsName, type ShardManifest, type ShardSpec } from './shard-set.js';

/** S3 takes at most 5 GiB in one PUT: a shard's units past that need more shards (or a shared volume). */
const MAX_PUT = 5 * 1024 ** 3;

type Sdk = typeof import('@aws-sdk/client-s3');

const md5Of = (body: Buffer): string => createHash('md5').update(body).digest('base64');

/**
 * An S3 prefix as the shard folder (`s3://bucket/prefix`): every object is written whole by one
 * PUT, so a reader sees the previous object or the new one. Units are written to a local temp file
 * first (their length and hash are known before the upload) and read back from a downloaded copy.
 * The client is set up from the usual variables: AWS_REGION, AWS_ACCESS_KEY_ID and
 * AWS_SECRET_ACCESS_KEY (or the SDK's other sources: a role of the pod), AWS_ENDPOINT_URL_S3 for
 * S3-compatible stores (path-style addressing then).
 */
export class S3ShardFolder implements ShardFolder {
  private constructor(
    readonly dir: string,
    private readonly sdk: Sdk,
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly prefix: string,
  ) {}

  static async open(location: string, env: NodeJS.ProcessEnv): Promise<S3ShardFolder> {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(location);
    if (!m) throw new ShelfcastError(`--shard-dir ${location}: give an S3 prefix as s3://bucket/prefix`);
    const sdk = await import('@aws-sdk/client-s3');
    const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
    const keys = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, sessionToken: env.AWS_SESSION_TOKEN } : undefined;
    const client = new sdk.S3Client({
      region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1',
      ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
      ...(keys ? { credentials: keys } : {}),
      // Content-MD5 instead of the SDK's trailing CRC32 (aws-chunked), which several S3-compatible stores refuse.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      // Retries are withS3Retries' (as for S3 destinations): the SDK cannot replay a units file's stream.
      maxAttempts: 1,
      logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    return new S3ShardFolder(`s3://${m[1]}/${m[2]}`, sdk, client, m[1]!, m[2]!);
  }

  private key(name: string): string {
    return s3Key(this.prefix, name);
  }

  private fail(name: string, what: string, err: unknown): ShelfcastError {
    const e = err as { name?: string; message?: string };
    return new ShelfcastError(`${this.dir}: cannot ${what} ${name}: ${e.name ?? ''} ${e.message ?? ''}`.trim(), { cause: err });
  }

  /** One PUT, made again on failures worth it; a units file is read afresh for every attempt. */
  private async put(name: string, body: Buffer | { file: string }, length: number, md5: string, extra: { IfNoneMatch?: string } = {}): Promise<void> {
    const input = { Bucket: this.bucket, Key: this.key(name), ContentLength: length, ContentMD5: md5, ...extra };
    const send = (Body: Buffer | Readable) => this.client.send(new this.sdk.PutObjectCommand({ ...input, Body }));
    await withS3Retries(() => (Buffer.isBuffer(body) ? send(body) : sendFile(body.file, send)));
  }

  /** The object's body, or undefined when there is none. */
  private async get(name: string): Promise<Readable | undefined> {
    try {
      const out = await withS3Retries(() => this.client.send(new this.sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.key(name) })));
      return out.Body as Readable;
    } catch (err) {
      if ((err as { name?: string }).name === 'NoSuchKey') return undefined;
      throw this.fail(name, 'read', err);
    }
  }

  private async text(name: string): Promise<string | undefined> {
    const body = await this.get(name);
    if (!body) return undefined;
    const chunks: Buffer[] = [];
    for await (const c of body) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  async writeUnits(spec: ShardSpec): Promise<UnitsWriter> {
    const temp = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-shard-'));
    const local = await new LocalShardFolder(temp).writeUnits(spec);
    const file = path.join(temp, unitsName(spec));
    return {
      write: (bytes) => local.write(bytes),
      close: () => local.close(),
      commit: async () => {
        try {
          await local.commit();
          const { size } = await stat(file);
          if (size > MAX_PUT) throw new ShelfcastError(`${this.dir}: shard ${spec.index}/${spec.count} holds ${(size / 1024 ** 3).toFixed(1)} GiB, more than one S3 upload takes (5 GiB): cut the build into more shards`);
          await this.put(unitsName(spec), { file }, size, await fileMd5(file)).catch((err: unknown) => {
            throw err instanceof ShelfcastError ? err : this.fail(unitsName(spec), 'write', err);
          });
        } finally {
          await rm(temp, { recursive: true, force: true });
        }
      },
      discard: async () => {
        await local.discard();
        await rm(temp, { recursive: true, force: true });
      },
    };
  }

  async writeManifest(spec: ShardSpec, manifest: ShardManifest): Promise<void> {
    const body = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    await this.put(manifestName(spec), body, body.length, md5Of(body)).catch((err: unknown) => {
      throw this.fail(manifestName(spec), 'write', err);
    });
  }

  async readManifest(spec: ShardSpec): Promise<ShardManifest | undefined> {
    const text = await this.text(manifestName(spec));
    return text === undefined ? undefined : parseManifest(`${this.dir}/${manifestName(spec)}`, text);
  }

  async counts(): Promise<number[]> {
    try {
      const out = await this.client.send(new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.key('shard-') }));
      return countsIn((out.Contents ?? []).map((o) => path.posix.basename(o.Key ?? '')));
    } catch {
      // Listing is only for a hint; a store that refuses it still merges.
      return [];
    }
  }

  async openUnits(spec: ShardSpec): Promise<UnitsReader> {
    const body = await this.get(unitsName(spec));
    if (!body) throw new ShelfcastError(`${this.dir}/${unitsName(spec)}: the shard's units are not there; run that shard again`);
    const temp = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-merge-'));
    const file = path.join(temp, unitsName(spec));
    try {
      await pipeline(body, createWriteStream(file));
    } catch (err) {
      await rm(temp, { recursive: true, force: true });
      throw this.fail(unitsName(spec), 'read', err);
    }
    const fh = await open(file, 'r');
    // Unlinked at once: the open handle keeps the bytes, nothing is left behind however the merge ends.
    await rm(temp, { recursive: true, force: true });
    return LocalShardFolder.openFile(`${this.dir}/${unitsName(spec)}`, fh, spec.count);
  }

  /** First writer wins with a conditional PUT (If-None-Match: *); the others read what it wrote. */
  async clock(key: string, proposed: Date): Promise<string> {
    const name = `clock-${key}.json`;
    const at = proposed.toISOString();
    const body = Buffer.from(`${JSON.stringify({ at })}\n`);
    try {
      await this.put(name, body, body.length, md5Of(body), { IfNoneMatch: '*' });
      return at;
    } catch (err) {
      const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== 412 && status !== 409) throw this.fail(name, 'write', err);
    }
    const text = await this.text(name);
    if (!text) throw new ShelfcastError(`${this.dir}/${name}: the shard set's clock vanished; run the shard again`);
    return (JSON.parse(text) as { at: string }).at;
  }
}

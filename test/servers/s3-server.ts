import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';

/** A fault served instead of the next PutObject: an error status, or the connection cut. */
export type S3Fault = 500 | 503 | 'drop' | 'corrupt';

export interface S3Object {
  body: Buffer;
  contentType: string;
  cacheControl?: string;
}

export interface S3Server {
  /** Endpoint for path-style requests, e.g. `http://127.0.0.1:4567`. */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  /** Objects by `bucket/key`. */
  objects: Map<string, S3Object>;
  /** How many times each `bucket/key` was stored. */
  writes: Map<string, number>;
  /** Every request as `METHOD /path` with its answer status, in order. */
  requests: { method: string; path: string; status: number; headers: http.IncomingHttpHeaders }[];
  /** Served to the next PutObjects, in order. */
  faults: S3Fault[];
  stop(): Promise<void>;
}

/** The SDK's SourceData as what node:crypto takes. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const cryptoData = (d: SourceData): string | Uint8Array =>
  typeof d === 'string' ? d : d instanceof ArrayBuffer ? new Uint8Array(d) : new Uint8Array(d.buffer, d.byteOffset, d.byteLength);

/** node:crypto behind the SDK's hash interface (an HMAC when given a key). */
class Sha256 {
  private readonly h;
  constructor(secret?: SourceData) {
    this.h = secret === undefined ? createHash('sha256') : createHmac('sha256', cryptoData(secret));
  }
  update(data: SourceData): void {
    this.h.update(cryptoData(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.h.digest());
  }
}

const xmlError = (code: string, message: string, resource: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><Resource>${resource}</Resource><RequestId>0</RequestId></Error>`;

const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** x-amz-date `20260101T000000Z` as a Date. */
function amzDate(v: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) return new Date(NaN);
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

/**
 * A loopback S3 for path-style requests: PutObject, GetObject and HeadObject on the buckets it
 * is given. Every request must carry a SigV4 Authorization header for the expected access key,
 * and the signature is recomputed with the known secret (the SDK's own signer), so a wrong secret
 * gets 403 SignatureDoesNotMatch as from AWS. A PUT is stored only when complete and matching
 * Content-Length, Content-MD5 and a signed x-amz-content-sha256, as S3 does.
 */
export async function startS3Server(options: { buckets?: string[]; accessKeyId?: string; secretAccessKey?: string; region?: string } = {}): Promise<S3Server> {
  const buckets = new Set(options.buckets ?? ['feeds']);
  const accessKeyId = options.accessKeyId ?? 'AKIATESTSHELFCAST';
  const secretAccessKey = options.secretAccessKey ?? 'test-secret-key';
  const region = options.region ?? 'us-east-1';
  const objects = new Map<string, S3Object>();
  const writes = new Map<string, number>();
  const requests: S3Server['requests'] = [];
  const faults: S3Fault[] = [];

  async function signatureOk(req: http.IncomingMessage, signedHeaders: string[], given: string): Promise<boolean> {
    const url = new URL(req.url!, 'http://x');
    const headers: Record<string, string> = {};
    for (const h of signedHeaders) headers[h] = String(req.headers[h] ?? '');
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const signer = new SignatureV4({
      credentials: { accessKeyId, secretAccessKey, sessionToken: headers['x-amz-security-token'] || undefined },
      region, service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false,
    });
    const signed = await signer.sign(
      { method: req.method!, protocol: 'http:', hostname: String(req.headers.host).split(':')[0]!, path: url.pathname, query, headers },
      { signingDate: amzDate(headers['x-amz-date'] ?? ''), signableHeaders: new Set(signedHeaders) },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(signed.headers.authorization))?.[1] ?? '';
    return expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void handle(req, res, Buffer.concat(chunks)).catch((e: Error) => {
        if (!res.headersSent) res.writeHead(500).end(xmlError('InternalError', e.message, req.url ?? ''));
      });
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
    const path = new URL(req.url!, 'http://x').pathname;
    const send = (code: number, headers: http.OutgoingHttpHeaders = {}, payload?: string | Buffer) => {
      requests.push({ method: req.method!, path, status: code, headers: req.headers });
      res.writeHead(code, headers).end(payload);
    };
    const fail = (code: number, s3Code: string, message: string) => send(code, { 'content-type': 'application/xml' }, xmlError(s3Code, message, path));

    const auth = AUTH_RE.exec(String(req.headers.authorization ?? ''));
    if (!auth) return fail(403, 'AccessDenied', 'a SigV4 Authorization header is required');
    const [, keyId, , signRegion, signedList, signature] = auth;
    if (keyId !== accessKeyId) return fail(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
    if (signRegion !== region) return fail(400, 'AuthorizationHeaderMalformed', `the region '${signRegion}' is wrong; expecting '${region}'`);
    const signedHeaders = signedList!.split(';');
    if (!signedHeaders.includes('host') || !signedHeaders.includes('x-amz-date')) return fail(403, 'AccessDenied', 'host and x-amz-date must be signed');
    if (!(await signatureOk(req, signedHeaders, signature!))) {
      return fail(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.');
    }
    const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== createHash('sha256').update(body).digest('hex')) {
      return fail(400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.');
    }

    const [, bucket = '', ...rest] = path.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    if (!buckets.has(bucket)) return fail(404, 'NoSuchBucket', 'The specified bucket does not exist');
    const id = `${bucket}/${key}`;

    if (req.method === 'PUT') {
      const fault = faults.shift();
      if (fault === 'drop') {
        requests.push({ method: 'PUT', path, status: 0, headers: req.headers });
        req.socket.destroy();
        return;
      }
      if (fault === 500 || fault === 503) return fail(fault, fault === 500 ? 'InternalError' : 'SlowDown', 'injected fault');
      // A conditional write (If-None-Match: *) stores nothing over an existing object, as S3 does.
      if (req.headers['if-none-match'] === '*' && objects.has(id)) return fail(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
      // A byte flipped on the way: the body no longer matches the Content-MD5 the client computed.
      const received = fault === 'corrupt' && body.length > 0 ? Buffer.concat([body.subarray(0, -1), Buffer.from([body[body.length - 1]! ^ 1])]) : body;
      if (String(received.length) !== req.headers['content-length']) return fail(400, 'IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
      const md5 = req.headers['content-md5'];
      if (md5 !== undefined && md5 !== createHash('md5').update(received).digest('base64')) {
        return fail(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
      }
      objects.set(id, { body: received, contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'), cacheControl: req.headers['cache-control'] });
      writes.set(id, (writes.get(id) ?? 0) + 1);
      return send(200, { etag: `"${createHash('md5').update(received).digest('hex')}"` });
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const o = objects.get(id);
      if (!o) return req.method === 'HEAD' ? send(404) : fail(404, 'NoSuchKey', 'The specified key does not exist.');
      const headers: http.OutgoingHttpHeaders = {
        'content-type': o.contentType, 'content-length': o.body.length, etag: `"${createHash('md5').update(o.body).digest('hex')}"`,
        ...(o.cacheControl ? { 'cache-control': o.cacheControl } : {}),
      };
      return send(200, headers, req.method === 'GET' ? o.body : undefined);
    }
    return fail(405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accessKeyId, secretAccessKey, region, objects, writes, requests, faults,
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

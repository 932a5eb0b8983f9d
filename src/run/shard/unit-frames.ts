import { deserialize, serialize } from 'node:v8';
import type { IssueKind } from '../pass/packed-issues.js';
import type { FeedPiece, UnitResult } from '../pass/units.js';

/**
 * A unit result as bytes in a shard file, and back: what a worker thread hands the main thread,
 * written down so that the merge applies it as if it came from a worker of its own.
 *
 *     u32 frame length (after these 4 bytes) | u32 meta length | meta | padding to 4
 *     | 4-byte arrays: rows, then per feed ends, owner, issueOwner (and, for packed issues, their ends and kinds)
 *     | byte arrays: valid, then per feed outcome, bytes (and the packed issues' bytes)
 *
 * The meta (ids, issues, the lengths) is V8's structured-clone serialization, the same the worker
 * threads use, so issues cross unchanged (fields set to undefined included). A feed's issues that a
 * worker packed (see PackedIssues) stay packed: their kinds are in the meta, the rest in the arrays.
 * Numbers are little-endian (the manifest records it; the merge refuses shards from a big-endian host).
 */
interface FrameMeta {
  seq: number;
  ids: (string | null)[];
  issues: (UnitResult['issues'][number])[];
  tail: UnitResult['tail'];
  seen: UnitResult['seen'];
  feeds: Array<{ issues: FeedPiece['issues']; records: number; bytes: number; issueOwners: number; packed?: { kinds: IssueKind[]; bytes: number } }>;
}

const pad4 = (n: number): number => (n + 3) & ~3;

/** The frame of one result, as the parts to write one after another. */
export function encodeFrame(r: UnitResult): Uint8Array[] {
  const meta: FrameMeta = {
    seq: r.seq,
    ids: r.ids,
    issues: r.issues,
    tail: r.tail,
    seen: r.seen,
    feeds: r.feeds.map((f) => ({
      issues: f.issues,
      records: f.ends.length,
      bytes: f.bytes.length,
      issueOwners: f.issueOwner.length,
      ...(f.packed ? { packed: { kinds: f.packed.kinds, bytes: f.packed.bytes.length } } : {}),
    })),
  };
  const metaBytes = serialize(meta);
  const head = Buffer.alloc(pad4(8 + metaBytes.length));
  metaBytes.copy(head, 8);
  const arrays: Uint8Array[] = [view(r.rows)];
  for (const f of r.feeds) {
    arrays.push(view(f.ends), view(f.owner), view(f.issueOwner));
    if (f.packed) arrays.push(view(f.packed.ends), view(f.packed.kind));
  }
  arrays.push(r.valid);
  for (const f of r.feeds) {
    arrays.push(f.outcome, f.bytes);
    if (f.packed) arrays.push(f.packed.bytes);
  }
  const length = head.length - 4 + arrays.reduce((n, a) => n + a.length, 0);
  head.writeUInt32LE(length, 0);
  head.writeUInt32LE(metaBytes.length, 4);
  return [head, ...arrays];
}

const view = (a: Int32Array | Uint32Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * A result from its frame (without the leading length): `frame` starts at offset 0 of its own
 * ArrayBuffer, so the 4-byte arrays are aligned views into it, not copies.
 */
export function decodeFrame(frame: Uint8Array): UnitResult {
  const buf = Buffer.from(frame.buffer, frame.byteOffset, frame.length);
  const metaLength = buf.readUInt32LE(0);
  const meta = deserialize(buf.subarray(4, 4 + metaLength)) as FrameMeta;
  let at = pad4(8 + metaLength) - 4;
  const n = meta.ids.length;
  const take32 = <T>(make: (b: ArrayBuffer, o: number, l: number) => T, count: number): T => {
    const a = make(frame.buffer as ArrayBuffer, frame.byteOffset + at, count);
    at += count * 4;
    return a;
  };
  const takeBytes = (count: number): Uint8Array => {
    const a = frame.subarray(at, at + count);
    at += count;
    return a;
  };
  const rows = take32((b, o, l) => new Int32Array(b, o, l), n);
  const u32 = (count: number): Uint32Array => take32((b, o, l) => new Uint32Array(b, o, l), count);
  const lists = meta.feeds.map((f) => ({
    ends: u32(f.records),
    owner: u32(f.records),
    issueOwner: u32(f.issueOwners),
    packed: f.packed && { ends: u32(f.issueOwners), kind: u32(f.issueOwners) },
  }));
  const valid = takeBytes(n);
  const feeds: FeedPiece[] = meta.feeds.map((f, k) => {
    const { packed, ...list } = lists[k]!;
    const piece: FeedPiece = { ...list, outcome: takeBytes(n), bytes: takeBytes(f.bytes), issues: f.issues };
    if (packed) piece.packed = { ...packed, bytes: takeBytes(f.packed!.bytes), kinds: f.packed!.kinds };
    return piece;
  });
  if (at !== frame.length) throw new Error(`unit ${meta.seq}: frame of ${frame.length} bytes holds ${at}`);
  return { seq: meta.seq, rows, ids: meta.ids, valid, issues: meta.issues, tail: meta.tail, seen: meta.seen ?? [], feeds };
}

import { createHash, timingSafeEqual } from 'node:crypto';

/** The OpenSSH fingerprint (`SHA256:` + unpadded base64) of a raw public host key. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** Compares a server's host key with the pinned fingerprint (with or without the `SHA256:` prefix). */
export function hostKeyMatches(key: Buffer, pinned: string): boolean {
  const want = Buffer.from(pinned.replace(/^SHA256:/, '').replace(/=+$/, ''));
  const got = Buffer.from(hostKeyFingerprint(key).slice('SHA256:'.length));
  return want.length === got.length && timingSafeEqual(want, got);
}

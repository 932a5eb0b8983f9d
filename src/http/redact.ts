/**
 * Secrets must never reach a log line, an error message or a written file. Every message built from
 * a server answer or a URL goes through `redact` before it leaves the HTTP layer.
 */
const MASK = '[redacted]';

/** Header-like and query-like credentials found in free text (bearer tokens, signatures, tokens). */
const CREDENTIAL_PATTERNS: RegExp[] = [
  /(authorization\s*[:=]\s*)("?)(?:bearer|basic|token)?\s*[^\s",}]+/gi,
  /\b(bearer\s+)[A-Za-z0-9\-._~+/|=]{8,}/gi,
  /((?:access_token|refresh_token|client_secret|x-amz-signature|x-amz-security-token|signature|sig)["']?\s*[=:]\s*["']?)[^\s"'&,}]+/gi,
];

/** Replaces each secret (and common credential shapes) in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  // Longest first, so a secret containing another is masked whole.
  const sorted = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join(MASK);
  for (const re of CREDENTIAL_PATTERNS) out = out.replace(re, (_m, prefix: string) => `${prefix}${MASK}`);
  return out;
}

/** `https://host/path` without query or fragment: pre-signed URLs carry credentials in the query. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '[invalid url]';
  }
}

import { redact } from '../http/redact.js';
import { ShelfcastError } from '../issues/issue.js';

/**
 * Wraps a failed push into a ShelfcastError (exit 1) whose message and cause are free of the
 * given secrets: network libraries may echo what they were given (a URL, a header, a password).
 */
export function pushError(where: string, what: string, cause: unknown, secrets: readonly (string | undefined)[]): ShelfcastError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  const clean = redact(detail, secrets);
  return new ShelfcastError(redact(`${where}: ${what}: ${clean}`, secrets), { exitCode: 1, cause: new Error(clean) });
}

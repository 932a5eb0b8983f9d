/**
 * The one error type the HTTP layer throws. Its message and cause are already redacted: callers may
 * log or wrap it freely.
 */

/** `rejected`: the server refused the request, nothing happened. `unknown`: it may have been applied. */
export type Outcome = 'rejected' | 'unknown';

export class HttpError extends Error {
  /** HTTP status, absent when no answer came (timeout, reset). */
  readonly status?: number;
  /** Response body (redacted, at most 2,000 characters), for diagnostics. */
  readonly body?: string;
  readonly method: string;
  /** URL without query string. */
  readonly url: string;
  /** Whether a non-idempotent request might have been applied despite the error. */
  readonly outcome: Outcome;
  /** Network error code (`ECONNRESET`, `ETIMEDOUT`...), when no answer came. */
  readonly code?: string;
  readonly attempts: number;
  /** Response headers of a refusal, for APIs that say in a header when to come back (Meta's usage headers). */
  readonly headers?: Record<string, string | string[] | undefined>;

  constructor(
    message: string,
    init: { status?: number; body?: string; method: string; url: string; outcome: Outcome; code?: string; attempts: number; cause?: unknown; headers?: Record<string, string | string[] | undefined> },
  ) {
    super(message, { cause: init.cause });
    this.name = 'HttpError';
    this.status = init.status;
    this.body = init.body;
    this.method = init.method;
    this.url = init.url;
    this.outcome = init.outcome;
    this.code = init.code;
    this.attempts = init.attempts;
    this.headers = init.headers;
  }
}

export const isHttpError = (e: unknown): e is HttpError => e instanceof HttpError;

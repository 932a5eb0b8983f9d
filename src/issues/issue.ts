/**
 * Item-level problems are data, never exceptions: every reader, validator, rule and channel
 * reports them as Issue values with a stable code so that CI can count and diff them.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  severity: Severity;
  /** Stable, dotted code such as `price.invalid` or `google.title.too_long`. */
  code: string;
  message: string;
  /** Feed id, when the issue belongs to one feed only. */
  feed?: string;
  /** Product id as read from the catalog, when known. */
  id?: string;
  /** Spreadsheet row (header = 1, first product = 2) or 1-based item number for JSON/XML. */
  row?: number;
  /** Canonical field name (or source column for reader issues). */
  field?: string;
  /** File the issue comes from, when it is not the catalog. */
  file?: string;
  /** What the user should do about it. */
  fix?: string;
}

export const issue = (severity: Severity, code: string, message: string, extra: Partial<Issue> = {}): Issue => ({
  severity,
  code,
  message,
  ...extra,
});

export const error = (code: string, message: string, extra?: Partial<Issue>): Issue => issue('error', code, message, extra);
export const warning = (code: string, message: string, extra?: Partial<Issue>): Issue => issue('warning', code, message, extra);

export const info = (code: string, message: string, extra?: Partial<Issue>): Issue => issue('info', code, message, extra);

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

/**
 * A run-level failure (config, unreadable catalog, failed write). These are the only things
 * that throw; the CLI turns them into exit code 2 (or 1 for delivery failures) without a stack trace.
 */
export interface ShelfcastErrorOptions {
  cause?: unknown;
  exitCode?: 1 | 2;
  /** Stable, dotted code for `--json` (`config.invalid`, `catalog.refused`, ...); default `run.failed`. */
  code?: string;
  /** File the failure is about, as shown in the message (config file, catalog, path). */
  file?: string;
  /** 1-based line in `file`, when known. */
  line?: number;
}

export class ShelfcastError extends Error {
  readonly exitCode: 1 | 2;
  readonly code: string;
  readonly file?: string;
  readonly line?: number;
  constructor(message: string, options: ShelfcastErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'ShelfcastError';
    this.exitCode = options.exitCode ?? 2;
    this.code = options.code ?? 'run.failed';
    this.file = options.file;
    this.line = options.line;
  }
}

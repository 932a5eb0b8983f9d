import type { CommanderError } from 'commander';
import { ShelfcastError } from '../issues/issue.js';
import type { CliIO } from './context.js';

/** What `--json` prints on stdout for a failed command: one document, whatever failed. */
export interface ErrorDocument {
  ok: false;
  error: { code: string; message: string; file: string | null; line: number | null };
}

/**
 * Commander's errors by their `commander.*` code rather than `instanceof`: this module loads with
 * the CLI's entry (interrupt reports), and commander is 125 KB that `--version` need not load.
 */
const isCommanderError = (err: unknown): err is CommanderError => {
  const e = err as { code?: unknown; exitCode?: unknown };
  return err instanceof Error && typeof e.code === 'string' && e.code.startsWith('commander.') && typeof e.exitCode === 'number';
};

/** Commander's `commander.unknownOption` as `usage.unknown_option`. */
const usageCode = (code: string): string => `usage.${code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;

/**
 * Reports a failure that ended a command and returns its exit code: 2 for usage, configuration
 * and run-level failures, 1 for delivery failures, 0 for --help and --version. The message goes
 * to stderr for people; under --json the same failure is also one JSON document on stdout, unless
 * the command already printed its document.
 */
export function reportFailure(err: unknown, io: CliIO, json: { wanted: boolean; printed: boolean }): number {
  let doc: ErrorDocument['error'];
  let exitCode: number;
  if (isCommanderError(err)) {
    // --help and --version end here too, with exit code 0. Commander already wrote its message.
    if (err.exitCode === 0) return 0;
    exitCode = 2;
    doc = { code: usageCode(err.code), message: err.message.replace(/^error: /, ''), file: null, line: null };
  } else if (err instanceof ShelfcastError) {
    io.stderr(`shelfcast: ${err.message}\n`);
    exitCode = err.exitCode;
    doc = { code: err.code, message: err.message, file: err.file ?? null, line: err.line ?? null };
  } else {
    const e = err as Error;
    io.stderr(`shelfcast: internal error: ${e?.message ?? String(err)}\n(this is a bug in shelfcast; set SHELFCAST_DEBUG=1 for details)\n`);
    if (io.env.SHELFCAST_DEBUG) io.stderr(`${e?.stack ?? ''}\n`);
    exitCode = 2;
    doc = { code: 'internal', message: e?.message ?? String(err), file: null, line: null };
  }
  if (json.wanted && !json.printed) io.stdout(`${JSON.stringify({ ok: false, error: doc } satisfies ErrorDocument, null, 2)}\n`);
  return exitCode;
}

/** `--json` among the arguments (options end at `--`). */
export const wantsJson = (argv: readonly string[]): boolean => {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
};

import { wantsJson, type ErrorDocument } from './error-output.js';

/** The exit code of a run stopped by a signal: 128 + the signal's number, as shells report it. */
export const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * What a command stopped by SIGTERM or SIGINT prints once its cleanups have run: one line on
 * stderr that says so (and what was released), and under --json the error document on stdout.
 * `released` lists what the cleanups released (`the run lock`); nothing was replaced, since
 * every feed is replaced atomically and only after its build is complete.
 */
export function interruptReport(signal: string, argv: readonly string[], released: readonly string[]): { exitCode: number; stderr: string; stdout: string } {
  const exitCode = SIGNAL_EXIT[signal] ?? 130;
  const what = released.length > 0 ? `; ${released.join(', ')} released` : '';
  const message = `stopped by ${signal} (exit ${exitCode})${what}; no feed was half-written`;
  const doc: ErrorDocument = { ok: false, error: { code: 'interrupted', message, file: null, line: null } };
  return { exitCode, stderr: `shelfcast: ${message}\n`, stdout: wantsJson(argv) ? `${JSON.stringify(doc, null, 2)}\n` : '' };
}

import { InvalidArgumentError } from 'commander';
import path from 'node:path';
import { AtomicFile } from '../run/atomic-file.js';
import type { RunRecord } from '../run/history.js';
import { renderHtmlReport } from './html-report.js';
import { renderJunitReport } from './junit-report.js';
import type { VerdictSummary } from '../verdicts/model.js';

/** Report formats `--report KIND=PATH` writes. */
export const REPORT_KINDS = ['html', 'junit'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** One `--report KIND=PATH`: the kind and the file (relative to the working folder). */
export interface ReportSpec {
  kind: ReportKind;
  path: string;
}

/** Commander parser for the repeatable `--report html=PATH|junit=PATH`; default none. */
export function collectReport(value: string, previous: ReportSpec[] = []): ReportSpec[] {
  const eq = value.indexOf('=');
  const kind = eq > 0 ? value.slice(0, eq) : value;
  const file = eq > 0 ? value.slice(eq + 1) : '';
  if (!(REPORT_KINDS as readonly string[]).includes(kind)) {
    throw new InvalidArgumentError(`"${kind}" is not a report kind (use ${REPORT_KINDS.map((k) => `${k}=PATH`).join(' or ')})`);
  }
  if (!file) throw new InvalidArgumentError(`give the file to write, as ${kind}=PATH (for example ${kind}=report.${kind === 'html' ? 'html' : 'xml'})`);
  return [...previous, { kind: kind as ReportKind, path: file }];
}

export interface ReportInput {
  /** The run, exactly as recorded in the history. */
  run: RunRecord;
  /** Earlier runs, newest first (for the charts); default none. */
  history: RunRecord[];
  /** Project name for the page title. */
  project: string;
  /** The channels' verdicts fetched after this run's push, per feed; default none. */
  verdicts?: VerdictSummary[];
  /** Each feed's verdict summaries, newest first (for the chart over the last runs); default none. */
  verdictHistory?: Record<string, VerdictSummary[]>;
}

/** Writes each requested report atomically (a CI job never reads half a report). */
export async function writeReports(specs: readonly ReportSpec[], input: ReportInput, cwd: string): Promise<string[]> {
  const written: string[] = [];
  for (const spec of specs) {
    const file = path.resolve(cwd, spec.path);
    const text = spec.kind === 'html' ? renderHtmlReport(input) : renderJunitReport(input.run, input.verdicts);
    await AtomicFile.writeWhole(file, text);
    written.push(file);
  }
  return written;
}

import path from 'node:path';
import { recordLines } from '../catalog/record-lines.js';
import type { CatalogSource } from '../catalog/types.js';
import type { LoadedProject } from '../config/load.js';
import type { RunRecord } from '../run/history.js';

/** GitHub shows at most 10 error annotations per step and 50 per job; more only adds noise. */
const MAX_ANNOTATIONS = 50;

/** Message text of a workflow command: `%`, CR and LF escaped (actions/toolkit `escapeData`). */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Property values (`file=`, `title=`): also `:` and `,` (actions/toolkit `escapeProperty`). */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export interface AnnotationFiles {
  /** The catalog file the run read (configured, or `--catalog`) relative to the workspace, when it is a local file. */
  catalog?: string;
  /** Catalog row -> the physical line it begins on (CSV/TSV); a row without one gets no `line=`. */
  lines: ReadonlyMap<number, number>;
  /** Feed id -> its YAML file relative to the workspace. */
  feeds: Record<string, string>;
}

/** Paths as GitHub wants them: relative to the workspace, with forward slashes. */
export function workspacePath(absolute: string, workspace: string): string {
  return path.relative(workspace, absolute).split(path.sep).join('/');
}

/**
 * `::error file=...,line=...,title=CODE::message` lines for the errors of a run (a few examples
 * per code). Written to stderr: the runner reads workflow commands from both streams, and stdout
 * must stay one JSON document under --json.
 */
export function githubAnnotations(run: RunRecord, files: AnnotationFiles): string[] {
  const lines: string[] = [];
  const add = (code: string, feed: string | undefined, e: { row?: number; id?: string; field?: string; file?: string; message: string }, fix?: string) => {
    if (lines.length >= MAX_ANNOTATIONS) return;
    const file = e.file ?? (e.row !== undefined ? files.catalog : feed ? files.feeds[feed] : files.catalog);
    const props = [
      file ? `file=${escapeProperty(file)}` : '',
      file && file === files.catalog && e.row !== undefined && files.lines.has(e.row) ? `line=${files.lines.get(e.row)}` : '',
      `title=${escapeProperty(feed ? `${feed}: ${code}` : code)}`,
    ].filter(Boolean);
    const where = [e.row !== undefined ? `row ${e.row}` : '', e.id ? `id ${e.id}` : '', e.field ?? ''].filter(Boolean).join(', ');
    const text = `${where ? `${where}: ` : ''}${e.message}${fix && !e.message.includes(fix) ? `\nfix: ${fix}` : ''}`;
    lines.push(`::error ${props.join(',')}::${escapeData(text)}`);
  };
  for (const c of run.catalog?.issueCodes ?? []) if (c.severity === 'error') for (const e of c.examples) add(c.code, undefined, e, c.fix);
  for (const f of run.feeds) for (const c of f.issueCodes) if (c.severity === 'error') for (const e of c.examples) add(c.code, f.id, e, c.fix);
  return lines;
}

/** The catalog rows a run's error examples name. */
function exampleRows(run: RunRecord): number[] {
  const rows: number[] = [];
  for (const c of [...(run.catalog?.issueCodes ?? []), ...run.feeds.flatMap((f) => f.issueCodes)]) {
    if (c.severity === 'error') for (const e of c.examples) if (e.row !== undefined && e.file === undefined) rows.push(e.row);
  }
  return rows;
}

/**
 * Where a run's issues point: the catalog it read (`source`, so `--catalog` is named, not the
 * configured one) with the physical line of each row its examples name, and the feed files,
 * relative to the workspace. A catalog that cannot be read again only loses the lines.
 */
export async function annotationFiles(project: LoadedProject, source: CatalogSource, run: RunRecord, workspace: string): Promise<AnnotationFiles> {
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(source.location);
  const lines = local ? await recordLines(source, exampleRows(run)).catch(() => new Map<number, number>()) : new Map<number, number>();
  return {
    catalog: local ? workspacePath(source.location, workspace) : undefined,
    lines,
    feeds: Object.fromEntries(project.feeds.map((f) => [f.id, workspacePath(path.resolve(project.root, f.file), workspace)])),
  };
}

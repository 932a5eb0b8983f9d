import path from 'node:path';
import type { LoadedProject } from '../config/load.js';
import type { RunRecord } from '../run/history.js';

/** GitHub shows at most 10 error annotations per step and 50 per job; more only adds noise. */
const MAX_ANNOTATIONS = 50;

/** Message text of a workflow command: `%`, CR and LF escaped (actions/toolkit `escapeData`). */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Property values (`file=`, `title=`): also `:` and `,` (actions/toolkit `escapeProperty`). */
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export interface AnnotationFiles {
  /** Catalog file relative to the workspace, when it is a local file. */
  catalog?: string;
  /** Row numbers are line numbers (CSV/TSV without line breaks in cells). */
  rowsAreLines: boolean;
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
      file && file === files.catalog && files.rowsAreLines && e.row !== undefined ? `line=${e.row}` : '',
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

/** Where a project's issues point: its catalog (when local) and feed files, relative to the workspace. */
export function annotationFiles(project: LoadedProject, workspace: string): AnnotationFiles {
  const catalog = project.config.catalog;
  const local = !/^[a-z][a-z0-9+.-]*:\/\//i.test(catalog.path);
  const format = catalog.format ?? path.extname(catalog.path).slice(1).toLowerCase();
  return {
    catalog: local ? workspacePath(path.resolve(project.root, catalog.path), workspace) : undefined,
    rowsAreLines: format === 'csv' || format === 'tsv' || format === 'txt',
    feeds: Object.fromEntries(project.feeds.map((f) => [f.id, workspacePath(path.resolve(project.root, f.file), workspace)])),
  };
}

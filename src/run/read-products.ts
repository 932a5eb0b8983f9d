import path from 'node:path';
import { mapCatalog } from '../catalog/map-catalog.js';
import { SourceJoin } from '../catalog/sources/join-sources.js';
import { catalogFileSpec, loadSources } from '../catalog/sources/load-sources.js';
import type { CatalogSource } from '../catalog/types.js';
import { createMapper } from './project-mapper.js';
import type { LoadedProject } from '../config/load.js';
import type { Issue } from '../issues/issue.js';
import type { CatalogItem } from '../product/product.js';
import { createValidator } from '../product/validate.js';

/** One source row after mapping and validation: a valid item, or only the issues that excluded it. */
export interface ProductEvent {
  item?: CatalogItem;
  issues: Issue[];
  /** With `provenance`: the source each field came from (canonical name or `extra.<column>`). */
  sources?: Record<string, string>;
}

export interface ReadProductsOptions {
  /** `--catalog FILE`: read this catalog instead of the configured one (same preset and settings). */
  catalog?: string;
  /** Record on each event which source each field came from (for explain); default false. */
  provenance?: boolean;
}

/** The catalog source of a project, resolved against the project root (or the cwd for --catalog). */
export function catalogSource(project: LoadedProject, override: string | undefined, cwd = process.cwd()): CatalogSource {
  const c = project.config.catalog;
  const raw = override ?? c.path;
  const isUrl = /^https?:\/\//i.test(raw);
  const location = isUrl ? raw : path.resolve(override ? cwd : project.root, raw);
  const spec = catalogFileSpec(location, c);
  // --catalog FILE: its format comes from its own extension.
  return override ? { ...spec, format: undefined } : spec;
}

/**
 * Reads, maps and validates the catalog once. Every source row yields one event; the events after
 * the last row carry issues known only at the end (duplicate ids' first rows, preset summaries).
 */
export async function* readProducts(project: LoadedProject, options: ReadProductsOptions & { cwd?: string } = {}): AsyncGenerator<ProductEvent> {
  const source = catalogSource(project, options.catalog, options.cwd);
  const mapper = createMapper(project);
  const validator = createValidator({ locale: project.config.catalog.locale, currency: project.config.catalog.currency });
  const loaded = project.config.catalog.sources.length ? await loadSources(project) : undefined;
  const join = loaded && new SourceJoin(loaded.join);
  let finishIssues: Issue[] = [];
  for await (const row of mapCatalog(source, mapper, (issues) => (finishIssues = issues))) {
    if (!join) {
      yield validator.validate(row);
      continue;
    }
    const sources: Record<string, string> | undefined = options.provenance ? {} : undefined;
    join.apply(row, sources);
    yield sources ? { ...validator.validate(row), sources } : validator.validate(row);
  }
  // As in the pass: the sources' own problems and the keys no item asked for come last.
  const tail = [...finishIssues, ...validator.finish(), ...(loaded ? [...loaded.issues, ...join!.unmatched()] : [])];
  if (tail.length > 0) yield { issues: tail };
}

import path from 'node:path';
import { mapCatalog } from '../catalog/map-catalog.js';
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
}

export interface ReadProductsOptions {
  /** `--catalog FILE`: read this catalog instead of the configured one (same preset and settings). */
  catalog?: string;
}

/** The catalog source of a project, resolved against the project root (or the cwd for --catalog). */
export function catalogSource(project: LoadedProject, override: string | undefined, cwd = process.cwd()): CatalogSource {
  const c = project.config.catalog;
  const raw = override ?? c.path;
  const isUrl = /^https?:\/\//i.test(raw);
  const location = isUrl ? raw : path.resolve(override ? cwd : project.root, raw);
  return {
    location,
    format: override ? undefined : c.format,
    delimiter: c.delimiter === 'auto' ? undefined : c.delimiter,
    itemPath: c.item_path,
    jsonPath: c.json_path,
    decompression: { maxBytes: c.max_uncompressed_mb * 1024 * 1024, maxRatio: c.max_compression_ratio },
  };
}

/**
 * Reads, maps and validates the catalog once. Every source row yields one event; the events after
 * the last row carry issues known only at the end (duplicate ids' first rows, preset summaries).
 */
export async function* readProducts(project: LoadedProject, options: ReadProductsOptions & { cwd?: string } = {}): AsyncGenerator<ProductEvent> {
  const source = catalogSource(project, options.catalog, options.cwd);
  const mapper = createMapper(project);
  const validator = createValidator({ locale: project.config.catalog.locale, currency: project.config.catalog.currency });
  let finishIssues: Issue[] = [];
  for await (const row of mapCatalog(source, mapper, (issues) => (finishIssues = issues))) {
    yield validator.validate(row);
  }
  const tail = [...finishIssues, ...validator.finish()];
  if (tail.length > 0) yield { issues: tail };
}

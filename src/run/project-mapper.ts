import { getPreset } from '../catalog/presets/index.js';
import type { PresetMapper } from '../catalog/types.js';
import type { LoadedProject } from '../config/load.js';
import type { SupplementalSourceConfig } from '../config/project-schema.js';

/**
 * The project's column preset, ready to map rows. On its own (not in read-products) so that worker
 * threads, which map rows but never open a catalog, do not load the readers and the HTTP client.
 */
export function createMapper(project: LoadedProject): PresetMapper {
  return createSourceMapper(project, project.config.catalog);
}

/** The preset of one source (the primary catalog or a supplemental one), with its own columns. */
export function createSourceMapper(project: LoadedProject, source: Pick<SupplementalSourceConfig, 'preset' | 'columns' | 'base_url' | 'content_locale' | 'scope'>): PresetMapper {
  const c = project.config.catalog;
  return getPreset(source.preset).create({
    columns: source.columns,
    baseUrl: source.base_url,
    locale: source.content_locale ?? c.content_locale ?? c.locale.replace('-', '_'),
    scope: source.scope ?? c.scope,
    currency: c.currency,
  });
}

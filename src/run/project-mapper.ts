import { getPreset } from '../catalog/presets/index.js';
import type { PresetMapper } from '../catalog/types.js';
import type { LoadedProject } from '../config/load.js';

/**
 * The project's column preset, ready to map rows. On its own (not in read-products) so that worker
 * threads, which map rows but never open a catalog, do not load the readers and the HTTP client.
 */
export function createMapper(project: LoadedProject): PresetMapper {
  const c = project.config.catalog;
  return getPreset(c.preset).create({
    columns: c.columns,
    baseUrl: c.base_url,
    locale: c.content_locale ?? c.locale.replace('-', '_'),
    scope: c.scope,
    currency: c.currency,
    includeUnpublished: c.include_unpublished,
  });
}

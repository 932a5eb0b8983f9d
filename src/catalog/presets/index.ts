import { ShelfcastError, type Issue } from '../../issues/issue.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { MappedRow, Preset, PresetMapper, PresetOptions, RawRow } from '../types.js';
import { google } from './google.js';
import { shopify } from './shopify.js';
import { woocommerce } from './woocommerce.js';
import { magento } from './magento.js';
import { akeneo } from './akeneo.js';

const PRESETS: Record<string, Preset> = { google, shopify, woocommerce, magento, akeneo };

/** Ids of the column presets, for config validation and `--help`. */
export const PRESET_IDS: string[] = Object.keys(PRESETS);

/**
 * Reader issues travel on the mapped rows; a row that maps to nothing (a variable parent, a
 * Magento configurable) would lose them, header warnings included, so they come back in finish().
 */
function keepReaderIssues(preset: Preset): Preset {
  return {
    id: preset.id,
    title: preset.title,
    rowLocal: preset.rowLocal,
    create(options: PresetOptions): PresetMapper {
      const mapper = preset.create(options);
      const orphans: Issue[] = [];
      const wrapped: PresetMapper = {
        map(raw: RawRow): MappedRow[] {
          const out = mapper.map(raw);
          if (out.length === 0 && raw.issues) orphans.push(...raw.issues);
          return out;
        },
        finish(): Issue[] {
          return [...orphans, ...(mapper.finish?.() ?? [])];
        },
      };
      // Only presets that need it get a prepass: its presence makes the pipeline read the catalog twice.
      if (mapper.prepass) wrapped.prepass = (raw: RawRow) => mapper.prepass!(raw);
      return wrapped;
    },
  };
}

/** The preset with this id; an unknown id is a configuration error with a did-you-mean hint. */
export function getPreset(id: string): Preset {
  const preset = Object.hasOwn(PRESETS, id) ? PRESETS[id] : undefined;
  if (!preset) {
    throw new ShelfcastError(
      `catalog.preset: unknown preset "${id}"${didYouMean(id, PRESET_IDS)}. Known presets: ${PRESET_IDS.join(', ')}.`,
    );
  }
  return keepReaderIssues(preset);
}

import { ShelfcastError } from '../../issues/issue.js';
import { didYouMean } from '../../util/did-you-mean.js';
import type { Preset } from '../types.js';
import { google } from './google.js';
import { shopify } from './shopify.js';
import { woocommerce } from './woocommerce.js';
import { magento } from './magento.js';
import { akeneo } from './akeneo.js';

const PRESETS: Record<string, Preset> = { google, shopify, woocommerce, magento, akeneo };

/** Ids of the column presets, for config validation and `--help`. */
export const PRESET_IDS: string[] = Object.keys(PRESETS);

/** The preset with this id; an unknown id is a configuration error with a did-you-mean hint. */
export function getPreset(id: string): Preset {
  const preset = Object.hasOwn(PRESETS, id) ? PRESETS[id] : undefined;
  if (!preset) {
    throw new ShelfcastError(
      `catalog.preset: unknown preset "${id}"${didYouMean(id, PRESET_IDS)}. Known presets: ${PRESET_IDS.join(', ')}.`,
    );
  }
  return preset;
}

import type { Issue } from '../../issues/issue.js';
import type { MappedRow, Preset, PresetMapper, PresetOptions, RawRow } from '../types.js';
import { createWooCsvMapper } from './woocommerce-csv.js';
import { createWooWxrMapper } from './woocommerce-wxr.js';

/** WXR items carry WordPress post fields; CSV exports have an `ID`/`Type` header instead. */
const isWxr = (raw: RawRow): boolean => 'post_type' in raw.fields;

/** WooCommerce: the product CSV export, or the WordPress XML (WXR) export; chosen per row by its shape. */
function createWooMapper(options: PresetOptions): PresetMapper {
  const csv = createWooCsvMapper(options);
  const wxr = createWooWxrMapper(options);
  let usedCsv = false;
  let usedWxr = false;
  return {
    prepass(raw: RawRow): void {
      if (isWxr(raw)) wxr.prepass(raw);
      else csv.prepass(raw);
    },
    map(raw: RawRow): MappedRow[] {
      if (isWxr(raw)) {
        usedWxr = true;
        return wxr.map(raw);
      }
      usedCsv = true;
      return csv.map(raw);
    },
    finish(): Issue[] {
      return [...(usedCsv ? csv.finish() : []), ...(usedWxr ? wxr.finish() : [])];
    },
  };
}

export const woocommerce: Preset = {
  id: 'woocommerce',
  title: 'WooCommerce product CSV or WordPress XML export',
  create: createWooMapper,
};

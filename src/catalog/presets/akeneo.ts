import { blankRecord } from '../../util/blank-record.js';
import type { MappedRow, Preset, PresetOptions, RawRow } from '../types.js';
import { isFalse, markUnpublished } from './publication.js';
import { absolute, applyOverrides, extraOf, mapped, PerColumns } from './row-kit.js';

/** Akeneo attribute codes that are canonical fields. */
const ATTRIBUTES: Record<string, string> = {
  sku: 'id',
  name: 'title',
  title: 'title',
  description: 'description',
  short_description: 'description',
  price: 'price',
  sale_price: 'sale_price',
  ean: 'gtin',
  gtin: 'gtin',
  upc: 'gtin',
  brand: 'brand',
  manufacturer: 'brand',
  mpn: 'mpn',
  color: 'color',
  size: 'size',
  material: 'material',
  pattern: 'pattern',
  gender: 'gender',
  age_group: 'age_group',
  weight: 'shipping_weight',
  image: 'image_link',
  main_image: 'image_link',
  picture: 'image_link',
  url: 'link',
  link: 'link',
  quantity: 'quantity',
  stock: 'quantity',
  condition: 'condition',
};

interface Source {
  column: string;
  field: string;
  /** `EUR` for price columns: appended to the value so the validator knows the currency. */
  currency?: string;
  /** The `-unit` column that goes with a metric attribute (`weight` + `weight-unit`). */
  unit?: string;
}

interface Plan {
  keys: string[];
  sources: Source[];
  consumed: Set<string>;
}

/** Akeneo metric units as Google writes them. */
const UNITS: Record<string, string> = { KILOGRAM: 'kg', GRAM: 'g', POUND: 'lb', OUNCE: 'oz' };

const isCurrency = (s: string): boolean => /^[A-Z]{3}$/.test(s);

/**
 * Chooses, for each canonical attribute, the column whose suffixes (`-locale`, `-scope`,
 * `-CURRENCY`) match the configured ones: `description-en_US-ecommerce` for en_US + ecommerce.
 * A column with a suffix of another locale, scope or currency stays in `extra`.
 */
function buildPlan(keys: string[], locale: string, scope: string, currency: string | undefined): Plan {
  const best = new Map<string, { source: Source; score: number }>();
  const consumed = new Set<string>();
  const present = new Set(keys);
  for (const column of keys) {
    const [code = '', ...suffixes] = column.split('-');
    const field = ATTRIBUTES[code.toLowerCase()];
    if (!field || suffixes.includes('unit')) continue;
    let matches = true;
    let money: string | undefined;
    for (const s of suffixes) {
      if (s === locale || s === scope) continue;
      if (isCurrency(s) && (currency === undefined || s === currency)) money = s;
      else matches = false;
    }
    if (!matches) continue;
    const source: Source = { column, field };
    if (money) source.currency = money;
    if (present.has(`${column}-unit`)) source.unit = `${column}-unit`;
    // More matching suffixes is more specific; among equals, the first column wins.
    const score = suffixes.length;
    const prev = best.get(field);
    if (!prev || score > prev.score) best.set(field, { source, score });
  }
  const sources = [...best.values()].map((b) => b.source);
  for (const s of sources) {
    consumed.add(s.column);
    if (s.unit) consumed.add(s.unit);
  }
  return { keys, sources, consumed };
}

function createAkeneoMapper(options: PresetOptions) {
  const locale = (options.locale ?? 'en_US').replace('-', '_');
  const scope = options.scope ?? 'ecommerce';
  const plans = new PerColumns((keys) => buildPlan(keys, locale, scope, options.currency));
  return {
    map(raw: RawRow): MappedRow[] {
      const plan = plans.get(raw.fields);
      const fields: Record<string, string> = blankRecord();
      for (const s of plan.sources) {
        let value = raw.fields[s.column]!;
        if (value === '' || fields[s.field] !== undefined) continue;
        if (s.currency) value = `${value} ${s.currency}`;
        if (s.unit && raw.fields[s.unit]) {
          const unit = raw.fields[s.unit]!;
          value = `${value} ${UNITS[unit] ?? unit.toLowerCase()}`;
        }
        if (s.field === 'image_link' || s.field === 'link') value = absolute(value, options.baseUrl);
        fields[s.field] = value;
      }
      const row = mapped(raw, fields, extraOf(raw.fields, plan.keys, plan.consumed));
      applyOverrides(raw.fields, row, options.columns);
      // Akeneo's `enabled` column: 0 is a product switched off in the PIM, not to be sold anywhere.
      const enabled = raw.fields.enabled;
      return [enabled !== undefined && isFalse(enabled) ? markUnpublished(row, `enabled ${JSON.stringify(enabled)}`, options) : row];
    },
  };
}

export const akeneo: Preset = {
  id: 'akeneo',
  title: 'Akeneo PIM flat CSV export',
  rowLocal: true,
  create: createAkeneoMapper,
};

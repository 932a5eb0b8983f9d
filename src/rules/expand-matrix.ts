import type { FeedConfig } from '../config/feed-schema.js';
import { ShelfcastError } from '../issues/issue.js';
import type { MatrixEntry, RateConfig } from './matrix-schema.js';
import type { RuleConfig } from './schema.js';

/** The rules that give one target its own prices: a price column, or an explicit rate, never a silent conversion. */
function priceRules(label: string, currency: string | undefined, entry: Pick<MatrixEntry, 'price' | 'sale_price'>, rates: readonly RateConfig[]): RuleConfig[] {
  if (!currency) return [];
  if (entry.price) {
    return [
      { name: `${label}: no ${currency} price in ${entry.price}`, exclude: { field: entry.price, empty: true } },
      { name: `${label}: price from ${entry.price}`, set: { field: 'price', from: entry.price, currency } },
      entry.sale_price
        ? { name: `${label}: sale price from ${entry.sale_price}`, set: { field: 'sale_price', from: entry.sale_price, currency } }
        : { name: `${label}: no sale price in the ${currency} price list`, set: { field: 'sale_price', value: '' } },
    ];
  }
  return rates
    .filter((r) => r.to === currency && r.from !== currency)
    .flatMap((r) =>
      (['price', 'sale_price'] as const).map((field) => ({
        name: `${label}: convert ${field} from ${r.from} to ${r.to} at ${r.rate} (rates:)`,
        convert: { field, from: r.from, to: r.to, rate: r.rate },
      })),
    );
}

/**
 * One feed definition to the feeds it writes: itself, or one feed per `matrix:` entry (id
 * `<id>-<country>` unless the entry names one), each with its country, language, currency and
 * price rules. Also turns `categories:` into the first mapping rule, so that the feed's own rules
 * see (and may override) the mapped category. The returned configs have no matrix, rates or
 * categories keys left. Throws ShelfcastError naming `file` and the dot path.
 */
export function expandMatrix(config: FeedConfig, id: string, file: string): Array<{ id: string; config: FeedConfig }> {
  const rates = config.rates ?? [];
  const categoryRules: RuleConfig[] = config.categories ? [{ name: `map ${config.categories.from} to ${config.categories.field} (categories:)`, categories: config.categories }] : [];
  const base: FeedConfig = { ...config, matrix: undefined, rates: undefined, categories: undefined };
  if (!config.matrix) {
    const rules = [...priceRules(`currency ${config.currency}`, config.currency, {}, rates), ...categoryRules, ...config.rules];
    return [{ id, config: { ...base, id, rules } }];
  }
  if (config.file && config.matrix.some((e) => !e.file)) {
    throw new ShelfcastError(`${file}: file: a feed with matrix: writes one file per target: set file: in every matrix entry, or remove file: to use <id>.<ext>`);
  }
  const seen = new Map<string, number>();
  return config.matrix.map((entry, i) => {
    const entryId = entry.id ?? `${id}-${entry.country.toLowerCase()}`;
    const other = seen.get(entryId);
    if (other !== undefined) {
      throw new ShelfcastError(`${file}: matrix[${i}].id: feed id "${entryId}" is also produced by matrix[${other}] (give one of them id:)`);
    }
    seen.set(entryId, i);
    const label = `matrix ${entry.country}${entry.language ? `-${entry.language}` : ''}`;
    const rules = [...priceRules(label, entry.currency, entry, rates), ...categoryRules, ...config.rules, ...(entry.rules ?? [])];
    const expanded: FeedConfig = {
      ...base,
      id: entryId,
      country: entry.country,
      language: entry.language ?? config.language,
      currency: entry.currency,
      file: entry.file,
      options: { ...config.options, ...entry.options },
      rules,
    };
    return { id: entryId, config: expanded };
  });
}

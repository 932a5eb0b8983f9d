import type { ChannelDefinition } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import type { FeedConfig } from './feed-schema.js';
import type { YamlFile } from './read-yaml.js';

/**
 * Refuses a feed target whose currency is not one its channel takes in its country (idealo.de
 * lists EUR, idealo.co.uk GBP; Microsoft Merchant Center takes prices "in local currency"): every
 * item would be refused there, so the config says so at load, naming the file, the feed, the field
 * and the currency to write.
 */
export function checkMarketCurrency(
  channel: ChannelDefinition<any>,
  targets: ReadonlyArray<{ id: string; config: FeedConfig }>,
  fromMatrix: boolean,
  shown: string,
  yaml: YamlFile,
): void {
  const markets = channel.marketCurrencies;
  if (!markets) return;
  targets.forEach(({ id, config }, i) => {
    const accepted = config.country ? markets[config.country] : undefined;
    if (!accepted || !config.currency || accepted.includes(config.currency)) return;
    const wanted = accepted[0]!;
    const at = fromMatrix ? ['matrix', i, 'currency'] : ['currency'];
    const field = fromMatrix ? `matrix[${i}].currency` : 'currency';
    const rates = `convert with rates: { from: ${config.currency}, to: ${wanted}, rate: <rate> } and set ${wanted}`;
    throw new ShelfcastError(
      `${shown}: ${field}: feed "${id}" for ${channel.title} in ${config.country} is in ${config.currency}, but ${channel.title} takes prices there in ${accepted.join(' or ')} only (set ${field}: ${wanted}, with a price column in ${wanted} or ${rates})`,
      { code: 'config.invalid', file: shown, line: yaml.lineOf(at) },
    );
  });
}

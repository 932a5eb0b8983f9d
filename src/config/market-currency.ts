import type { ChannelDefinition } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import type { FeedConfig } from './feed-schema.js';
import { dotPath } from './format-zod-error.js';
import type { YamlFile } from './read-yaml.js';

/**
 * Refuses, at load, a feed whose currency its channel's market does not take: a channel with one
 * currency per country (`marketCurrencies`) shows no price in another one, and converting is never
 * done behind the merchant's back. Checked for the feed and for every matrix target.
 */
export function checkMarketCurrency(channel: ChannelDefinition<any>, config: FeedConfig, shown: string, yaml: YamlFile): void {
  const markets = channel.marketCurrencies;
  if (!markets) return;
  const targets: { country?: string; currency?: string; at: (string | number)[] }[] = config.matrix
    ? config.matrix.map((e, i) => ({ country: e.country, currency: e.currency, at: ['matrix', i] }))
    : [{ country: config.country, currency: config.currency, at: [] }];
  const listed = Object.entries(markets).map(([country, currency]) => `${country} ${currency}`).join(', ');
  for (const { country, currency, at } of targets) {
    const field = dotPath([...at, 'currency']);
    const line = yaml.lineOf(currency ? [...at, 'currency'] : [...at, 'country']);
    if (country && markets[country]) {
      const wanted = markets[country]!;
      if (currency === wanted) continue;
      const is = currency ? `is in ${currency}` : 'has no currency, so items in any currency would be listed';
      throw new ShelfcastError(
        `${shown}: ${field}: the feed for ${country} ${is}, but ${channel.title} ${country} takes prices in ${wanted} only (its markets: ${listed}). Set ${field}: ${wanted}, with prices in ${wanted} (a matrix price: column or rates:).`,
        { code: 'config.market_currency', file: shown, line },
      );
    }
    if (!country && currency && !Object.values(markets).includes(currency)) {
      throw new ShelfcastError(
        `${shown}: ${field}: ${currency} is a currency no ${channel.title} market takes (its markets: ${listed}). Set country: and the currency of that market.`,
        { code: 'config.market_currency', file: shown, line },
      );
    }
  }
}

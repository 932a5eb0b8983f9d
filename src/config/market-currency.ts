import type { ChannelDefinition } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import type { FeedConfig } from './feed-schema.js';
import type { YamlFile } from './read-yaml.js';

/**
 * Refuses a feed target whose currency its channel does not take: one outside the channel's list
 * of currencies (TikTok's catalog currencies), or not the one of its country (idealo.de lists EUR,
 * idealo.co.uk GBP; Microsoft Merchant Center takes prices "in local currency"). Every item would
 * be refused there, so the config says so at load, naming the file, the feed, the field and the
 * currency to write.
 */
export function checkMarketCurrency(
  channel: ChannelDefinition<any>,
  targets: ReadonlyArray<{ id: string; config: FeedConfig }>,
  fromMatrix: boolean,
  shown: string,
  yaml: YamlFile,
): void {
  const { marketCurrencies: markets, currencies } = channel;
  if (!markets && !currencies) return;
  targets.forEach(({ id, config }, i) => {
    if (!config.currency) return;
    const at = fromMatrix ? ['matrix', i, 'currency'] : ['currency'];
    const field = fromMatrix ? `matrix[${i}].currency` : 'currency';
    const refuse = (message: string) => new ShelfcastError(`${shown}: ${field}: feed "${id}" for ${channel.title}${message}`, { code: 'config.invalid', file: shown, line: yaml.lineOf(at) });
    if (currencies && !currencies.includes(config.currency)) {
      throw refuse(
        ` is in ${config.currency}, which ${channel.title} does not take (docs/channels/${channel.id}.md lists the ${currencies.length} it does; set ${field} to one of them, with a price column in it or convert with rates: { from: ${config.currency}, to: <currency>, rate: <rate> })`,
      );
    }
    const accepted = config.country ? markets?.[config.country] : undefined;
    if (!accepted || accepted.includes(config.currency)) return;
    const wanted = accepted[0]!;
    const rates = `convert with rates: { from: ${config.currency}, to: ${wanted}, rate: <rate> } and set ${wanted}`;
    throw refuse(
      ` in ${config.country} is in ${config.currency}, but ${channel.title} takes prices there in ${accepted.join(' or ')} only (set ${field}: ${wanted}, with a price column in ${wanted} or ${rates})`,
    );
  });
}

import type { ChannelDefinition } from '../channels/define-channel.js';
import { ShelfcastError } from '../issues/issue.js';
import { createCsvSerializer } from './csv.js';
import { createJsonSerializer, createNdjsonSerializer } from './json.js';
import { createRssSerializer } from './rss.js';
import type { Serializer, SerializerContext } from './serializer.js';
import { createTsvSerializer } from './tsv.js';
import { createQuotedTsvSerializer } from './tsv-quoted.js';

export type { DocumentWriter, Serializer, SerializerContext } from './serializer.js';
export { documentWriter } from './serializer.js';
export { GOOGLE_NS } from './rss.js';
export { escapeXml } from './xml-escape.js';
export { removeIllegalChars } from './text-clean.js';

/**
 * A fresh streaming serializer for the format's serializer id: a generic one (`rss`, `csv`, `tsv`, `tsv-quoted`,
 * `json`, `ndjson`) or one of the channel's own (`own`, the channel's `serializers`).
 */
export function createSerializer(ctx: SerializerContext, own?: ChannelDefinition['serializers']): Serializer {
  const channelOwn = own && Object.hasOwn(own, ctx.format.serializer) ? own[ctx.format.serializer] : undefined;
  if (channelOwn) return channelOwn(ctx);
  switch (ctx.format.serializer) {
    case 'rss':
      return createRssSerializer(ctx);
    case 'csv':
      return createCsvSerializer(ctx);
    case 'tsv':
      return createTsvSerializer(ctx);
    case 'tsv-quoted':
      return createQuotedTsvSerializer(ctx);
    case 'json':
      return createJsonSerializer();
    case 'ndjson':
      return createNdjsonSerializer();
    default:
      throw new ShelfcastError(
        `No serializer "${ctx.format.serializer}" for format "${ctx.format.id}": the generic writers are rss, csv, tsv, tsv-quoted, json and ndjson${own ? `, the channel's own ${Object.keys(own).join(', ')}` : ''}.`,
      );
  }
}

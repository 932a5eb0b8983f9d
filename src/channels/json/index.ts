import { defineChannel } from '../define-channel.js';
import { genericOptionsSchema } from '../generic/column-options.js';
import { GENERIC_ATTRIBUTES } from '../generic/generic-attributes.js';
import { genericColumns, mapColumns } from '../generic/map-columns.js';

/**
 * JSON or NDJSON objects whose keys the feed declares (`options.columns`), for channels and tools
 * shelfcast does not know yet. List fields stay arrays unless a column sets `join`.
 */
export default defineChannel({
  id: 'json',
  title: 'Generic JSON/NDJSON',
  kind: 'generic',
  formats: [
    { id: 'json', serializer: 'json', ext: 'json', contentType: 'application/json' },
    { id: 'ndjson', serializer: 'ndjson', ext: 'ndjson', contentType: 'application/x-ndjson' },
  ],
  attributes: GENERIC_ATTRIBUTES,
  options: genericOptionsSchema,
  columns: genericColumns,
  map: (product, ctx) => mapColumns(product, ctx, { channel: 'json' }),
});

import { defineChannel } from '../define-channel.js';
import { genericOptionsSchema } from '../generic/column-options.js';
import { GENERIC_ATTRIBUTES } from '../generic/generic-attributes.js';
import { genericColumns, mapColumns } from '../generic/map-columns.js';

/**
 * A delimited file whose columns the feed declares (`options.columns`), for channels shelfcast does
 * not know yet. List fields are joined with `,` unless a column sets `join`.
 */
export default defineChannel({
  id: 'csv',
  title: 'Generic CSV/TSV',
  kind: 'generic',
  formats: [
    // No channel's importer is known to read these: they end in spreadsheets as often as anywhere.
    { id: 'csv', serializer: 'csv', ext: 'csv', contentType: 'text/csv; charset=utf-8', spreadsheet: true },
    { id: 'tsv', serializer: 'tsv', ext: 'tsv', contentType: 'text/tab-separated-values; charset=utf-8', spreadsheet: true },
  ],
  attributes: GENERIC_ATTRIBUTES,
  options: genericOptionsSchema,
  columns: genericColumns,
  map: (product, ctx) => mapColumns(product, ctx, { channel: 'csv', defaultJoin: ',' }),
});

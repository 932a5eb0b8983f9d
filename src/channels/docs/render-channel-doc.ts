import type { ChannelDefinition } from '../define-channel.js';
import { stringify as stringifyYaml } from 'yaml';
import type { Issue } from '../../issues/issue.js';
import { capabilitiesOf } from '../registry.js';
import { CAPABILITY_HEADS, capabilityCells } from './capability-table.js';
import { describeOptions } from './describe-options.js';
import { issueCodes } from './issue-codes.js';
import { firstRecord } from './sample-record.js';
import { code, markdownTable } from './text-table.js';

const KIND: Record<ChannelDefinition['kind'], string> = {
  comparison: 'comparison-shopping engine',
  social: 'social catalog',
  marketplace: 'marketplace',
  generic: 'generic feed (columns declared by the feed)',
};

export interface ChannelDocExtras {
  /** Issues seen when rendering the fixture catalog (the golden issues snapshot); their codes are listed. */
  issues?: ReadonlyArray<Pick<Issue, 'severity' | 'code' | 'field'>>;
  /** Where the sample came from, shown under its heading. */
  sampleSource?: string;
  /** Options shown in the example feed file (e.g. the conformance fixture's), already valid. */
  exampleOptions?: Record<string, unknown>;
}

/**
 * The Markdown page of one channel (docs/channels/<id>.md): kind, formats, attributes with limits and
 * sources, options, issue codes and a sample record. `sample` is a feed rendered in the channel's
 * first format (its golden file); its first item is shown. Pure: same input, same bytes.
 */
export function renderChannelDoc(channel: ChannelDefinition<any>, sample?: string, extras: ChannelDocExtras = {}): string {
  const parts: string[] = [];
  parts.push(`# ${channel.title} (\`${channel.id}\`)`);
  parts.push(
    `Kind: ${KIND[channel.kind]}. Channel id \`${channel.id}\`, defined in \`src/channels/${channel.id}/\`.\n\n` +
      '<!-- Generated from the channel definition by scripts/write-channel-docs.mjs; edit the channel, not this page. -->',
  );
  const first = channel.formats[0];
  const example = { channel: channel.id, format: first?.id ?? '', ...(extras.exampleOptions && Object.keys(extras.exampleOptions).length ? { options: extras.exampleOptions } : {}) };
  parts.push('## Feed file\n\n```yaml\n' + `# feeds/${channel.id}.yaml\n` + stringifyYaml(example, { lineWidth: 0 }) + '```');

  parts.push('## Formats');
  parts.push(
    markdownTable(
      ['format', 'file extension', 'content type', 'written as'],
      channel.formats.map((f) => [code(f.id), code(`.${f.ext}`), f.contentType, f.serializer]),
    ),
  );

  parts.push('## Capabilities');
  parts.push(markdownTable(CAPABILITY_HEADS, [capabilityCells(capabilitiesOf(channel))]));

  parts.push('## Attributes');
  parts.push(
    markdownTable(
      ['attribute', 'required', 'format', 'limit', 'catalog field'],
      channel.attributes.map((a) => [code(a.name), a.required ? 'yes' : 'no', a.format, a.limit === undefined ? '' : a.limit.toLocaleString('en-US'), a.source]),
    ),
  );

  parts.push('## Options');
  const options = describeOptions(channel.options);
  parts.push(
    options.length
      ? 'Set under `options:` in the feed file.\n\n' +
          markdownTable(
            ['option', 'type', 'required', 'default', 'description'],
            options.map((o) => [code(o.name), o.type, o.required ? 'yes' : 'no', o.default === undefined ? '' : code(o.default), o.description]),
          )
      : 'This channel has no options of its own; the feed sets `country`, `language`, `currency` and `format`.',
  );

  if (channel.currencies) {
    parts.push('## Currencies');
    parts.push(
      `The channel takes these ${channel.currencies.length} currencies only; a feed in another \`currency\` is refused when the config is loaded: ` +
        channel.currencies.map(code).join(', ') + '.',
    );
  }

  if (channel.marketCurrencies) {
    parts.push('## Currency per country');
    parts.push(
      "The channel takes prices only in the local currency of the feed's `country`. A feed for one of these countries in another `currency` is refused when the config is loaded; set the currency shown, with a `price_<CUR>` column or a `convert` rule with `rates:`.\n\n" +
        markdownTable(['currency', 'countries'], currencyRows(channel.marketCurrencies)),
    );
  }

  parts.push('## Issue codes');
  const codes = issueCodes(channel, extras.issues);
  parts.push(
    'Errors leave the item out of the feed; warnings publish it changed. Every issue names the feed, the item id, the catalog row and the field.\n\n' +
      markdownTable(['code', 'severity', 'field', 'meaning'], codes.map((c) => [code(c.code), c.severity, c.field, c.meaning])),
  );

  const record = sample !== undefined && first ? firstRecord(sample, first) : undefined;
  if (record) {
    parts.push('## Sample record');
    if (extras.sampleSource) parts.push(`The first item of \`${extras.sampleSource}\` (format \`${first!.id}\`).`);
    parts.push(
      record.kind === 'fields'
        ? markdownTable(['field', 'value'], record.fields.map(([k, v]) => [code(k), v]))
        : '```' + record.language + '\n' + record.text + '\n```',
    );
  }
  return parts.join('\n\n') + '\n';
}

/** One row per accepted currency (or pair), with its countries in alphabetical order. */
function currencyRows(markets: Readonly<Record<string, readonly string[]>>): string[][] {
  const byCurrency = new Map<string, string[]>();
  for (const country of Object.keys(markets).sort()) {
    const key = markets[country]!.join(' or ');
    byCurrency.set(key, [...(byCurrency.get(key) ?? []), country]);
  }
  return [...byCurrency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, countries]) => [currency, countries.join(', ')]);
}

import type { ChannelDefinition } from '../define-channel.js';
import { capabilitiesOf } from '../registry.js';
import { CAPABILITY_HEADS, capabilityCells } from './capability-table.js';
import { describeOptions } from './describe-options.js';
import { textTable } from './text-table.js';

/**
 * `shelfcast channels <id>`: the channel's formats, its attributes (required, format, limit and the
 * catalog field that feeds each) and its options, as plain text for a terminal.
 */
export function renderChannelSummary(channel: ChannelDefinition<any>): string {
  const lines: string[] = [];
  lines.push(`${channel.title} (${channel.id}), ${channel.kind}`);
  lines.push(`Formats: ${channel.formats.map((f) => `${f.id} (.${f.ext}, ${f.contentType})`).join('; ')}`);
  const caps = capabilityCells(capabilitiesOf(channel));
  lines.push(CAPABILITY_HEADS.slice(1).map((h, i) => `${h}: ${caps[i + 1]}`).join('; '));
  lines.push('');
  lines.push(
    textTable(
      ['ATTRIBUTE', 'REQUIRED', 'FORMAT', 'LIMIT', 'CATALOG FIELD'],
      channel.attributes.map((a) => [a.name, a.required ? 'yes' : 'no', a.format, a.limit === undefined ? '' : String(a.limit), a.source]),
    ),
  );
  const options = describeOptions(channel.options);
  if (options.length) {
    lines.push('');
    lines.push('Options (under `options:` in the feed file):');
    lines.push(
      textTable(
        ['OPTION', 'TYPE', 'REQUIRED', 'DEFAULT', 'DESCRIPTION'],
        options.map((o) => [o.name, o.type, o.required ? 'yes' : 'no', o.default ?? '', o.description]),
      ),
    );
  }
  lines.push('');
  lines.push(`Details: docs/channels/${channel.id}.md`);
  return lines.join('\n') + '\n';
}

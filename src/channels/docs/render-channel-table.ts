import type { ChannelSummary } from '../channel-summaries.js';
import { CAPABILITY_HEADS, capabilityCells } from './capability-table.js';
import { textTable } from './text-table.js';

/** `shelfcast channels`: one line per channel with its kind and what it can do. */
export function renderChannelTable(channels: readonly ChannelSummary[]): string {
  return (
    textTable(
      ['CHANNEL', 'KIND', ...CAPABILITY_HEADS.map((h) => h.toUpperCase()), 'TITLE'],
      channels.map((c) => [c.id, c.kind, ...capabilityCells(c.capabilities), c.title]),
    ) + '\n'
  );
}

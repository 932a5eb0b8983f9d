import type { ChannelSummary } from '../channel-summaries.js';
import { textTable } from './text-table.js';

/** `shelfcast channels`: one line per channel with its kind and formats. */
export function renderChannelTable(channels: readonly ChannelSummary[]): string {
  return textTable(['CHANNEL', 'KIND', 'FORMATS', 'TITLE'], channels.map((c) => [c.id, c.kind, c.formats.join(', '), c.title])) + '\n';
}

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ChannelDefinition } from '../define-channel.js';
import type { Issue } from '../../issues/issue.js';
import { CHANNEL_IDS, loadChannel } from '../registry.js';
import { capabilitiesOf } from '../registry.js';
import { CAPABILITY_HEADS, capabilityCells } from './capability-table.js';
import { renderChannelDoc } from './render-channel-doc.js';
import { markdownTable } from './text-table.js';

/** Where the pages go and where their samples come from, relative to the repository root. */
export const DOCS_DIR = 'docs/channels';
export const GOLDEN_DIR = 'fixtures/channels/golden';
export const OPTIONS_DIR = 'fixtures/channels/options';

export interface ChannelPage {
  id: string;
  /** Repository-relative path of the page. */
  file: string;
  content: string;
}

const readIf = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);

/**
 * The page of one channel, with the sample and issue codes from its golden files under `root` and
 * the example options from the conformance suite's options fixture (so the example is known to work).
 */
export function renderChannelPage(channel: ChannelDefinition<any>, root: string): ChannelPage {
  const first = channel.formats[0];
  const sampleFile = first ? `${GOLDEN_DIR}/${channel.id}.${first.id}.${first.ext}` : undefined;
  const sample = sampleFile ? readIf(path.join(root, sampleFile)) : undefined;
  const issuesText = readIf(path.join(root, GOLDEN_DIR, `${channel.id}.issues.json`));
  const issues = issuesText ? (JSON.parse(issuesText) as Array<Pick<Issue, 'severity' | 'code' | 'field'>>) : [];
  const optionsText = readIf(path.join(root, OPTIONS_DIR, `${channel.id}.json`));
  const exampleOptions = optionsText ? (JSON.parse(optionsText) as Record<string, unknown>) : undefined;
  const content = renderChannelDoc(channel, sample, { issues, exampleOptions, sampleSource: sample !== undefined ? sampleFile : undefined });
  return { id: channel.id, file: `${DOCS_DIR}/${channel.id}.md`, content };
}

/** docs/channels/README.md: every channel with its capabilities, linking to its page. */
export function renderChannelIndex(channels: ReadonlyArray<ChannelDefinition<any>>): ChannelPage {
  const rows = channels.map((c) => [`[${c.id}](${c.id}.md)`, c.kind, ...capabilityCells(capabilitiesOf(c))]);
  const content =
    '# Channels\n\n' +
    '<!-- Generated from the channel registry by scripts/write-channel-docs.mjs; edit the channels, not this page. -->\n\n' +
    'What each channel can do, derived from its folder in `src/channels/<id>/` (also `shelfcast channels`). ' +
    'API push: the `destination.type` that sends the feed through the channel\'s API; deltas: only changed items are sent; ' +
    'deletes: items gone from the feed are removed; variants: grouped by `item_group_id`; --only: the attribute groups a partial update (`run --only price,quantity`) can send alone; ' +
    'orders: `shelfcast stock orders --format <channel>` reads its order export; stock: its feeds show the quantity or availability the shared-stock ledger allocates to it.\n\n' +
    markdownTable(['channel', 'kind', ...CAPABILITY_HEADS], rows) +
    '\n';
  return { id: 'index', file: `${DOCS_DIR}/README.md`, content };
}

/** Every registered channel's page, then the index with the capability table. */
export async function renderChannelPages(root: string): Promise<ChannelPage[]> {
  const channels: ChannelDefinition<any>[] = [];
  for (const id of CHANNEL_IDS) channels.push(await loadChannel(id));
  return [...channels.map((c) => renderChannelPage(c, root)), renderChannelIndex(channels)];
}

/** Writes the pages whose content changed; returns their repository-relative paths. */
export async function writeChannelDocs(root: string): Promise<string[]> {
  mkdirSync(path.join(root, DOCS_DIR), { recursive: true });
  const written: string[] = [];
  for (const page of await renderChannelPages(root)) {
    const full = path.join(root, page.file);
    if (readIf(full) === page.content) continue;
    writeFileSync(full, page.content);
    written.push(page.file);
  }
  return written;
}

import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { capabilitiesOf, CHANNEL_IDS, channelOfDestination, isChannelId, loadChannel } from '../channels/registry.js';
import { FILE_TRANSPORT_TYPES } from '../transports/registry.js';
import type { ChannelDefinition, FormatSpec } from '../channels/define-channel.js';
import { compileRules, type CompiledRules } from '../rules/engine.js';
import { expandMatrix } from '../rules/expand-matrix.js';
import { ShelfcastError } from '../issues/issue.js';
import { didYouMean } from '../util/did-you-mean.js';
import { feedConfigSchema, type FeedConfig } from './feed-schema.js';
import { formatZodError } from './format-zod-error.js';
import { projectConfigSchema, type ProjectConfig } from './project-schema.js';

export interface LoadedFeed {
  id: string;
  /** Path of the feed's YAML file relative to the project root, for messages. */
  file: string;
  config: FeedConfig;
  channel: ChannelDefinition<any>;
  format: FormatSpec;
  /** Channel options after the channel's own schema. */
  options: Record<string, unknown>;
  /** Output file name inside the build folder. */
  fileName: string;
  /** The feed's rules, compiled (and their files and regexes checked) at load. */
  rules: CompiledRules;
}

export interface LoadedProject {
  /** Absolute folder of shelfcast.yaml; relative paths in the config resolve against it. */
  root: string;
  configFile: string;
  config: ProjectConfig;
  feeds: LoadedFeed[];
}

async function readYaml(file: string, shown: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ' (run `shelfcast init` to create a project, or pass --config PATH)' : '';
    throw new ShelfcastError(`${shown}: cannot read the file: ${code ?? String(cause)}${hint}`, { cause });
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0] ? `line ${e.linePos[0].line}: ` : '';
    throw new ShelfcastError(`${shown}: ${line}invalid YAML: ${e.message.split('\n')[0]}`);
  }
  return doc.toJS() ?? {};
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, shown: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new ShelfcastError(formatZodError(shown, r.error).join('\n'));
  return r.data;
}

/**
 * One feed file to the feeds it defines: itself, or one per `matrix:` target. Rules, lookup
 * tables and category mappings are compiled here, so their errors surface at load (and in
 * `validate`), never half-way through a build.
 */
export async function loadFeedFile(root: string, file: string, locale?: string): Promise<LoadedFeed[]> {
  const shown = path.relative(root, file) || file;
  const parsed = parseWith(feedConfigSchema, await readYaml(file, shown), shown);
  const fileId = parsed.id ?? path.basename(file).replace(/\.ya?ml$/, '');
  if (!isChannelId(parsed.channel)) {
    throw new ShelfcastError(`${shown}: channel: unknown channel "${parsed.channel}"${didYouMean(parsed.channel, CHANNEL_IDS)} (see \`shelfcast channels\`)`);
  }
  const channel = await loadChannel(parsed.channel);
  const formatId = parsed.format ?? channel.formats[0]!.id;
  const format = channel.formats.find((f) => f.id === formatId);
  if (!format) {
    const ids = channel.formats.map((f) => f.id);
    throw new ShelfcastError(`${shown}: format: channel "${channel.id}" has no format "${formatId}"${didYouMean(formatId, ids)} (it writes ${ids.join(', ')})`);
  }
  const targets = expandMatrix(parsed, fileId, shown);
  for (const { config } of targets) checkDestination(channel, config.destination?.type, shown);
  return targets.map(({ id, config }) => ({
    id,
    file: shown,
    config,
    channel,
    format,
    // Parsed per target: a matrix entry's options are merged over the feed's.
    options: channel.options ? parseWith(channel.options, config.options, `${shown}: options`) : config.options,
    fileName: config.file ?? `${id}.${format.ext}`,
    rules: compileRules(config.rules, shown, { baseDir: path.dirname(file), locale }),
  }));
}

/**
 * Refuses, at load, a destination the feed's channel cannot take: another channel's API (a
 * Google feed cannot go to the Meta catalog API). The message says what the channel supports.
 */
function checkDestination(channel: ChannelDefinition<any>, type: string | undefined, shown: string): void {
  const owner = type ? channelOfDestination(type) : undefined;
  if (!type || !owner || owner === channel.id) return;
  const own = capabilitiesOf(channel).apiPush;
  const supported = [...FILE_TRANSPORT_TYPES, ...(own ? [own] : [])].join(', ');
  throw new ShelfcastError(
    `${shown}: destination.type: "${type}" is the API push of the ${owner} channel; channel "${channel.id}" does not support it (it supports ${supported}${own ? '' : '; it has no API push of its own'})`,
  );
}

/** Loads shelfcast.yaml and every feeds/*.yaml, validating each against its schema. */
export async function loadProject(configPath: string): Promise<LoadedProject> {
  const configFile = path.resolve(configPath);
  const root = path.dirname(configFile);
  const config = parseWith(projectConfigSchema, await readYaml(configFile, path.basename(configFile)), path.basename(configFile));
  const feedsDir = path.resolve(root, config.feeds);
  let names: string[];
  try {
    names = (await readdir(feedsDir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (cause) {
    throw new ShelfcastError(`${path.basename(configFile)}: feeds: cannot read the feeds folder ${config.feeds}/ (create it, or set feeds: to the folder of your feed files)`, { cause });
  }
  const feeds = (await Promise.all(names.map((n) => loadFeedFile(root, path.join(feedsDir, n), config.catalog.locale)))).flat();
  const seen = new Map<string, string>();
  for (const f of feeds) {
    const other = seen.get(f.id);
    if (other) throw new ShelfcastError(`${f.file}: id: feed id "${f.id}" is also used by ${other} (feed ids must be unique)`);
    seen.set(f.id, f.file);
  }
  return { root, configFile, config, feeds };
}

/** The feeds a command should work on: `--feed` ids (checked) or every enabled feed. */
export function selectFeeds(project: LoadedProject, ids: readonly string[] | undefined): LoadedFeed[] {
  if (!ids || ids.length === 0) return project.feeds.filter((f) => f.config.enabled);
  const known = project.feeds.map((f) => f.id);
  return ids.map((id) => {
    const f = project.feeds.find((x) => x.id === id);
    if (!f) throw new ShelfcastError(`--feed: no feed "${id}"${didYouMean(id, known)} (feeds: ${known.join(', ') || 'none'})`);
    return f;
  });
}

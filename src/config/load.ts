import { readdir } from 'node:fs/promises';
import path from 'node:path';
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
import { checkMarketCurrency } from './market-currency.js';
import { projectConfigSchema, type ProjectConfig } from './project-schema.js';
import { readYaml, type YamlFile } from './read-yaml.js';
import { checkPublishName } from '../transports/temp-name.js';

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

function parseWith<T>(schema: z.ZodType<T>, file: YamlFile, shown: string, at: readonly PropertyKey[] = []): T {
  const r = schema.safeParse(file.value);
  if (!r.success) {
    throw new ShelfcastError(formatZodError(shown, r.error).join('\n'), { code: 'config.invalid', file: shown.split(':')[0], line: file.lineOf?.([...at, ...r.error.issues[0]!.path]) });
  }
  return r.data;
}

/**
 * One feed file to the feeds it defines: itself, or one per `matrix:` target. Rules, lookup
 * tables and category mappings are compiled here, so their errors surface at load (and in
 * `validate`), never half-way through a build.
 */
export async function loadFeedFile(root: string, file: string, locale?: string): Promise<LoadedFeed[]> {
  const shown = path.relative(root, file) || file;
  const yaml = await readYaml(file, shown);
  const parsed = parseWith(feedConfigSchema, yaml, shown);
  const fileId = parsed.id ?? path.basename(file).replace(/\.ya?ml$/, '');
  if (!isChannelId(parsed.channel)) {
    throw new ShelfcastError(`${shown}: channel: unknown channel "${parsed.channel}"${didYouMean(parsed.channel, CHANNEL_IDS)} (see \`shelfcast channels\`)`, { code: 'config.invalid', file: shown, line: yaml.lineOf(['channel']) });
  }
  const channel = await loadChannel(parsed.channel);
  const formatId = parsed.format ?? channel.formats[0]!.id;
  const format = channel.formats.find((f) => f.id === formatId);
  if (!format) {
    const ids = channel.formats.map((f) => f.id);
    throw new ShelfcastError(`${shown}: format: channel "${channel.id}" has no format "${formatId}"${didYouMean(formatId, ids)} (it writes ${ids.join(', ')})`, { code: 'config.invalid', file: shown, line: yaml.lineOf(['format']) });
  }
  if (parsed.neutralize_formulas !== undefined && format.serializer !== 'csv' && format.serializer !== 'tsv' && format.serializer !== 'tsv-quoted') {
    throw new ShelfcastError(`${shown}: neutralize_formulas: applies to CSV and TSV feeds; format "${format.id}" writes ${format.serializer} (remove the key)`, { code: 'config.invalid', file: shown, line: yaml.lineOf(['neutralize_formulas']) });
  }
  const targets = expandMatrix(parsed, fileId, shown);
  for (const { config } of targets) checkDestination(channel, config.destination?.type, shown, yaml);
  checkMarketCurrency(channel, targets, parsed.matrix !== undefined, shown, yaml);
  return targets.map(({ id, config }) => ({
    id,
    fileName: outputFileName(config.file ?? `${id}.${format.ext}`, shown, yaml),
    file: shown,
    config,
    channel,
    format,
    // Parsed per target: a matrix entry's options are merged over the feed's.
    options: channel.options ? parseWith(channel.options, { value: config.options, lineOf: yaml.lineOf }, `${shown}: options`, ['options']) : config.options,
    rules: compileRules(config.rules, shown, { baseDir: path.dirname(file), locale }),
  }));
}

/**
 * A feed's output file is a plain name inside the output folder: a feed file (which a pull request
 * may add) must not write over shelfcast.yaml, a CI script or anything else the run can write.
 */
function outputFileName(name: string, shown: string, yaml: YamlFile): string {
  const bad = checkPublishName(name);
  if (bad) {
    throw new ShelfcastError(`${shown}: file: "${name.slice(0, 200)}" must be ${bad}: the feed is written into the output folder (set output: in shelfcast.yaml to change the folder)`, {
      code: 'config.invalid',
      file: shown,
      line: yaml.lineOf(['file']),
    });
  }
  return name;
}

/**
 * Refuses, at load, a destination the feed's channel cannot take: another channel's API (a
 * Google feed cannot go to the Meta catalog API). The message says what the channel supports.
 */
function checkDestination(channel: ChannelDefinition<any>, type: string | undefined, shown: string, yaml: YamlFile): void {
  const owner = type ? channelOfDestination(type) : undefined;
  if (!type || !owner || owner === channel.id) return;
  const own = capabilitiesOf(channel).apiPush;
  const supported = [...FILE_TRANSPORT_TYPES, ...(own ? [own] : [])].join(', ');
  throw new ShelfcastError(
    `${shown}: destination.type: "${type}" is the API push of the ${owner} channel; channel "${channel.id}" does not support it (it supports ${supported}${own ? '' : '; it has no API push of its own'})`,
    { code: 'config.invalid', file: shown, line: yaml.lineOf(['destination', 'type']) },
  );
}

/**
 * Loads shelfcast.yaml and every feeds/*.yaml, validating each against its schema. `feedFiles`
 * (paths as LoadedFeed.file gives them) loads only those feed files: a worker thread of a pass
 * needs only the pass's feeds, and each other one would load its channel's modules for nothing.
 */
export async function loadProject(configPath: string, feedFiles?: ReadonlySet<string>): Promise<LoadedProject> {
  const configFile = path.resolve(configPath);
  const root = path.dirname(configFile);
  const config = parseWith(projectConfigSchema, await readYaml(configFile, path.basename(configFile)), path.basename(configFile));
  const feedsDir = path.resolve(root, config.feeds);
  let names: string[];
  try {
    names = (await readdir(feedsDir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  } catch (cause) {
    throw new ShelfcastError(`${path.basename(configFile)}: feeds: cannot read the feeds folder ${config.feeds}/ (create it, or set feeds: to the folder of your feed files)`, { cause, code: 'config.invalid', file: path.basename(configFile) });
  }
  const files = names.map((n) => path.join(feedsDir, n)).filter((file) => !feedFiles || feedFiles.has(path.relative(root, file) || file));
  const feeds = (await Promise.all(files.map((file) => loadFeedFile(root, file, config.catalog.locale)))).flat();
  const seen = new Map<string, string>();
  for (const f of feeds) {
    const other = seen.get(f.id);
    if (other) throw new ShelfcastError(`${f.file}: id: feed id "${f.id}" is also used by ${other} (feed ids must be unique)`, { code: 'config.invalid', file: f.file });
    seen.set(f.id, f.file);
  }
  return { root, configFile, config, feeds };
}

/** The feeds a command should work on: `--feed` ids (checked) or every enabled feed. */
/**
 * The feeds a partial update (`--only price,quantity`) goes to. Only channels that declare those
 * attribute groups can send them alone; a feed named with --feed that cannot is refused here, before
 * the catalog is read, instead of writing a whole-item file under the partial file's name. Without
 * --feed, the feeds that can take the update are chosen and the others are left as they are.
 */
export function selectPartialFeeds(feeds: readonly LoadedFeed[], only: readonly string[], named: boolean): { feeds: LoadedFeed[]; skipped: LoadedFeed[] } {
  const can = (f: LoadedFeed) => only.every((g) => f.channel.only?.includes(g));
  const groupsOf = (f: LoadedFeed) => (f.channel.only?.length ? `can send only ${f.channel.only.join(', ')}` : 'sends whole items only');
  if (named) {
    const refused = feeds.filter((f) => !can(f));
    if (refused.length > 0) {
      const why = refused.map((f) => `feed "${f.id}" (channel ${f.channel.id}) ${groupsOf(f)}`).join('; ');
      throw new ShelfcastError(`--only ${only.join(',')}: ${why}. Leave out --only for those feeds, or name only feeds whose channel lists these groups in \`shelfcast channels\`.`);
    }
    return { feeds: [...feeds], skipped: [] };
  }
  const chosen = feeds.filter(can);
  if (chosen.length === 0) {
    const why = feeds.map((f) => `"${f.id}" ${groupsOf(f)}`).join('; ');
    throw new ShelfcastError(`--only ${only.join(',')}: no enabled feed can send a partial update of these groups (${why || 'no feeds'}).`);
  }
  return { feeds: chosen, skipped: feeds.filter((f) => !can(f)) };
}

export function selectFeeds(project: LoadedProject, ids: readonly string[] | undefined): LoadedFeed[] {
  if (!ids || ids.length === 0) return project.feeds.filter((f) => f.config.enabled);
  const known = project.feeds.map((f) => f.id);
  return ids.map((id) => {
    const f = project.feeds.find((x) => x.id === id);
    if (!f) throw new ShelfcastError(`--feed: no feed "${id}"${didYouMean(id, known)} (feeds: ${known.join(', ') || 'none'})`, { code: 'usage.unknown_feed' });
    return f;
  });
}

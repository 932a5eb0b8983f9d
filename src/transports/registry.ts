import { CHANNEL_DESTINATION_SCHEMAS, channelOfDestination, loadChannel } from '../channels/registry.js';
import { ShelfcastError } from '../issues/issue.js';
import type { DestinationConfig } from './schema.js';
import type { Destination } from './types.js';

type FileTransportType = 'file' | 'sftp' | 'ftp' | 'ftps' | 'http' | 's3';

/**
 * The file transports and how to load each. Imports are lazy so ssh2 and basic-ftp load only when
 * a feed pushes through them. Channel API pushes come from the channels' own definitions.
 */
const LOADERS: { [T in FileTransportType]: (config: Extract<DestinationConfig, { type: T }>, feedId: string) => Promise<Destination> } = {
  file: async (c, id) => (await import('./file.js')).createFileDestination(c, id),
  sftp: async (c, id) => (await import('./sftp.js')).createSftpDestination(c, id),
  ftp: async (c, id) => (await import('./ftp.js')).createFtpDestination(c, id),
  ftps: async (c, id) => (await import('./ftp.js')).createFtpDestination(c, id),
  http: async (c, id) => (await import('./http.js')).createHttpDestination(c, id),
  s3: async (c, id) => (await import('./s3.js')).createS3Destination(c, id),
};

/** Every destination type a feed may name in `destination.type`. */
export const DESTINATION_TYPES = [...Object.keys(LOADERS), ...CHANNEL_DESTINATION_SCHEMAS.map((s) => s.shape.type.value)] as DestinationConfig['type'][];

/** The destination types that write files anywhere, whatever the channel. */
export const FILE_TRANSPORT_TYPES = Object.keys(LOADERS) as FileTransportType[];

/** The destination of a feed; `undefined` is the default `file` destination into the output folder. */
export async function createDestination(config: DestinationConfig | undefined, feedId: string): Promise<Destination> {
  if (!config) return (await import('./file.js')).createFileDestination(undefined, feedId);
  if (Object.hasOwn(LOADERS, config.type)) {
    const load = LOADERS[config.type as FileTransportType] as (c: DestinationConfig, id: string) => Promise<Destination>;
    return load(config, feedId);
  }
  const channelId = channelOfDestination(config.type);
  const push = channelId && (await loadChannel(channelId)).push;
  if (!push) throw new ShelfcastError(`destination.type: no destination "${config.type}" (types: ${DESTINATION_TYPES.join(', ')})`);
  return push.create(config, feedId);
}

import type { DestinationConfig } from './schema.js';
import type { Destination } from './types.js';

/**
 * Destination types and how to load each. Imports are lazy so ssh2, basic-ftp and the channel
 * API clients load only when a feed actually pushes through them.
 */
const LOADERS: { [T in DestinationConfig['type']]: (config: Extract<DestinationConfig, { type: T }>, feedId: string) => Promise<Destination> } = {
  file: async (c, id) => (await import('./file.js')).createFileDestination(c, id),
  sftp: async (c, id) => (await import('./sftp.js')).createSftpDestination(c, id),
  ftp: async (c, id) => (await import('./ftp.js')).createFtpDestination(c, id),
  ftps: async (c, id) => (await import('./ftp.js')).createFtpDestination(c, id),
  http: async (c, id) => (await import('./http.js')).createHttpDestination(c, id),
  s3: async (c, id) => (await import('./s3.js')).createS3Destination(c, id),
  'google-merchant': async (c, id) => (await import('../channels/google/destination.js')).createDestination(c, id),
  meta: async (c, id) => (await import('../channels/meta/destination.js')).createDestination(c, id),
  pinterest: async (c, id) => (await import('../channels/pinterest/destination.js')).createDestination(c, id),
  amazon: async (c, id) => (await import('../channels/amazon/destination.js')).createDestination(c, id),
  ebay: async (c, id) => (await import('../channels/ebay/destination.js')).createDestination(c, id),
};

/** Every destination type a feed may name in `destination.type`. */
export const DESTINATION_TYPES = Object.keys(LOADERS) as DestinationConfig['type'][];

/** The destination of a feed; `undefined` is the default `file` destination into the output folder. */
export async function createDestination(config: DestinationConfig | undefined, feedId: string): Promise<Destination> {
  if (!config) return (await import('./file.js')).createFileDestination(undefined, feedId);
  const load = LOADERS[config.type] as (c: DestinationConfig, id: string) => Promise<Destination>;
  return load(config, feedId);
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDestination, DESTINATION_TYPES } from '../../src/transports/registry.js';
import { destinationSchema } from '../../src/transports/schema.js';

describe('destination registry', () => {
  it('has a loader for every destination type of the config schema, and no other', () => {
    const types = destinationSchema.options.flatMap((o) => {
      const t = (o as unknown as { shape?: { type: { values?: Set<string>; options?: string[] } } }).shape?.type;
      return t?.options ?? [...(t?.values ?? [])];
    });
    expect([...DESTINATION_TYPES].sort()).toEqual([...types].sort());
  });

  it('without a destination, publishes into the output folder', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-registry-'));
    const built = path.join(root, 'built.xml');
    await writeFile(built, '<rss/>');
    const r = await (await createDestination(undefined, 'google')).publish([{ path: built, name: 'google.xml', contentType: 'application/xml' }], {
      feedId: 'google', env: {}, root, stateDir: path.join(root, '.shelfcast'), outputDir: path.join(root, 'out'), dryRun: false, log: () => undefined, now: () => new Date(0),
    });
    expect(r).toMatchObject({ destination: `file://${path.join(root, 'out')}`, pushed: 1 });
    expect(await readFile(path.join(root, 'out', 'google.xml'), 'utf8')).toBe('<rss/>');
    await rm(root, { recursive: true, force: true });
  });

  it('rejects a secret written into the config instead of an environment variable name', () => {
    const r = destinationSchema.safeParse({ type: 'sftp', host: 'h', username: 'u', password_env: 'hunter2!', host_key_sha256: 'SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU' });
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toMatch(/name of an environment variable/);
  });
});

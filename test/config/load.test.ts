import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, selectFeeds } from '../../src/config/load.js';

async function project(config: string, feeds: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-config-'));
  await writeFile(path.join(dir, 'shelfcast.yaml'), config);
  await mkdir(path.join(dir, 'feeds'));
  for (const [name, text] of Object.entries(feeds)) await writeFile(path.join(dir, 'feeds', name), text);
  return path.join(dir, 'shelfcast.yaml');
}

const base = 'catalog:\n  path: catalog.csv\n';

describe('loadProject', () => {
  it('loads the project and its feeds with defaults', async () => {
    const p = await loadProject(await project(base, { 'google-us.yaml': 'channel: google\ncountry: US\n' }));
    expect(p.config.output).toBe('out');
    expect(p.config.catalog.preset).toBe('google');
    expect(p.feeds).toHaveLength(1);
    expect(p.feeds[0]).toMatchObject({ id: 'google-us', fileName: 'google-us.xml' });
    expect(selectFeeds(p, undefined).map((f) => f.id)).toEqual(['google-us']);
  });

  it('names the file and the dot path of a wrong value', async () => {
    const file = await project(`${base}output: 3\n`, {});
    await expect(loadProject(file)).rejects.toThrow(/shelfcast\.yaml: output: .*string/i);
  });

  it('rejects unknown keys with their name', async () => {
    await expect(loadProject(await project(`${base}feedz: feeds\n`, {}))).rejects.toThrow('shelfcast.yaml: unknown key "feedz"');
    await expect(loadProject(await project(base, { 'a.yaml': 'channel: meta\ncountri: US\n' }))).rejects.toThrow('feeds/a.yaml: unknown key "countri"');
  });

  it('suggests the channel and the format that were meant', async () => {
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: gogle\n' }))).rejects.toThrow('feeds/g.yaml: channel: unknown channel "gogle" (did you mean "google"?)');
    await expect(loadProject(await project(base, { 'g.yaml': 'channel: google\nformat: xlm\n' }))).rejects.toThrow(/format: channel "google" has no format "xlm" \(did you mean "xml"\?\)/);
  });

  it("refuses another channel's API push, naming what the feed's channel supports", async () => {
    const meta = 'destination:\n  type: meta\n  catalog_id: "123"\n  access_token_env: META_TOKEN\n';
    await expect(loadProject(await project(base, { 'g.yaml': `channel: google\n${meta}` }))).rejects.toThrow(
      'feeds/g.yaml: destination.type: "meta" is the API push of the meta channel; channel "google" does not support it (it supports file, sftp, ftp, ftps, http, s3, google-merchant)',
    );
    await expect(loadProject(await project(base, { 't.yaml': `channel: tiktok\n${meta}` }))).rejects.toThrow(
      'channel "tiktok" does not support it (it supports file, sftp, ftp, ftps, http, s3; it has no API push of its own)',
    );
    const ok = await loadProject(await project(base, { 'm.yaml': `channel: meta\n${meta}` }));
    expect(ok.feeds[0]!.config.destination).toMatchObject({ type: 'meta' });
  });

  it('reports YAML syntax errors with the line', async () => {
    await expect(loadProject(await project(`${base}shop: [\n`, {}))).rejects.toThrow(/shelfcast\.yaml: line \d+: invalid YAML/);
  });

  it('refuses two feeds with the same id', async () => {
    const file = await project(base, { 'a.yaml': 'id: x\nchannel: google\n', 'b.yaml': 'id: x\nchannel: meta\n' });
    await expect(loadProject(file)).rejects.toThrow(/feed id "x" is also used by feeds\/a\.yaml/);
  });
});

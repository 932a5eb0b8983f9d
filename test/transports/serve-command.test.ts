import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveProject, servedFiles } from '../../src/cli/serve.js';
import { loadProject } from '../../src/config/load.js';
import { deliveryProject } from '../e2e/delivery-project.js';

describe('shelfcast serve (project wiring)', () => {
  it("serves the project's feed files from its output folder, and nothing else of the project", async () => {
    const dir = await deliveryProject({ rows: 1 });
    await mkdir(path.join(dir, 'out'));
    await writeFile(path.join(dir, 'out', 'google.xml'), '<rss/>');
    await writeFile(path.join(dir, 'catalog.csv'), 'id\n1\n');
    const project = await loadProject(path.join(dir, 'shelfcast.yaml'));
    expect([...servedFiles(project).keys()]).toEqual(['google.xml']);
    const served = await serveProject(project, { port: 0, host: '127.0.0.1', authUser: 'google', authPasswordEnv: 'FEED_PW' }, { FEED_PW: 'canary-pw-0001' });
    try {
      const auth = { authorization: `Basic ${Buffer.from('google:canary-pw-0001').toString('base64')}` };
      const ok = await fetch(`${served.url}google.xml`, { headers: auth });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe('<rss/>');
      expect((await fetch(`${served.url}google.xml`)).status).toBe(401);
      for (const p of ['catalog.csv', '..%2Fcatalog.csv', 'shelfcast.yaml', '']) expect((await fetch(`${served.url}${p}`, { headers: auth })).status).toBe(404);
    } finally {
      await served.close();
      await rm(dir, { recursive: true, force: true });
    }
    await expect(serveProject(project, { port: 0, host: '127.0.0.1', authUser: 'google' }, {})).rejects.toThrow(/go together/);
  });
});

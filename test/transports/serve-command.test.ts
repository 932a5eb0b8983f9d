import { mkdir, readFile, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveProject, servedFiles } from '../../src/cli/serve.js';
import { loadProject } from '../../src/config/load.js';
import { runCli } from '../e2e/cli.js';
import { catalogText, deliveryProject } from '../e2e/delivery-project.js';

// Uses the built CLI (dist/) for `shelfcast build`: run `npm run build` first.
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
      // Never built: a google.xml put there by hand is no publish.
      expect((await fetch(`${served.url}google.xml`, { headers: auth })).status).toBe(404);
      await writeFile(path.join(dir, 'catalog.csv'), await catalogText(3, 0));
      expect((await runCli(['build'], dir)).code).toBe(0);
      const ok = await fetch(`${served.url}google.xml`, { headers: auth });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toBe(await readFile(path.join(dir, 'out', 'google.xml'), 'utf8'));
      expect((await fetch(`${served.url}google.xml`)).status).toBe(401);
      for (const p of ['catalog.csv', '..%2Fcatalog.csv', 'shelfcast.yaml', '']) expect((await fetch(`${served.url}${p}`, { headers: auth })).status).toBe(404);
      // A part the last publish did not write (left over, or put there by hand) is not served.
      await writeFile(path.join(dir, 'out', 'google.part-2.xml'), '<rss>stale</rss>');
      expect((await fetch(`${served.url}google.part-2.xml`, { headers: auth })).status).toBe(404);
      // A symlink in place of the published file is not followed out of the folder.
      await unlink(path.join(dir, 'out', 'google.xml'));
      await symlink(path.join(dir, 'shelfcast.yaml'), path.join(dir, 'out', 'google.xml'));
      expect((await fetch(`${served.url}google.xml`, { headers: auth })).status).toBe(404);
    } finally {
      await served.close();
      await rm(dir, { recursive: true, force: true });
    }
    await expect(serveProject(project, { port: 0, host: '127.0.0.1', authUser: 'google' }, {})).rejects.toThrow(/go together/);
  });
});

import { readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { editCatalog, twoFeedProject } from '../schedule/project.js';
import { runCli } from './cli.js';

describe('--report and CI annotations through the CLI', () => {
  it('writes the JUnit and HTML reports named by repeated --report options', async () => {
    const dir = await twoFeedProject();
    await editCatalog(dir, { 3: { price: 'twelve' } });
    const r = await runCli(['build', '--quiet', '--report', 'junit=ci/junit.xml', '--report', 'html=ci/report.html'], dir);
    expect(r.code).toBe(1);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await readFile(path.join(dir, 'ci', 'junit.xml'), 'utf8'));
    const cases = doc.testsuites.testsuite.testcase;
    expect(cases.map((c: { name: string }) => c.name)).toEqual(['catalog', 'google', 'meta']);
    expect(cases[0].failure).toMatchObject({ type: 'price.invalid', message: 'price.invalid: 1 item' });
    const html = await readFile(path.join(dir, 'ci', 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i);
  });

  it('refuses an unknown report kind or a missing path (exit 2)', async () => {
    const dir = await twoFeedProject();
    const pdf = await runCli(['run', '--report', 'pdf=x.pdf'], dir);
    expect(pdf.code).toBe(2);
    expect(pdf.stderr).toContain('"pdf" is not a report kind (use html=PATH or junit=PATH)');
    const bare = await runCli(['run', '--report', 'html'], dir);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('give the file to write, as html=PATH');
  });

  it('prints errors as workflow annotations on stderr under GITHUB_ACTIONS, keeping stdout one JSON document', async () => {
    const dir = await twoFeedProject();
    await editCatalog(dir, { 3: { price: 'twelve' }, 7: { image_link: '' } });
    const r = await runCli(['run', '--json', '--force'], dir, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: path.dirname(dir) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).ok).toBe(false);
    const project = path.basename(dir);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^::error file=${project}/fixtures/demo/catalog.csv,line=3,title=price.invalid::row 3, id TEE-RED-M, price: price "twelve": not a price`)),
      expect.stringMatching(new RegExp(`^::error file=${project}/fixtures/demo/catalog.csv,line=7,title=google%3A google.image_link.missing::row 7`)),
      expect.stringMatching(new RegExp(`^::error file=${project}/fixtures/demo/catalog.csv,line=7,title=meta%3A meta.image_link.missing::row 7`)),
    ]);
    const plain = await runCli(['run', '--json', '--force'], dir);
    expect(plain.stderr).toBe('');
  });

  it('names the catalog --catalog read, at the line its row begins on when quoted fields span lines', async () => {
    const dir = await twoFeedProject();
    // Rows 2 and 3 get descriptions of three lines each: row 4 begins on line 8 of the file.
    await editCatalog(dir, { 2: { description: 'one\ntwo\nthree' }, 3: { description: 'one\r\ntwo\r\nthree' }, 4: { price: 'twelve' } });
    await rename(path.join(dir, 'fixtures', 'demo', 'catalog.csv'), path.join(dir, 'other.csv'));
    const r = await runCli(['build', '--json', '--force', '--catalog', 'other.csv'], dir, { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: path.dirname(dir) });
    expect(r.code).toBe(1);
    const text = await readFile(path.join(dir, 'other.csv'), 'utf8');
    const line = text.slice(0, text.indexOf('"twelve"')).split('\n').length;
    expect(line).toBe(8);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([expect.stringMatching(new RegExp(`^::error file=${path.basename(dir)}/other.csv,line=8,title=price.invalid::row 4, `))]);
  });
});

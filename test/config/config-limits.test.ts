import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load.js';
import { ShelfcastError } from '../../src/issues/issue.js';

async function project(config: string, feeds: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-config-limits-'));
  await writeFile(path.join(dir, 'shelfcast.yaml'), config);
  await mkdir(path.join(dir, 'feeds'));
  for (const [name, text] of Object.entries(feeds)) await writeFile(path.join(dir, 'feeds', name), text);
  return path.join(dir, 'shelfcast.yaml');
}

const base = 'catalog:\n  path: catalog.csv\n';

async function configError(file: string): Promise<ShelfcastError> {
  const e = await loadProject(file).then(() => undefined, (err: unknown) => err);
  expect(e).toBeInstanceOf(ShelfcastError);
  return e as ShelfcastError;
}

/** Nine levels of ten aliases each: a billion values from a few hundred bytes. */
const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  .concat(Array.from({ length: 8 }, (_, i) => {
    const prev = String.fromCharCode(97 + i);
    const me = String.fromCharCode(98 + i);
    return `${me}: &${me} [${Array(10).fill(`*${prev}`).join(',')}]`;
  }))
  .join('\n');

describe('config files a pull request can make hostile', () => {
  it('an alias bomb in a feed file is a config error naming the file, not an internal error', async () => {
    const e = await configError(await project(base, { 'google.yaml': `channel: google\noptions:\n  x:\n${aliasBomb.replace(/^/gm, '    ')}\n` }));
    expect(e.code).toBe('config.yaml');
    expect(e.file).toBe('feeds/google.yaml');
    expect(e.message).toContain('aliases expand more than 100 times');
  });

  it('a file over 1 MiB is refused with its size and the limit', async () => {
    const keys = Array.from({ length: 110_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const e = await configError(await project(`${base}${keys}\n`));
    expect(e.message).toMatch(/shelfcast\.yaml: the file is \d+ KiB; a config file may have at most 1024 KiB/);
  });

  it('nesting deeper than 64 levels is refused with its line, whatever the depth', async () => {
    // 200,000 flow levels (400 KiB) made yaml exhaust the process's memory and kill it.
    for (const n of [65, 10_000, 200_000]) {
      const deep = `${base}x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
      const e = await configError(await project(deep));
      expect(e.message, String(n)).toContain('shelfcast.yaml: line 3: nested more than 64 levels deep');
    }
    const mixed = `${base}x: ${'{a: ['.repeat(40)}1${']}'.repeat(40)}\n`;
    expect((await configError(await project(mixed))).line).toBe(3);
    // Brackets in quoted scalars and comments are text, and 64 levels are allowed.
    const quoted = `${base}shop:\n  title: "${'['.repeat(100)}"\n  description: '${'{'.repeat(100)}'\n# ${'['.repeat(100)}\nx: ${'['.repeat(63)}${']'.repeat(63)}\n`;
    // Parsed through: the only complaint is the unknown key itself.
    expect((await configError(await project(quoted))).message).toBe('shelfcast.yaml: unknown key "x"');
    const block = `${base}x:\n${Array.from({ length: 80 }, (_, i) => `${' '.repeat(2 * i + 2)}k${i}:`).join('\n')} 1\n`;
    const b = await configError(await project(block));
    expect(b.message).toContain('nested more than 64 levels deep');
    expect(b.line).toBeGreaterThan(60);
  });

  it('a duplicate key among 20,000 is found, with its line (one Set per map: linear in the keys)', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`);
    keys.push('k7: again');
    const e = await configError(await project(`${base}${keys.join('\n')}\n`));
    expect(e.message).toContain('the key "k7" appears twice');
    expect(e.line).toBe(20_003);
  });

  it('20,000 unknown keys are one readable error that lists a few of them', async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const e = await configError(await project(`${base}${keys}\n`));
    expect(e.code).toBe('config.invalid');
    expect(e.message).toContain('unknown keys "k0", "k1"');
    expect(e.message).toContain('and 19990 more');
    expect(e.message.length).toBeLessThan(1000);
  });
});

import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FormatSpec } from '../../src/channels/define-channel.js';
import { FeedOutput, partName } from '../../src/run/feed-output.js';
import type { Serializer } from '../../src/serializers/serializer.js';

const lines: Serializer = { header: () => '[', body: (r) => `${JSON.stringify(r)},`, footer: () => ']' };
const format = (split?: FormatSpec['split']): FormatSpec => ({ id: 'json', serializer: 'json', ext: 'json', contentType: 'application/json', split });

describe('FeedOutput', () => {
  it('names parts after the first', () => {
    expect(partName('amazon.json', 1)).toBe('amazon.json');
    expect(partName('amazon.json', 3)).toBe('amazon.part-3.json');
  });

  it('leaves the published file untouched until commit, and removes temp files on discard', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-out-'));
    await writeFile(path.join(dir, 'f.json'), 'old');
    const out = new FeedOutput(dir, 'f.json', format(), lines);
    await out.write({ id: '1' }, 2);
    await out.close();
    expect(await readFile(path.join(dir, 'f.json'), 'utf8')).toBe('old');
    await out.discard();
    expect(await readdir(dir)).toEqual(['f.json']);
    const again = new FeedOutput(dir, 'f.json', format(), lines);
    await again.write({ id: '2' }, 2);
    await again.close();
    await again.commit();
    expect(await readFile(path.join(dir, 'f.json'), 'utf8')).toBe('[{"id":"2"},]');
    expect(await readdir(dir)).toEqual(['f.json']);
  });

  it('splits by item count and by bytes, each part a whole document, and removes stale parts', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-out-'));
    await writeFile(path.join(dir, 'f.part-4.json'), 'stale');
    const out = new FeedOutput(dir, 'f.json', format({ maxItems: 2 }), lines);
    for (let i = 0; i < 5; i++) await out.write({ id: String(i) }, i + 2);
    await out.close();
    await out.commit();
    expect((await readdir(dir)).sort()).toEqual(['f.json', 'f.part-2.json', 'f.part-3.json']);
    expect(await readFile(path.join(dir, 'f.part-3.json'), 'utf8')).toBe('[{"id":"4"},]');
    const bytes = new FeedOutput(dir, 'g.json', format({ maxBytes: 25 }), lines);
    for (let i = 0; i < 4; i++) await bytes.write({ id: String(i) }, i + 2);
    await bytes.close();
    for (const f of bytes.files) expect(f.bytes).toBeLessThanOrEqual(25);
    expect(bytes.files).toHaveLength(2);
    expect(bytes.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

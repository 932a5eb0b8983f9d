import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AtomicFile } from '../../src/run/atomic-file.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atomic-file-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A line of file `f`, number `n`: distinct per file and per line, some of it outside ASCII. */
const line = (f: number, n: number): string => `${f}:${n}:${'ä€🙂x'.repeat((n * 7 + f) % 40)}\n`;

describe('AtomicFile', () => {
  it('writes several files at once, batches going from one file to the next, each with its own bytes and SHA-256', async () => {
    const files = await Promise.all([0, 1, 2, 3, 4].map((f) => AtomicFile.create(path.join(dir, `feed-${f}.txt`))));
    const expected = files.map(() => [] as string[]);
    // Interleaved, text and bytes, small and larger than a batch (1 MiB), over many batches each.
    for (let n = 0; n < 12_000; n++) {
      for (let f = 0; f < files.length; f++) {
        const text = line(f, n);
        expected[f]!.push(text);
        const pending = n % 3 === 0 ? files[f]!.writeBytes(Buffer.from(text)) : files[f]!.write(text);
        if (pending) await pending;
      }
      if (n === 6_000) {
        const big = `${'b'.repeat(1_500_000)}\n`;
        expected[2]!.push(big);
        await files[2]!.writeBytes(Buffer.from(big));
      }
    }
    for (const f of files) await f.close();
    for (const f of files) await f.commit();
    for (let f = 0; f < files.length; f++) {
      const content = await readFile(path.join(dir, `feed-${f}.txt`));
      const want = Buffer.from(expected[f]!.join(''));
      expect(content.equals(want)).toBe(true);
      expect(files[f]!.bytes).toBe(want.length);
      expect(files[f]!.sha256).toBe(createHash('sha256').update(want).digest('hex'));
    }
    expect((await readdir(dir)).sort()).toEqual([0, 1, 2, 3, 4].map((f) => `feed-${f}.txt`));
  });

  it('a discarded file leaves the final file as it was and its batch does not reach the next file', async () => {
    await AtomicFile.writeWhole(path.join(dir, 'a.txt'), 'old\n');
    const broken = await AtomicFile.create(path.join(dir, 'a.txt'));
    broken.write('x'.repeat(900_000));
    await broken.discard();
    const next = await AtomicFile.create(path.join(dir, 'b.txt'));
    next.write('new\n');
    await next.close();
    await next.commit();
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('old\n');
    expect(await readFile(path.join(dir, 'b.txt'), 'utf8')).toBe('new\n');
  });
});

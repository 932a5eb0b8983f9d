import { describe, expect, it } from 'vitest';
import { TextDecoding } from '../../src/catalog/decode-text.js';

async function* split(bytes: Buffer, at: number): AsyncGenerator<Buffer> {
  yield bytes.subarray(0, at);
  yield bytes.subarray(at);
}

async function decode(chunks: AsyncIterable<Buffer>): Promise<{ text: string; invalid: boolean }> {
  const d = new TextDecoding(chunks);
  let text = '';
  for await (const t of d.chunks()) text += t;
  return { text, invalid: d.invalidSeen };
}

describe('TextDecoding', () => {
  const sample = Buffer.from('\uFEFFCafé ☺ 𝄞 \uFFFD end');

  it('accepts valid UTF-8 split at every byte, and strips the BOM', async () => {
    for (let at = 0; at <= sample.length; at++) {
      expect(await decode(split(sample, at))).toEqual({ text: 'Café ☺ 𝄞 \uFFFD end', invalid: false });
    }
  });

  it('notices invalid bytes wherever the chunks are cut', async () => {
    const bad = Buffer.concat([Buffer.from('ok '), Buffer.from([0xc3, 0x28]), Buffer.from(' ok')]);
    for (let at = 0; at <= bad.length; at++) expect((await decode(split(bad, at))).invalid).toBe(true);
  });

  it('notices a sequence cut off by the end of the file', async () => {
    const cut = Buffer.from('end ☺').subarray(0, -1);
    expect((await decode(split(cut, 2))).invalid).toBe(true);
  });
});

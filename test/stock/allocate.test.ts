import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatZodError } from '../../src/config/format-zod-error.js';
import { allocateSku } from '../../src/stock/allocate.js';
import { stockConfigSchema } from '../../src/stock/schema.js';

const dir = path.resolve(__dirname, '../../fixtures/stock/allocation');
const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();

describe('allocation golden files (fixtures/stock/allocation)', () => {
  it('has a case for every policy rule', () => {
    expect(cases.map((f) => f.replace(/\.yaml$/, ''))).toEqual(['buffer', 'cap', 'end-when', 'min', 'overlapping', 'priority', 'share', 'strict']);
  });

  for (const file of cases) {
    it(file, () => {
      const input = parse(readFileSync(path.join(dir, file), 'utf8')) as { policy: unknown; available: number[] };
      const policy = stockConfigSchema.parse(input.policy);
      const actual = Object.fromEntries(input.available.map((a) => [String(a), allocateSku(a, policy)]));
      const expected = JSON.parse(readFileSync(path.join(dir, file.replace(/\.yaml$/, '.expected.json')), 'utf8'));
      expect(actual).toEqual(expected);
      // Key order follows stock.channels, so JSON output is stable.
      for (const a of input.available) expect(Object.keys(actual[String(a)]!)).toEqual(Object.keys(policy.channels));
    });
  }
});

describe('stock: config', () => {
  const errors = (value: unknown): string[] => {
    const r = stockConfigSchema.safeParse(value);
    return r.success ? [] : formatZodError('shelfcast.yaml', r.error).map((l) => l.replace('shelfcast.yaml: ', 'stock.'));
  };

  it('fills the documented defaults', () => {
    expect(stockConfigSchema.parse({ channels: { amazon: {} } })).toEqual({
      safety: 0,
      strict: false,
      channels: { amazon: { share: 100, buffer: 0, min: 0, end_when: 0 } },
    });
  });

  it('refuses shares above 100 % in strict mode, but allows them otherwise', () => {
    const channels = { amazon: { share: 60 }, ebay: { share: 50 } };
    expect(errors({ strict: true, channels })).toEqual([
      'stock.channels: shares add up to 110 %; in strict mode they may add up to at most 100 % (lower them, or set strict: false)',
    ]);
    expect(errors({ strict: false, channels })).toEqual([]);
  });

  it('names a priority that is not a channel, a min above the cap, and unknown keys', () => {
    expect(errors({ priority: 'amazn', channels: { amazon: {} } })).toEqual(['stock.priority: "amazn" is not one of stock.channels (amazon)']);
    expect(errors({ channels: { amazon: { min: 5, cap: 2 } } })).toEqual(['stock.channels.amazon.min: min must not be above cap']);
    expect(errors({ channels: { amazon: { shares: 5 } } })).toEqual(['stock.channels.amazon: unknown key "shares"']);
    expect(errors({ safety: -1 })).toHaveLength(1);
  });
});

import type { z } from 'zod';
import { minorDigits } from '../product/currencies.js';
import type { Money } from '../product/product.js';
import { numericValue, fold, compareNumber } from './conditions.js';
import { convertMoney, parseDecimal, toMinorUnits, type Decimal } from './decimal.js';
import { fieldTexts, type WriteOptions } from './fields.js';
import type { transformSchemas } from './schema.js';
import { readTableFile } from './table-file.js';
import type { CompiledTransform } from './types.js';
import { refuseWrite, write } from './write.js';

type Cfg<K extends keyof typeof transformSchemas> = z.infer<(typeof transformSchemas)[K]>;

export interface CompileEnv {
  baseDir: string;
  /** `feeds/google.yaml: rules[2].lookup`, for compile-time errors. */
  where: string;
  options: WriteOptions;
}

export function compileLookup(c: Cfg<'lookup'>, env: CompileEnv): CompiledTransform {
  const key = (s: string): string => (c.ignore_case ? fold(s.trim()) : s.trim());
  const table = new Map<string, string>();
  const entries = c.table ? Object.entries(c.table) : readTableFile(c.file!, env.baseDir, `${env.where}.file`).rows.map((r) => [r.key, r.value] as const);
  for (const [k, v] of entries) if (!table.has(key(k))) table.set(key(k), v);
  const from = c.from ?? c.field;
  return {
    writes: [c.field],
    run: (p, tenv) => {
      const [value] = fieldTexts(p, from);
      const found = value === undefined ? undefined : table.get(key(value));
      const result = found ?? c.default;
      return result === undefined ? p : write(p, c.field, result, tenv, env.options);
    },
  };
}

/**
 * Rounds integer minor units to the nearest amount ending in `ending` (0 = whole units): the
 * candidates are the closest such amounts below and above; `nearest` takes the closer one (the
 * upper one on a tie), and never a negative amount.
 */
export function roundMinor(amount: number, unit: number, ending: number, direction: 'nearest' | 'up' | 'down'): number {
  const lower = Math.floor((amount - ending) / unit) * unit + ending;
  const upper = lower === amount ? amount : lower + unit;
  if (direction === 'up' || lower < 0) return upper;
  if (direction === 'down') return lower;
  return amount - lower < upper - amount ? lower : upper;
}

export function compileRound(c: Cfg<'round'>, env: CompileEnv): CompiledTransform {
  const ending: Decimal | undefined = c.to === 'whole' ? undefined : parseDecimal(typeof c.to === 'string' && c.to.startsWith('.') ? `0${c.to}` : c.to);
  return {
    writes: [c.field],
    run: (p, tenv) => {
      const m = p[c.field];
      if (!m) return p;
      const unit = 10 ** minorDigits(m.currency);
      const end = ending ? toMinorUnits(ending, m.currency) : 0;
      if (end === undefined) {
        // 0.99 in a currency without cents (JPY): say so instead of guessing.
        return refuseWrite(p, c.field, `${m.currency} has no ending ${String(c.to)}`, `Add a rule for ${m.currency} prices with to: whole.`, tenv);
      }
      const amount = roundMinor(m.amount, unit, end, c.direction);
      return amount === m.amount ? p : { ...p, [c.field]: { amount, currency: m.currency } satisfies Money };
    },
  };
}

/** (price - cost) / price in percent, exactly to 0.01 % (rounded down); undefined without both or with price <= 0. */
function marginPercent(value: Decimal | undefined, cost: Decimal | undefined): Decimal | undefined {
  if (!value || !cost || value.units <= 0n) return undefined;
  if (value.currency && cost.currency && value.currency !== cost.currency) return undefined;
  const scale = Math.max(value.scale, cost.scale);
  const v = value.units * 10n ** BigInt(scale - value.scale);
  const k = cost.units * 10n ** BigInt(scale - cost.scale);
  const diff = (v - k) * 10000n;
  // Floor division that also rounds negative margins down.
  const q = diff / v - (diff % v !== 0n && diff < 0n ? 1n : 0n);
  return { units: q, scale: 2 };
}

export function compileBucket(c: Cfg<'bucket'>, env: CompileEnv): CompiledTransform {
  const ranges = c.ranges.map((r) => ({
    min: r.min === undefined ? undefined : parseDecimal(r.min)!,
    max: r.max === undefined ? undefined : parseDecimal(r.max)!,
    label: r.label,
  }));
  return {
    writes: [c.field],
    run: (p, tenv) => {
      const base = numericValue(p, c.from);
      const value = c.cost ? marginPercent(base, numericValue(p, c.cost)) : base;
      const hit = value
        ? ranges.find((r) => (!r.min || compareNumber(value, r.min, (x) => x >= 0)) && (!r.max || compareNumber(value, r.max, (x) => x < 0)))
        : undefined;
      const label = hit?.label ?? c.default;
      return label === undefined ? p : write(p, c.field, label, tenv, env.options);
    },
  };
}

export function compileConvert(c: Cfg<'convert'>, env: CompileEnv): CompiledTransform {
  const rate = parseDecimal(c.rate)!;
  return {
    writes: [c.field],
    run: (p, tenv) => {
      const m = p[c.field];
      if (!m || m.currency !== c.from) return p;
      const converted = convertMoney(m, rate, c.to);
      if (!converted) return refuseWrite(p, c.field, 'the converted amount is too large', 'Check the rate.', tenv);
      return { ...p, [c.field]: converted };
    },
  };
}

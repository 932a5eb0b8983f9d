import type { z } from 'zod';
import type { Product } from '../product/product.js';
import { htmlToText } from '../util/html-to-text.js';
import { truncateAtWord } from '../util/truncate.js';
import { fieldTexts, isListField, type WriteOptions } from './fields.js';
import { compileSafeRegex } from './safe-regex.js';
import type { transformSchemas } from './schema.js';
import { parseTemplate, renderTemplate } from './template.js';
import { changeCase } from './text-case.js';
import type { CompiledTransform } from './types.js';
import { mapTexts, write } from './write.js';

type Cfg<K extends keyof typeof transformSchemas> = z.infer<(typeof transformSchemas)[K]>;

/** A YAML scalar or list as the text(s) written into a field. */
const valueText = (v: string | number | boolean | string[]): string | string[] => (Array.isArray(v) ? v : String(v));

export function compileSet(c: Cfg<'set'>, options: WriteOptions): CompiledTransform {
  const opts = { ...options, currency: c.currency ?? options.currency };
  return {
    writes: [c.field],
    run: (p, env) => {
      const value = c.from !== undefined ? fieldTexts(p, c.from) : valueText(c.value!);
      return write(p, c.field, value, env, opts);
    },
  };
}

export function compileDefault(c: Cfg<'default'>, options: WriteOptions): CompiledTransform {
  const opts = { ...options, currency: c.currency ?? options.currency };
  const value = valueText(c.value);
  return {
    writes: [c.field],
    run: (p, env) => (fieldTexts(p, c.field).length > 0 ? p : write(p, c.field, value, env, opts)),
  };
}

export function compileTemplate(c: Cfg<'template'>, options: WriteOptions): CompiledTransform {
  const parts = parseTemplate(c.value);
  return { writes: [c.field], run: (p, env) => write(p, c.field, renderTemplate(parts, p), env, options) };
}

/** A transform of each value of one field (each element of a list field); empty fields are left alone. */
function perValue(field: string, fn: (s: string, p: Product, language?: string) => string, options: WriteOptions): CompiledTransform {
  return { writes: [field], run: (p, env) => mapTexts(p, field, (s) => fn(s, p, env.ctx.language), env, options) };
}

export const compileAppend = (c: Cfg<'append'>, o: WriteOptions): CompiledTransform => perValue(c.field, (s) => s + c.value, o);
export const compilePrepend = (c: Cfg<'prepend'>, o: WriteOptions): CompiledTransform => perValue(c.field, (s) => c.value + s, o);
export const compileTruncate = (c: Cfg<'truncate'>, o: WriteOptions): CompiledTransform => perValue(c.field, (s) => truncateAtWord(s, c.max), o);
export const compileStripHtml = (c: Cfg<'strip_html'>, o: WriteOptions): CompiledTransform => perValue(c.field, (s) => htmlToText(s), o);
export const compileCase = (c: Cfg<'case'>, o: WriteOptions): CompiledTransform =>
  perValue(c.field, (s, _p, language) => changeCase(s, c.to, c.locale ?? language), o);

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileReplace(c: Cfg<'replace'>, o: WriteOptions): CompiledTransform {
  if (!c.regex && !c.ignore_case) return perValue(c.field, (s) => s.split(c.find).join(c.with), o);
  const re = compileSafeRegex(c.regex ? c.find : escapeRegex(c.find), { ignoreCase: c.ignore_case, global: true });
  // Plain replacements must not expand `$1` in `with`.
  const replacement = c.regex ? c.with : c.with.replaceAll('$', '$$$$');
  return perValue(c.field, (s) => s.replace(re, replacement), o);
}

const parts = (texts: string[], separator: string): string[] =>
  texts.flatMap((t) => t.split(separator)).map((s) => s.trim()).filter((s) => s !== '');

export function compileSplit(c: Cfg<'split'>, o: WriteOptions): CompiledTransform {
  const from = c.from ?? c.field;
  return {
    writes: [c.field],
    run: (p, env) => {
      const pieces = parts(fieldTexts(p, from), c.separator);
      if (pieces.length === 0) return p;
      const value = isListField(c.field) ? pieces : pieces.at(c.index!);
      return write(p, c.field, value, env, o);
    },
  };
}

export function compileJoin(c: Cfg<'join'>, o: WriteOptions): CompiledTransform {
  const from = c.from ?? c.field;
  return {
    writes: [c.field],
    run: (p, env) => {
      const values = fieldTexts(p, from);
      return values.length === 0 ? p : write(p, c.field, values.join(c.separator), env, o);
    },
  };
}

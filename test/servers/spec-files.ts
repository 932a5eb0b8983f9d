import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
// CommonJS: its function is the module and, typed, its default export.
import formats from 'ajv-formats';

const addFormats = formats.default;

/** The channels' official specifications (test data only; never read at run time). */
export const SPECS_DIR = path.resolve(process.cwd(), '../shared/specs');

export const readSpec = (relative: string): any => JSON.parse(readFileSync(path.join(SPECS_DIR, relative), 'utf8'));

/**
 * An ajv instance for vendor documents: not strict, because the vendors' files carry their own
 * keywords (`x-docgen-...`, `example`) that are not JSON Schema.
 */
export function vendorAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv;
}

/** Validation errors as short text, or [] when valid. */
export function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim());
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { vendorAjv } from '../servers/spec-files.js';

/** The channels' official specifications (test data only). */
export const spec = (file: string): any => JSON.parse(readFileSync(path.resolve(__dirname, '../../../shared/specs', file), 'utf8'));

/**
 * The official schemas leave objects open; a closed copy also catches a misspelt field name in
 * our samples and payloads (which an open schema would silently accept).
 */
export function closed(schema: any): any {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const out: any = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === 'examples' || k === 'example' ? v : closed(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

/** OpenAPI components as a JSON Schema rooted at one of them. */
export const openApiSchema = (doc: any, name: string): object => ({ ...closed(doc.components.schemas[name]), components: closed(doc.components) });

export const ajv = vendorAjv();
ajv.addFormat('int32', true).addFormat('int64', true).addFormat('double', true);

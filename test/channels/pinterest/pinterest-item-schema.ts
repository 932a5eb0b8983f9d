import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';

/** Pinterest's published OpenAPI document (test data, never read at run time). */
export const PINTEREST_OPENAPI = path.resolve(process.cwd(), '../shared/specs/pinterest/openapi-v5.23.0.json');

type Schema = Record<string, any>;

/** Every `$ref` replaced by the component it names (the item schemas have no cycles). */
function resolveRefs(node: unknown, components: Record<string, Schema>): any {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(n, components));
  if (!node || typeof node !== 'object') return node;
  const obj = node as Schema;
  if (typeof obj.$ref === 'string') {
    const name = obj.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    if (!target) throw new Error(`unresolved $ref ${obj.$ref}`);
    return resolveRefs(target, components);
  }
  const out: Schema = Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolveRefs(v, components)]));
  // OpenAPI 3.0 puts `nullable` beside oneOf (gtin); Ajv reads it only beside `type`.
  if (out.nullable !== undefined && out.type === undefined) {
    delete out.nullable;
    if (out.oneOf) out.oneOf = [...out.oneOf, { type: 'null' }];
  }
  return out;
}

/** `‘in stock’, ‘out of stock’` after "Must be one of the following values" in a description. */
const ENUM_SENTENCE = /Must be one of the following values[^:]*:(.*)$/s;
const QUOTED = /[‘'"]([^’'"]+)[’'"]/g;
/** `<p><= 500 characters</p>` at the start of a description (Pinterest states limits this way). */
const LIMIT = /^<p><= ([\d,]+) characters<\/p>/;

/**
 * The retail item attributes schema (ItemAttributesRequest = its allOf parts merged), made as strict
 * as Pinterest's own text: unknown fields rejected, the enums and character limits stated in the
 * descriptions enforced. Returns the schema and the facts read from the document.
 */
export function pinterestItemSchema(): { schema: Schema; enums: Record<string, string[]>; limits: Record<string, number> } {
  const doc = JSON.parse(readFileSync(PINTEREST_OPENAPI, 'utf8'));
  const components: Record<string, Schema> = doc.components.schemas;
  const resolved = resolveRefs(components.ItemAttributesRequest, components);
  const properties: Record<string, Schema> = {};
  const merge = (part: Schema) => {
    Object.assign(properties, part.properties ?? {});
    for (const sub of part.allOf ?? []) merge(sub);
  };
  merge(resolved);
  const enums: Record<string, string[]> = {};
  const limits: Record<string, number> = {};
  for (const [name, prop] of Object.entries(properties)) {
    const description: string = prop.description ?? '';
    const sentence = ENUM_SENTENCE.exec(description)?.[1];
    if (sentence && prop.type === 'string') {
      const values = [...sentence.matchAll(QUOTED)].map((m) => m[1]!);
      if (values.length) {
        enums[name] = values;
        prop.enum = prop.nullable ? [...values, null] : values;
      }
    }
    const limit = LIMIT.exec(description);
    if (limit && prop.type === 'string' && prop.maxLength === undefined) {
      limits[name] = Number(limit[1]!.replace(/,/g, ''));
      prop.maxLength = limits[name];
    }
    if (prop.type === 'array' && limit) limits[name] = Number(limit[1]!.replace(/,/g, ''));
    if (typeof prop.maxLength === 'number') limits[name] ??= prop.maxLength;
  }
  return { schema: { type: 'object', properties, additionalProperties: false }, enums, limits };
}

export function compilePinterestItemValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  return ajv.compile(pinterestItemSchema().schema);
}

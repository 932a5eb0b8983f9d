import { z } from 'zod';

/** One documented feed option, as `shelfcast channels <id>` and docs/channels show it. */
export interface OptionDoc {
  /** Dotted path; `[]` marks the entries of a list (`columns[].field`). */
  name: string;
  type: string;
  required: boolean;
  /** JSON of the default value, when there is one. */
  default?: string;
  description: string;
}

type JsonSchema = Record<string, any>;

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v: unknown) => JSON.stringify(v).replace(/^"|"$/g, '')).join(' | ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' | ');
  const t = Array.isArray(s.type) ? s.type.join(' | ') : (s.type ?? 'any');
  if (t === 'array') return `list of ${s.items?.properties ? 'objects' : typeOf(s.items ?? {})}`;
  if (t === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') {
    return `map: ${s.propertyNames?.pattern ? 'name' : 'key'} -> ${typeOf(s.additionalProperties)}`;
  }
  return t;
}

/** The option's description (the schema's `.describe()` text). */
const describeText = (s: JsonSchema): string => (s.description ?? '').trim();

function walk(schema: JsonSchema, prefix: string, required: boolean, out: OptionDoc[]): void {
  const props: Record<string, JsonSchema> = schema.properties ?? {};
  const req = new Set<string>(schema.required ?? []);
  for (const [key, prop] of Object.entries(props)) {
    const name = `${prefix}${key}`;
    const doc: OptionDoc = { name, type: typeOf(prop), required: required && req.has(key) && prop.default === undefined, description: describeText(prop) };
    if (prop.default !== undefined) doc.default = JSON.stringify(prop.default);
    out.push(doc);
    if (prop.type === 'array' && prop.items?.properties) walk(prop.items, `${name}[].`, true, out);
    else if (prop.type === 'object' && prop.properties) walk(prop, `${name}.`, doc.required, out);
  }
}

/** The options of a channel's zod schema, flattened to documented rows in declaration order. */
export function describeOptions(schema: z.ZodType | undefined): OptionDoc[] {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const out: OptionDoc[] = [];
  walk(json, '', true, out);
  return out;
}

import { z } from 'zod';
import { feedConfigSchema } from './feed-schema.js';
import { projectConfigSchema } from './project-schema.js';

/**
 * JSON Schemas of the config files, generated from the zod schemas (the single source), for
 * editors (yaml-language-server) and other tools. `npm run schemas` writes them into schemas/;
 * a test fails when the committed files are stale.
 */
export function configJsonSchemas(): Record<string, unknown> {
  const gen = (schema: z.ZodType, title: string) => ({
    ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
    title,
  });
  return {
    'shelfcast.schema.json': gen(projectConfigSchema, 'shelfcast project (shelfcast.yaml)'),
    'feed.schema.json': gen(feedConfigSchema, 'shelfcast feed (feeds/<id>.yaml)'),
  };
}

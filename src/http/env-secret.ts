import { ShelfcastError } from '../issues/issue.js';

/**
 * Secrets come only from environment variables whose names the config holds (`refresh_token_env:
 * AMAZON_REFRESH_TOKEN`), never from YAML or argv. The message names the variable, not its value.
 */
export function envSecret(env: NodeJS.ProcessEnv, name: string, where: string): string {
  const v = env[name];
  if (v === undefined || v === '') {
    throw new ShelfcastError(`${where}: environment variable ${name} is not set (export it before running; secrets never go in feed files)`, { exitCode: 1 });
  }
  return v;
}

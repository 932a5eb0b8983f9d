import { ShelfcastError } from '../issues/issue.js';

const ENV_REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Resolves `${env:NAME}` references at the moment a secret is needed (never at load time, so a
 * resolved secret never sits in a config object that might be printed).
 */
export function resolveSecret(value: string, env: NodeJS.ProcessEnv, where: string): string {
  return value.replace(ENV_REF, (_, name: string) => {
    const v = env[name];
    if (v === undefined || v === '') {
      throw new ShelfcastError(`${where}: environment variable ${name} is not set (set it, or remove the reference)`);
    }
    return v;
  });
}

/** True when the string contains an `${env:...}` reference. */
export const hasSecretReference = (value: string): boolean => /\$\{env:[A-Za-z_][A-Za-z0-9_]*\}/.test(value);

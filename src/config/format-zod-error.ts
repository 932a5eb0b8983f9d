import type { z } from 'zod';

/** `rules[2].set.title` from a zod issue path. */
export function dotPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

/** One line per zod issue: `feeds/google-us.yaml: rules[2].set.title: expected string`. */
export function formatZodError(file: string, err: z.ZodError): string[] {
  return err.issues.map((i) => {
    const path = dotPath(i.path);
    let message = i.message;
    if (i.code === 'unrecognized_keys') message = `unknown key${i.keys.length > 1 ? 's' : ''} ${listed(i.keys)}`;
    return `${file}: ${path ? `${path}: ` : ''}${message}`;
  });
}

/** The first ten keys, quoted, then how many more: a file of 20,000 stray keys is one readable line. */
function listed(keys: readonly string[]): string {
  const shown = keys.slice(0, 10).map((k) => `"${k.length > 80 ? `${k.slice(0, 80)}...` : k}"`).join(', ');
  return keys.length > 10 ? `${shown} and ${keys.length - 10} more` : shown;
}

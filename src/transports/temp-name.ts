import { randomBytes } from 'node:crypto';

/**
 * Uploads go to a hidden temporary name next to the target and are renamed into place, so a
 * reader (a channel fetching by URL, `shelfcast serve`) only ever sees a complete file. The
 * leading dot keeps temp files out of `serve` and most listings; the fixed marker lets the
 * next run recognise and remove what a killed run left behind.
 */
const MARKER = '.shelfcast-tmp-';

/** A fresh temporary name for `name` in the same folder. */
export function tempName(name: string): string {
  return `.${name}${MARKER}${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** True for any temporary name made by tempName (for any target). */
export function isTempName(entry: string): boolean {
  return entry.startsWith('.') && entry.includes(MARKER);
}

/** True for a temporary name made by tempName for this target name. */
export function isTempNameOf(entry: string, name: string): boolean {
  return entry.startsWith(`.${name}${MARKER}`);
}

/** A published name must be a plain file name: no folder part, no dotfile, no temp marker. */
export function checkPublishName(name: string): string | undefined {
  if (name === '' || name.includes('/') || name.includes('\\') || name.includes('\0')) return 'a file name without folders';
  if (name.startsWith('.')) return 'a file name not starting with a dot';
  return undefined;
}

import { constants } from 'node:fs';
import { open, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { isTempNameOf, tempName } from './temp-name.js';

/** fsync a folder so a rename inside it survives a power loss (a no-op where folders cannot be opened). */
export async function syncDir(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, constants.O_RDONLY);
    await fh.sync();
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename is still atomic there.
  } finally {
    await fh?.close();
  }
}

/** Removes temporary files a killed run left for `name` in `dir`; the run lock guarantees none is live. */
export async function removeStaleTemps(dir: string, name: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(entries.filter((e) => isTempNameOf(e, name)).map((e) => rm(path.join(dir, e), { force: true })));
}

/**
 * Copies `source` to `target` atomically: the bytes go to a temporary file in the target's
 * folder (same filesystem, so the rename is atomic), are fsynced, and the file is renamed over
 * the target; then the folder is fsynced. A reader sees the old file or the new one, never a mix.
 */
export async function atomicCopy(source: string, target: string): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, tempName(path.basename(target)));
  try {
    // flush: the stream fsyncs the file before closing it, so the rename never exposes bytes still in cache.
    await pipeline(createReadStream(source), createWriteStream(tmp, { flags: 'wx', mode: 0o644, flush: true }));
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  await syncDir(dir);
}

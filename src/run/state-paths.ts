import path from 'node:path';
import type { LoadedProject } from '../config/load.js';

/** Absolute folders of a project: one place that knows the layout of the state folder. */
export const stateDir = (project: LoadedProject): string => path.resolve(project.root, project.config.state);
export const outputDir = (project: LoadedProject): string => path.resolve(project.root, project.config.output);
export const feedStateDir = (state: string, feedId: string): string => path.join(state, 'feeds', feedId);

/** Where each item of the last published feed lies in its files (`plan` reads the items there). */
export const ITEM_INDEX_FILE = 'item-index.ndjson';
/** The records of the last publish, as versions before the item index wrote them; read, never written. */
export const LEGACY_SNAPSHOT_FILE = 'snapshot.ndjson';
/** Run, time, item count and files of the last publish (publish guard, `status`, `rollback`). */
export const SUMMARY_FILE = 'published.json';

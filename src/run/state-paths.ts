import path from 'node:path';
import type { LoadedProject } from '../config/load.js';

/** Absolute folders of a project: one place that knows the layout of the state folder. */
export const stateDir = (project: LoadedProject): string => path.resolve(project.root, project.config.state);
export const outputDir = (project: LoadedProject): string => path.resolve(project.root, project.config.output);
export const feedStateDir = (state: string, feedId: string): string => path.join(state, 'feeds', feedId);

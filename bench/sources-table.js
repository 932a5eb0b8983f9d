#!/usr/bin/env node
// Loads the supplemental sources of a project (as the pass does, before the primary streams) and
// prints, as JSON, the tables' own bytes and the growth of the process's memory while loading.
// Usage: node bench/sources-table.js PROJECT/shelfcast.yaml  (run `npm run build` first).
import { loadProject } from '../dist/config/load.js';
import { loadSources } from '../dist/catalog/sources/load-sources.js';
import { KeyedTable } from '../dist/catalog/sources/keyed-table.js';

const project = await loadProject(process.argv[2]);
global.gc?.();
const before = process.memoryUsage();
const start = performance.now();
const loaded = await loadSources(project);
const seconds = (performance.now() - start) / 1000;
global.gc?.();
const after = process.memoryUsage();
const tables = loaded.join.sources.map((s) => {
  const t = new KeyedTable(s.table);
  return { name: s.name, rows: t.size, fields: s.table.fields, tableBytes: t.bytes() };
});
process.stdout.write(
  `${JSON.stringify({ seconds, tables, rssGrowthBytes: after.rss - before.rss, heapGrowthBytes: after.heapUsed - before.heapUsed, sharedBytes: after.arrayBuffers - before.arrayBuffers }, null, 2)}\n`,
);

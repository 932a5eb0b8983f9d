#!/usr/bin/env node
// Regenerates docs/channels/<id>.md from the channel definitions and their golden files.
// Run after `npm run build` (it uses dist/); during development the same pages are written by
// `UPDATE_DOCS=1 npx vitest run test/channels/docs.test.ts`.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { writeChannelDocs } = await import(path.join(root, 'dist/channels/docs/write-channel-docs.js'));
const written = await writeChannelDocs(root);
process.stderr.write(written.length ? `wrote ${written.join(', ')}\n` : 'docs/channels is up to date\n');

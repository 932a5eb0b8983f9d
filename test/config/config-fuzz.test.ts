import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/load.js';
import { ShelfcastError } from '../../src/issues/issue.js';

/**
 * The config fuzz target, beside the catalog fuzzing (test/hostile): random project and feed
 * files, in YAML and in JSON (which YAML reads too), with random keys, anchors and aliases (bombs
 * included), depth and sizes, some grown from a valid config. Every one must load or fail with a
 * ShelfcastError, never another error. Bounded by count (CASES), not by time: a hang fails the
 * test by its timeout, a crash by its error. FUZZ_SEED replays a failing run.
 */
export const CASES = 250;
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

const root = await mkdtemp(path.join(os.tmpdir(), 'shelfcast-config-fuzz-'));
afterAll(() => rm(root, { recursive: true, force: true }));

const KNOWN_KEYS = ['name', 'catalog', 'path', 'preset', 'currency', 'feeds', 'output', 'state', 'shop', 'channel', 'format', 'file', 'rules', 'options', 'matrix', 'destination', 'guard', 'id', 'enabled', 'country', 'schedule', 'stock', 'type', 'url'];
const key = fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string({ maxLength: 12 }), fc.constantFrom('__proto__', 'constructor', 'prototype', '<<', '', '~', 'null', 'true', '0'));
const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom('../../../escape.csv', '/proc/out', 'https://169.254.169.254/', 'google', 'xml', 'USD'), fc.string({ minLength: 1000, maxLength: 5000 }));
const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('value'), { maxLength: 6 }), fc.dictionary(key, tie('value'), { maxKeys: 8 })),
}));

/** Something nested `depth` levels deep, in block or flow style. */
const deep = fc.tuple(fc.integer({ min: 1, max: 200 }), fc.boolean()).map(([depth, flow]) =>
  flow ? `x: ${'['.repeat(depth)}1${']'.repeat(depth)}\n` : `x:\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}- `).join('\n')}1\n`,
);
/** `levels` levels of `fan` aliases each: up to 12^6 values from a few hundred bytes. */
const aliases = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 12 })).map(([levels, fan]) => {
  const lines = ['l0: &l0 [x, y]'];
  for (let i = 1; i <= levels; i++) lines.push(`l${i}: &l${i} [${Array(fan).fill(`*l${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\nname: *l${levels}\n`;
});
/** Many keys, some repeated. */
const wide = fc.tuple(fc.integer({ min: 1, max: 5000 }), fc.boolean()).map(([n, dup]) => `${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')}\n${dup ? 'k0: again\n' : ''}`);

const valid = { catalog: { path: 'catalog.csv' }, output: 'out' };
const validFeed = { channel: 'google', country: 'US' };
/** A valid project or feed with random keys and values merged in at random places. */
const grown = (base: Record<string, unknown>) =>
  fc.array(fc.tuple(fc.array(fc.constantFrom(...Object.keys(base), 'options', 'rules'), { maxLength: 2 }), key, value), { maxLength: 4 }).map((edits) => {
    const doc: Record<string, unknown> = structuredClone(base);
    for (const [at, k, v] of edits) {
      let node: Record<string, unknown> = doc;
      for (const p of at) {
        if (typeof node[p] !== 'object' || node[p] === null || Array.isArray(node[p])) node[p] = {};
        node = node[p] as Record<string, unknown>;
      }
      node[k] = v;
    }
    return doc;
  });

/** As YAML (aliases for repeated objects, yaml's default) or as JSON. */
const asText = (v: unknown) => fc.constantFrom<'yaml' | 'json'>('yaml', 'json').map((kind) => (kind === 'json' ? JSON.stringify(v, null, 1) ?? 'null' : stringify(v, { aliasDuplicateObjects: true })));
/** One random byte-level change: a valid file made slightly wrong. */
const mutated = (text: fc.Arbitrary<string>) =>
  fc.tuple(text, fc.nat(), fc.constantFrom('', ':', '- ', '&a ', '*a', '{', ']', '"', "'", '\t', '\n  ', '!!binary ', '%YAML 1.1\n', '---\n', '\u0000', '\uFEFF')).map(([t, at, ins]) => {
    const i = t.length === 0 ? 0 : at % t.length;
    return t.slice(0, i) + ins + t.slice(i);
  });

const text = (base: Record<string, unknown>) =>
  fc.oneof(
    value.chain(asText),
    grown(base).chain(asText),
    mutated(grown(base).chain(asText)),
    deep,
    aliases,
    wide,
    fc.string({ maxLength: 200 }),
  );

let n = 0;
async function load(config: string, feed?: string): Promise<'loaded' | 'refused'> {
  const dir = path.join(root, String(n++));
  await mkdir(path.join(dir, 'feeds'), { recursive: true });
  await writeFile(path.join(dir, 'shelfcast.yaml'), config);
  if (feed !== undefined) await writeFile(path.join(dir, 'feeds', 'f.yaml'), feed);
  try {
    await loadProject(path.join(dir, 'shelfcast.yaml'));
    return 'loaded';
  } catch (e) {
    // A crash is anything but a ShelfcastError: the CLI would call it an internal error.
    if (!(e instanceof ShelfcastError)) throw new Error(`crash (${(e as Error)?.name}): ${(e as Error)?.message}`, { cause: e });
    expect(e.exitCode).toBe(2);
    expect(e.message.length).toBeLessThan(4000);
    return 'refused';
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe(`config fuzz: ${CASES} project and ${CASES} feed files per run`, () => {
  const outcomes = { loaded: 0, refused: 0 };
  it('project files: every one loads or is a config error', async () => {
    await fc.assert(fc.asyncProperty(text(valid), async (t) => void outcomes[await load(t)]++), { numRuns: CASES, seed });
  });

  it('feed files beside a valid project: every one loads or is a config error', async () => {
    await fc.assert(fc.asyncProperty(text(validFeed), async (t) => void outcomes[await load(stringify(valid), t)]++), { numRuns: CASES, seed });
  });

  it('reached both outcomes', () => {
    // A target that only ever refuses (or only loads) tests less than it seems.
    expect(outcomes.loaded).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });
});

import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { ShelfcastError } from '../issues/issue.js';

/** A parsed config file and the line of a value in it, for messages and `--json`. */
export interface YamlFile {
  value: unknown;
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Limits of one config file. Real project and feed files are a few KiB with a dozen levels;
 * lookup tables and mappings live in their own files. The limits keep loading linear in the
 * file's size and bounded, whatever a pull request puts in a feed file.
 */
export const CONFIG_LIMITS = {
  /** Largest config file, in bytes: 1 MiB. */
  bytes: 1024 * 1024,
  /** Deepest nesting of maps and lists: 64. */
  depth: 64,
  /** Most alias expansions (yaml's own count of aliased nodes resolved): 100. */
  aliases: 100,
} as const;

const fail = (shown: string, message: string, line?: number): ShelfcastError =>
  new ShelfcastError(`${shown}: ${line ? `line ${line}: ` : ''}${message}`, { code: 'config.yaml', file: shown, line });

/**
 * One walk over the parsed nodes, with an explicit stack (no recursion, whatever the depth):
 * duplicate keys per map with one Set each (yaml's own `uniqueKeys` compares every pair, which
 * took 33 s for 20,000 keys) and the nesting depth.
 */
function checkNodes(doc: Document, shown: string, lines: LineCounter): void {
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }];
  const lineAt = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (isMap(node) || isSeq(node)) {
      if (depth >= CONFIG_LIMITS.depth) throw fail(shown, `nested more than ${CONFIG_LIMITS.depth} levels deep (a config file needs a dozen at most)`, lineAt(node));
      const keys = isMap(node) ? new Set<string>() : undefined;
      for (const item of node.items) {
        if (isPair(item)) {
          if (keys && isScalar(item.key)) {
            const key = String(item.key.value);
            if (keys.has(key)) throw fail(shown, `invalid YAML: the key "${key.slice(0, 80)}" appears twice in one map (keys must be unique)`, lineAt(item.key));
            keys.add(key);
          } else if (item.key && !isScalar(item.key)) stack.push({ node: item.key, depth: depth + 1 });
          stack.push({ node: item.value, depth: depth + 1 });
        } else stack.push({ node: item, depth: depth + 1 });
      }
    }
  }
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * The offset where flow collections (`[`, `{`) first nest deeper than the depth limit, or -1: a
 * linear scan before yaml parses, which recurses per flow level (10,000 levels overflow its stack
 * after 0.5 s; 200,000 exhausted the process's memory in a regex and killed it). Quoted scalars and
 * comments are skipped; a bracket inside a plain scalar may be counted, which only matters past 64.
 */
function flowTooDeep(text: string): number {
  let depth = 0;
  let previous: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      previous = undefined;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') continue;
    const opensScalar = previous === undefined || previous === ':' || previous === '-' || previous === '[' || previous === '{' || previous === ',' || previous === '?';
    if (c === '#' && (i === 0 || isSpace(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
      previous = undefined;
      continue;
    }
    if ((c === '"' || c === "'") && opensScalar) {
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === '[' || c === '{') {
      if (++depth > CONFIG_LIMITS.depth) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    previous = c;
  }
  return -1;
}

/** Reads, parses and checks one YAML (or JSON) config file; every failure is a ShelfcastError naming the file and line. */
export async function readYaml(file: string, shown: string): Promise<YamlFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    const hint = code === 'ENOENT' ? ' (run `shelfcast init` to create a project, or pass --config PATH)' : '';
    throw new ShelfcastError(`${shown}: cannot read the file: ${code ?? String(cause)}${hint}`, { cause, code: 'config.unreadable', file: shown });
  }
  if (bytes.length > CONFIG_LIMITS.bytes) {
    throw fail(shown, `the file is ${Math.ceil(bytes.length / 1024)} KiB; a config file may have at most ${CONFIG_LIMITS.bytes / 1024} KiB (put lookup tables and mappings in their own files)`);
  }
  const text = bytes.toString('utf8');
  const deep = flowTooDeep(text);
  if (deep >= 0) throw fail(shown, `nested more than ${CONFIG_LIMITS.depth} levels deep (a config file needs a dozen at most)`, text.slice(0, deep).split('\n').length);
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: false, lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw fail(shown, `invalid YAML: ${e.message.split('\n')[0]}`, e.linePos?.[0]?.line);
  }
  checkNodes(doc, shown, lines);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: CONFIG_LIMITS.aliases }) ?? {};
  } catch (e) {
    // yaml throws a ReferenceError for too many alias expansions (a "billion laughs" file) and for an alias to nothing.
    const tooMany = /alias count/i.test((e as Error).message);
    throw fail(shown, tooMany ? `invalid YAML: its aliases expand more than ${CONFIG_LIMITS.aliases} times (an alias bomb?); write the values out instead` : `invalid YAML: ${(e as Error).message}`);
  }
  return {
    value,
    lineOf: (at) => {
      // The deepest node that exists on the path: a missing key is reported where its parent is.
      for (let n = at.length; n >= 0; n--) {
        const node = doc.getIn(at.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
        if (node?.range) return lines.linePos(node.range[0]).line;
      }
      return undefined;
    },
  };
}

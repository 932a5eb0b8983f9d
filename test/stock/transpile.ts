import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(__dirname, '../..');

/**
 * Node 20 cannot import .ts files, so child processes get a plain-JS copy of `entry` and every
 * module it imports relatively, transpiled by the TypeScript compiler into a temporary folder.
 * Returns the path of the transpiled entry.
 */
export function transpileForChild(entry: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'shelfcast-child-'));
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const seen = new Set<string>();
  const visit = (abs: string): void => {
    if (seen.has(abs)) return;
    seen.add(abs);
    const source = readFileSync(abs, 'utf8');
    const out = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
    const target = path.join(dir, path.relative(repo, abs)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, out);
    for (const m of source.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) visit(path.resolve(path.dirname(abs), `${m[1]}.ts`));
  };
  const abs = path.resolve(repo, entry);
  visit(abs);
  return { dir, file: path.join(dir, path.relative(repo, abs)).replace(/\.ts$/, '.js') };
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { cellValue, expectedRecords, parseCsvFeed, parseRssItems } from './feed-check.js';
import { crashSigns, outFiles, report, type RunOutcome } from './hostile-project.js';

/** What a catalog must give: its exit code, the rows that must be reported (row -> any of codes), the ids every feed holds. */
export interface Expectation {
  exitCode: number;
  /** Row number -> codes; one error with one of them must name the row. */
  badRows: Map<number, string[]>;
  /** Ids every feed must hold (and no other). */
  ids: string[];
  /** Feed id -> the ids that feed holds instead, where the channel's own rules leave a good row out (the row's error says why). */
  feedIds?: Record<string, string[]>;
}

/**
 * Checks one finished build against its expectation and returns the failures found (empty when
 * all is well), so a property can report every problem of a counterexample at once.
 */
export async function checkOutcome(dir: string, out: RunOutcome, want: Expectation): Promise<string[]> {
  const problems = crashSigns(out);
  if (out.code !== want.exitCode) problems.push(`exit code ${out.code}, expected ${want.exitCode}: ${out.stderr.slice(0, 300)}`);
  const doc = report(out);
  if (!doc) return [...problems, `no JSON report on stdout: ${out.stderr.slice(0, 300)}`];
  for (const [row, codes] of want.badRows) {
    if (!doc.issues.some((i) => i.row === row && i.severity === 'error' && codes.includes(i.code))) {
      const got = doc.issues.filter((i) => i.row === row).map((i) => `${i.severity} ${i.code}`);
      problems.push(`row ${row}: expected an error ${codes.join('|')}, got [${got.join(', ')}]`);
    }
  }
  for (const i of doc.issues) {
    if (i.severity === 'error' && i.row !== undefined && !want.badRows.has(i.row)) problems.push(`row ${i.row}: unexpected error ${i.code} (${i.message.slice(0, 160)})`);
  }
  const names = await outFiles(dir);
  const temps = names.filter((n) => n.startsWith('.'));
  if (temps.length) problems.push(`temp files left in out/: ${temps.join(', ')}`);
  const expected = await expectedRecords(dir);
  const wantIds = (feed: string) => [...(want.feedIds?.[feed] ?? want.ids)].sort();
  for (const [feed, records] of expected) {
    const inProcess = [...records.keys()].sort();
    if (JSON.stringify(inProcess) !== JSON.stringify(wantIds(feed))) problems.push(`${feed}: the channel map keeps ${inProcess.length} ids, expected the ${wantIds(feed).length} good ones`);
  }
  problems.push(...(await checkXml(dir, expected.get('google')!, wantIds('google'))));
  problems.push(...(await checkCsv(dir, expected.get('meta')!, wantIds('meta'))));
  problems.push(...(await checkJson(dir, 'amazon.json', (d) => (d.messages as Array<{ sku: string }>).map((m) => m.sku), wantIds('amazon'))));
  problems.push(...(await checkJson(dir, 'ebay.json', (d) => (d.items as Array<{ sku: string }>).map((m) => m.sku), wantIds('ebay'))));
  return problems;
}

async function checkXml(dir: string, records: Map<string, Array<Record<string, unknown>>>, wantIds: string[]): Promise<string[]> {
  let items;
  try {
    items = parseRssItems(await readFile(path.join(dir, 'out', 'google.xml'), 'utf8'));
  } catch (err) {
    return [`google.xml is not well-formed XML: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  const ids = items.map((i) => i.id ?? '').sort();
  if (JSON.stringify(ids) !== JSON.stringify(wantIds)) problems.push(`google.xml holds ids [${ids.slice(0, 5).join(' ')}...] (${ids.length}), expected ${wantIds.length}`);
  for (const item of items) {
    const record = records.get(item.id ?? '')?.[0] as Parameters<typeof cellValue>[0] | undefined;
    if (!record) continue;
    for (const field of ['title', 'description', 'link', 'brand', 'mpn', 'price']) {
      if ((item[field] ?? '') !== cellValue(record, field)) problems.push(`google.xml ${item.id}.${field}: ${JSON.stringify((item[field] ?? '').slice(0, 80))} != ${JSON.stringify(cellValue(record, field).slice(0, 80))}`);
    }
  }
  return problems;
}

async function checkCsv(dir: string, records: Map<string, Array<Record<string, unknown>>>, wantIds: string[]): Promise<string[]> {
  let table;
  try {
    table = parseCsvFeed(await readFile(path.join(dir, 'out', 'meta.csv'), 'utf8'));
  } catch (err) {
    return [`meta.csv does not re-read as CSV: ${(err as Error).message}`];
  }
  const problems: string[] = [];
  const idCol = table.header.indexOf('id');
  const ids = table.rows.map((r) => r[idCol] ?? '').sort();
  if (JSON.stringify(ids) !== JSON.stringify(wantIds)) problems.push(`meta.csv holds ${ids.length} ids, expected ${wantIds.length}`);
  for (const row of table.rows) {
    const record = records.get(row[idCol] ?? '')?.[0] as Parameters<typeof cellValue>[0] | undefined;
    if (!record) continue;
    table.header.forEach((col, k) => {
      if (row[k] !== cellValue(record, col)) problems.push(`meta.csv ${row[idCol]}.${col}: ${JSON.stringify(row[k]?.slice(0, 80))} != ${JSON.stringify(cellValue(record, col).slice(0, 80))}`);
    });
  }
  return problems;
}

async function checkJson(dir: string, name: string, skus: (doc: Record<string, unknown>) => string[], wantIds: string[]): Promise<string[]> {
  let doc;
  try {
    doc = JSON.parse(await readFile(path.join(dir, 'out', name), 'utf8')) as Record<string, unknown>;
  } catch (err) {
    return [`${name} is not JSON: ${(err as Error).message}`];
  }
  const ids = skus(doc).sort();
  return JSON.stringify(ids) === JSON.stringify(wantIds) ? [] : [`${name} holds ${ids.length} skus, expected ${wantIds.length}`];
}

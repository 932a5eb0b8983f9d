import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostileProject, runInProcess, type ReportedIssue } from '../hostile/hostile-project.js';

const HOSTILE = path.resolve(__dirname, '../../fixtures/hostile');
const issuesOf = (stdout: string): ReportedIssue[] => (JSON.parse(stdout) as { issues: ReportedIssue[] }).issues;

describe('catalog-level diagnostics, once per run', () => {
  it('a required field no column gives is one error naming the feeds, the header and the columns: fix; validate exits 1', async () => {
    const dir = await hostileProject(await readFile(path.join(HOSTILE, 'missing-price-header', 'catalog.csv')), 'csv');
    try {
      const v = await runInProcess(['validate', '--json'], dir);
      expect(v.code).toBe(1);
      const found = issuesOf(v.stdout).filter((i) => i.code === 'catalog.column_missing');
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ severity: 'error', field: 'price' });
      // The demo project's feeds that require a price (Amazon's listing takes one from its offer, not required).
      expect(found[0]!.message).toMatch(/feeds ebay, google, meta require: none of the 3 catalog items can go to them/);
      expect(found[0]!.message).toContain('"id", "title", "description"');
      expect((found[0] as ReportedIssue & { fix: string }).fix).toContain('catalog: { columns: { price: "<column name>" } }');

      const b = await runInProcess(['build', '--json', '--force'], dir);
      expect(b.code).toBe(1);
      const all = issuesOf(b.stdout);
      expect(all[0]!.code).toBe('catalog.column_missing');
      // It stands for the per-item errors, which are not repeated for every item of every feed.
      expect(all.filter((i) => /^(ebay|google|meta)\.price\.missing$/.test(i.code))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a header read as one column (wrong delimiter) says so and names the delimiter to set', async () => {
    const csv = 'id;title;price;link;image_link;description;availability\nP1;One;5 USD;https://s.example.com/1;https://s.example.com/1.jpg;D;in_stock\n';
    const dir = await hostileProject(csv, 'csv', ['delimiter: ","']);
    try {
      const v = await runInProcess(['validate', '--json'], dir);
      expect(v.code).toBe(1);
      const missing = issuesOf(v.stdout).filter((i) => i.code === 'catalog.column_missing');
      expect(missing.map((i) => i.field).sort()).toEqual(['availability', 'description', 'id', 'image_link', 'link', 'price', 'quantity', 'title']);
      expect(missing[0]!.message).toContain('the columns read are "id;title;price;link;image_link;description;availability"');
      expect(missing[0]!.message).toContain('the header was read as one column: the delimiter may be wrong (it looks like ";": set catalog.delimiter)');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a row with a wrong cell count gets that one error, not errors of its shifted cells', async () => {
    const csv = [
      'id,title,description,link,image_link,price,availability,brand,gtin',
      'P1,One,D,https://s.example.com/1,https://s.example.com/1.jpg,5 USD,in_stock,Acme,',
      'P2,"Two, large",D,https://s.example.com/2,https://s.example.com/2.jpg,5 USD,in_stock,Acme,4006381333931,extra',
      'P3,Three,https://s.example.com/3,https://s.example.com/3.jpg,5 USD,in_stock',
    ].join('\n');
    const dir = await hostileProject(csv, 'csv');
    try {
      const v = await runInProcess(['validate', '--json'], dir);
      const rows = issuesOf(v.stdout).filter((i) => i.row === 3 || i.row === 4);
      expect(rows.map((i) => `${i.row} ${i.code}`)).toEqual(['3 catalog.columns.count', '4 catalog.columns.count']);
      expect(rows.map((i) => i.id)).toEqual(['P2', 'P3']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoProject, runCli } from './cli.js';

const CSV = `id,title,description,link,image_link,price,availability,brand,gtin,condition,color,size,gender,age_group,google_product_category,product_type
TEE-1,Tee,Soft tee,https://shop.example.com/p/1,https://cdn.example.com/1.jpg,24.00 USD,in_stock,Northwind,00012345600012,new,Red,M,male,adult,212,Men > Tops > Tees
TEE-2,Tee,Soft tee,https://shop.example.com/p/2,https://cdn.example.com/2.jpg,24.00 USD,in_stock,Northwind,00012345600029,new,,,,,Apparel & Accessories > Clothing > Shirts & Tops,Men > Tops > Tees
`;

describe('an apparel catalog for the US on Google', () => {
  it('leaves out the shirt without color, gender, age_group and size, naming row, field and fix', async () => {
    const dir = await demoProject();
    for (const f of ['amazon', 'ebay', 'meta']) await rm(path.join(dir, 'feeds', `${f}.yaml`));
    await writeFile(path.join(dir, 'fixtures', 'demo', 'catalog.csv'), CSV);
    const r = await runCli(['build'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toContain('google (google xml): 1 items (1 excluded)');
    for (const field of ['color', 'gender', 'age_group', 'size']) {
      expect(r.stdout + r.stderr).toContain(`row 3, id TEE-2, ${field}: ${field} is required for Apparel & Accessories > Clothing > Shirts & Tops (212) in US`);
    }
    expect(r.stdout + r.stderr).toContain('docs/rules.md, "Apparel"');
  });
});

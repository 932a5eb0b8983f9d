import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { recordLines } from '../../src/catalog/record-lines.js';
import { readAll, tempFile } from './helpers.js';

describe('physical lines of catalog rows', () => {
  it('puts each row on the line it begins on, past quoted line breaks and blank lines', async () => {
    const text = 'id,title,description\n1,Mug,"two\nlines"\n\n2,Cup,plain\n3,Pot,"three\r\nmore\r\nlines"\n\n\n4,Jar,x\n';
    const file = tempFile('multi.csv', text);
    // The rows the reader gives the records must be the rows mapped here.
    expect((await readAll(file)).map((r) => [r.row, r.fields.id])).toEqual([[2, '1'], [3, '2'], [4, '3'], [5, '4']]);
    expect([...(await recordLines({ location: file }, [1, 2, 3, 4, 5]))]).toEqual([[1, 1], [2, 2], [3, 5], [4, 6], [5, 11]]);
  });

  it("counts Excel's sep= line, a byte order mark and TSV", async () => {
    const sep = tempFile('sep.csv', 'sep=;\nid;title\n1;"a\nb"\n2;c\n');
    expect((await readAll(sep)).map((r) => r.row)).toEqual([2, 3]);
    expect([...(await recordLines({ location: sep }, [2, 3]))]).toEqual([[2, 3], [3, 5]]);
    const tsv = tempFile('bom.tsv', '\ufeffid\ttitle\n1\t"a\nb"\n2\tc\n');
    expect([...(await recordLines({ location: tsv }, [3]))]).toEqual([[3, 4]]);
  });

  it('stops at the last row asked for, and gives no lines for JSON or compressed catalogs', async () => {
    // An unclosed quote after row 2 is never read.
    const broken = tempFile('broken.csv', 'id\n1\n"open\n');
    expect([...(await recordLines({ location: broken }, [2]))]).toEqual([[2, 2]]);
    expect((await recordLines({ location: tempFile('c.json', '[{"id":"1"}]') }, [1])).size).toBe(0);
    expect((await recordLines({ location: tempFile('c.csv.gz', gzipSync('id\n1\n')) }, [2])).size).toBe(0);
  });
});

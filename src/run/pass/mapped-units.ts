import type { MappedRow } from '../../catalog/types.js';
import type { WorkUnit } from './units.js';

/** Rows the main thread read and mapped itself, `unitRows` to a unit, for the workers to validate and format. */
export async function* mappedUnits(rows: AsyncIterable<MappedRow>, unitRows: number, nextSeq: () => number): AsyncGenerator<WorkUnit> {
  let batch: MappedRow[] = [];
  for await (const row of rows) {
    batch.push(row);
    if (batch.length >= unitRows) {
      yield { kind: 'mapped', seq: nextSeq(), rows: batch };
      batch = [];
    }
  }
  if (batch.length) yield { kind: 'mapped', seq: nextSeq(), rows: batch };
}

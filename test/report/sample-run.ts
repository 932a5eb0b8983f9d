import type { RunRecord } from '../../src/run/history.js';

/** A recorded run with catalog errors, a feed with errors and warnings, and a refused feed. */
export function sampleRun(): RunRecord {
  return {
    runId: '20260101T000000Z-abc123',
    command: 'run',
    dryRun: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:02.500Z',
    ok: false,
    items: { total: 12, valid: 10, invalid: 2 },
    catalog: {
      errors: 2,
      warnings: 0,
      issueCodes: [
        { code: 'price.invalid', severity: 'error', count: 2, fix: 'Write a price such as 12.99 USD.', examples: [{ row: 3, id: 'A<1>', field: 'price', message: 'price "<script>alert(1)</script>": not a price, 100% wrong\r\nsecond line' }, { row: 9, id: 'B', field: 'price', message: 'price "": missing' }] },
      ],
    },
    feeds: [
      {
        id: 'google',
        channel: 'google',
        format: 'xml',
        files: [{ name: 'google.xml', bytes: 1234, sha256: 'a'.repeat(64) }],
        items: 8,
        records: 8,
        excluded: 2,
        filtered: 0,
        status: 'published',
        destination: 'sftp://feeds.example.com/in/google.xml',
        pushed: 1,
        failed: 0,
        issueCounts: { 'google.image_link.missing': 2, 'google.title.too_long': 5 },
        counts: { read: 12, valid: 10, excluded: 2, filtered: 0, written: 8, pushed: 1, failed: 0 },
        errors: 2,
        warnings: 5,
        issueCodes: [
          { code: 'google.image_link.missing', severity: 'error', count: 2, fix: 'Fill in image_link.', examples: [{ row: 4, id: 'C', field: 'image_link', message: 'image_link is required by google' }] },
          { code: 'google.title.too_long', severity: 'warning', count: 5, examples: [{ row: 5, id: 'D', field: 'title', message: 'title is cut at 150 characters' }] },
        ],
      },
      {
        id: 'meta',
        channel: 'meta',
        format: 'csv',
        files: [{ name: 'meta.csv', bytes: 99, sha256: 'b'.repeat(64) }],
        items: 1,
        records: 1,
        excluded: 0,
        filtered: 9,
        status: 'refused',
        issueCounts: { 'guard.drop': 1 },
        counts: { read: 12, valid: 10, excluded: 0, filtered: 9, written: 0, pushed: 0, failed: 0 },
        errors: 1,
        warnings: 0,
        issueCodes: [{ code: 'guard.drop', severity: 'error', count: 1, examples: [{ message: 'the feed would drop from 10 to 1 items, more than 20%' }] }],
      },
    ],
  };
}

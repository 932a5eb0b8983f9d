import { describe, expect, it } from 'vitest';
import { readProcessingReport } from '../../../src/channels/amazon/processing-report.js';
import { amazonValidators } from '../../servers/amazon-specs.js';
import { readSpec } from '../../servers/spec-files.js';

describe('readProcessingReport', () => {
  it('reads Amazon\'s own example report: DONE with invalid messages is not success', () => {
    const example = readSpec('amazon/listings-feed-processing-report-schema-v2.example.json');
    expect(amazonValidators().report(example)).toEqual([]);
    // The example's feed processed 4 messages (ids 2..5).
    const skus = new Map([[2, 'My-SKU-X'], [3, 'My-SKU-Y'], [4, 'My-SKU-B'], [5, 'My-SKU-C']]);
    const out = readProcessingReport(example, skus, { feed: 'amazon-us', file: 'amazon-us.json' });
    expect(out.invalid).toBe(2);
    expect(out.accepted).toBe(2);
    expect(out.issues.map((i) => [i.severity, i.code, i.id, i.row])).toEqual([
      ['error', 'amazon.listing.90220', 'My-SKU-B', 4],
      ['error', 'amazon.listing.90220', 'My-SKU-B', 4],
      ['error', 'amazon.listing.99022', 'My-SKU-C', 5],
    ]);
    expect(out.issues[2]!.field).toBe('purchasable_offer.our_price');
  });

  it('counts messages the summary does not accept, and keeps document-level issues apart', () => {
    const skus = new Map([[2, 'A'], [3, 'B'], [1_000_000_001, 'C']]);
    const out = readProcessingReport(
      {
        issues: [
          { code: '4000', severity: 'ERROR', message: 'The feed could not be parsed' },
          { messageId: 1_000_000_001, sku: 'C', code: '18000', severity: 'WARNING', message: 'attribute ignored' },
        ],
        summary: { messagesProcessed: 3, messagesAccepted: 1, messagesInvalid: 0 },
      },
      skus,
      { feed: 'f', file: 'f.json' },
    );
    expect(out).toMatchObject({ accepted: 1, invalid: 2 });
    expect(out.issues[0]).toMatchObject({ code: 'amazon.feed.4000', severity: 'error' });
    expect(out.issues[1]).toMatchObject({ code: 'amazon.listing.18000', severity: 'warning', id: 'C' });
    expect(out.issues[1]!.row).toBeUndefined();
  });
});

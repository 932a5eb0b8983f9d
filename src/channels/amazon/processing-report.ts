import type { Issue, Severity } from '../../issues/issue.js';
import { rowOfMessage } from './message-ids.js';

/** The parts of a JSON_LISTINGS_FEED processing report (v2) that shelfcast reads. */
export interface ProcessingReport {
  header?: { feedId?: string };
  issues?: Array<{ messageId?: number; sku?: string; code?: string; severity?: string; message?: string; attributeName?: string }>;
  summary?: { errors?: number; warnings?: number; messagesProcessed?: number; messagesAccepted?: number; messagesInvalid?: number };
}

export interface ReportOutcome {
  accepted: number;
  invalid: number;
  issues: Issue[];
}

const SEVERITY: Record<string, Severity> = { ERROR: 'error', WARNING: 'warning', INFO: 'info' };

/**
 * Amazon's processing report as shelfcast issues: one per report issue, with the SKU, the catalog
 * row (from the messageId) and the stable code `amazon.listing.<amazon code>` (`amazon.feed.<code>`
 * for issues about the whole document). DONE is not success: messages with an ERROR are invalid,
 * and so is any message the report does not count as accepted.
 */
export function readProcessingReport(report: ProcessingReport, skus: Map<number, string>, where: { feed: string; file: string }): ReportOutcome {
  const issues: Issue[] = [];
  const invalidIds = new Set<number>();
  for (const r of report.issues ?? []) {
    const severity = SEVERITY[r.severity ?? 'ERROR'] ?? 'error';
    const code = (r.code ?? 'unknown').replace(/[^A-Za-z0-9_]/g, '_');
    const attribute = r.attributeName ? ` (${r.attributeName})` : '';
    if (r.messageId === undefined) {
      issues.push({ severity, code: `amazon.feed.${code}`, message: `Amazon: ${r.message ?? 'no message'}`, feed: where.feed, file: where.file });
      continue;
    }
    if (severity === 'error') invalidIds.add(r.messageId);
    const sku = r.sku ?? skus.get(r.messageId);
    const row = rowOfMessage(r.messageId);
    issues.push({
      severity,
      code: `amazon.listing.${code}`,
      message: `Amazon${attribute}: ${r.message ?? 'no message'}`,
      feed: where.feed,
      file: where.file,
      ...(sku !== undefined ? { id: sku } : {}),
      ...(row !== undefined ? { row } : {}),
      ...(r.attributeName ? { field: r.attributeName } : {}),
    });
  }
  const total = skus.size;
  const byReport = report.summary?.messagesInvalid ?? 0;
  let invalid = Math.max(invalidIds.size, byReport);
  const acceptedByReport = report.summary?.messagesAccepted;
  if (acceptedByReport !== undefined) invalid = Math.max(invalid, total - acceptedByReport);
  invalid = Math.min(invalid, total);
  return { accepted: total - invalid, invalid, issues };
}

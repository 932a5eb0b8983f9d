import path from 'node:path';
import { ShelfcastError } from '../../issues/issue.js';
import { AtomicFile } from '../../run/atomic-file.js';
import { feedStateDir } from '../../run/state-paths.js';
import { readTextIfExists } from '../../util/read-if-exists.js';
import { catalogFieldOf } from '../../verdicts/catalog-field.js';
import { hintFor } from '../../verdicts/hints.js';
import type { ChannelIssue } from '../../verdicts/model.js';

/** An ErrorDetailV3 of a bulk response entry (Sell Inventory v1 `Error`). */
export interface EbayError {
  errorId?: number;
  message?: string;
  longMessage?: string;
  category?: string;
  domain?: string;
  parameters?: Array<{ name?: string; value?: string }>;
}

/** SKU -> what eBay said about it at the last push that sent it: the errors and warnings of the bulk calls. */
export type PushFindings = Record<string, ChannelIssue[]>;

const STEP_WORDS: Record<string, string> = { inventory_item: 'inventory item', offer: 'offer', publish: 'publish', price_quantity: 'price and quantity' };

/**
 * eBay's errors and warnings of one step as verdict issues: the code is eBay's errorId, an error
 * refuses the SKU at that step (disapproved), a warning leaves it. The parameter that names a field
 * (`fieldName`, or else the first one) is the attribute.
 */
export function findingsOf(step: string, list: readonly EbayError[] | undefined, kind: 'error' | 'warning'): ChannelIssue[] {
  return (list ?? []).map((e) => {
    const named = e.parameters?.find((p) => /field|attribute|path/i.test(p.name ?? '')) ?? e.parameters?.[0];
    const attribute = named?.value || undefined;
    const field = catalogFieldOf(attribute);
    const message = e.message ?? e.longMessage ?? `eBay ${kind} ${e.errorId ?? ''}`.trim();
    return {
      code: String(e.errorId ?? `${step}_${kind}`), severity: kind === 'error' ? 'disapproved' : 'warning', message, ...(attribute ? { attribute } : {}), field,
      ...(e.longMessage && e.longMessage !== message ? { detail: e.longMessage } : {}), destinations: [STEP_WORDS[step] ?? step], hint: hintFor('eBay', { field, message }),
    };
  });
}

/** `<state>/feeds/<feed>/ebay-findings.json`. */
export const findingsFile = (stateDir: string, feedId: string): string => path.join(feedStateDir(stateDir, feedId), 'ebay-findings.json');

export async function readFindings(stateDir: string, feedId: string): Promise<PushFindings> {
  const file = findingsFile(stateDir, feedId);
  const text = await readTextIfExists(file, "eBay's findings of the last pushes");
  if (text === undefined) return {};
  try {
    return JSON.parse(text) as PushFindings;
  } catch (err) {
    throw new ShelfcastError(`${file}: not JSON (${(err as Error).message}); delete it and push again to have eBay's findings read anew`, { cause: err });
  }
}

/**
 * Keeps what this batch's calls said per SKU: a SKU sent again replaces its findings (none left
 * when eBay said nothing), a deleted SKU loses them. Written whole, so a reader never sees half.
 */
export async function saveFindings(stateDir: string, feedId: string, batch: ReadonlyMap<string, ChannelIssue[]>, deleted: readonly string[]): Promise<void> {
  const all = await readFindings(stateDir, feedId);
  for (const [sku, issues] of batch) {
    if (issues.length) all[sku] = issues;
    else delete all[sku];
  }
  for (const sku of deleted) delete all[sku];
  await AtomicFile.writeWhole(findingsFile(stateDir, feedId), `${JSON.stringify(all, null, 1)}\n`);
}

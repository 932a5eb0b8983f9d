import type { MapContext } from '../define-channel.js';
import { error, warning, type Issue } from '../../issues/issue.js';
import type { Product } from '../../product/product.js';

/**
 * Collects one item's issues with the feed, id and row already filled in, and builds the stable
 * code `<channel>.<field>.<problem>` so that every channel names exclusions the same way.
 */
export interface ItemIssues {
  readonly channel: string;
  readonly list: Issue[];
  /**
   * An error: the item is excluded from the feed. The code is `<channel>.<codeField>.<problem>`;
   * `opts.field` names the catalog field when it differs from codeField (currency -> price).
   */
  error(codeField: string, problem: string, message: string, opts?: IssueOptions): void;
  warn(codeField: string, problem: string, message: string, opts?: IssueOptions): void;
  /** True once any error was recorded. */
  readonly failed: boolean;
}

export interface IssueOptions {
  /** What the user should do. */
  fix?: string;
  /** Catalog field the issue is about; default the code's field. */
  field?: string;
}

export function itemIssues(channel: string, product: Pick<Product, 'id'>, ctx: MapContext): ItemIssues {
  const list: Issue[] = [];
  const where = (codeField: string, opts: IssueOptions = {}) => ({
    feed: ctx.feed.id,
    id: product.id,
    row: ctx.row,
    field: opts.field ?? codeField,
    ...(opts.fix ? { fix: opts.fix } : {}),
  });
  let failed = false;
  return {
    channel,
    list,
    error(codeField, problem, message, opts) {
      failed = true;
      list.push(error(`${channel}.${codeField}.${problem}`, message, where(codeField, opts)));
    },
    warn(codeField, problem, message, opts) {
      list.push(warning(`${channel}.${codeField}.${problem}`, message, where(codeField, opts)));
    },
    get failed() {
      return failed;
    },
  };
}

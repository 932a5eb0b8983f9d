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

/** A class, not an object literal with closures: one is made per item, on the hot path. */
class ItemIssueList implements ItemIssues {
  readonly list: Issue[] = [];
  failed = false;
  constructor(
    readonly channel: string,
    private readonly id: string,
    private readonly ctx: MapContext,
  ) {}
  private where(codeField: string, opts: IssueOptions = {}): Partial<Issue> {
    const at: Partial<Issue> = { feed: this.ctx.feed.id, id: this.id, row: this.ctx.row, field: opts.field ?? codeField };
    if (opts.fix) at.fix = opts.fix;
    return at;
  }
  error(codeField: string, problem: string, message: string, opts?: IssueOptions): void {
    this.failed = true;
    this.list.push(error(`${this.channel}.${codeField}.${problem}`, message, this.where(codeField, opts)));
  }
  warn(codeField: string, problem: string, message: string, opts?: IssueOptions): void {
    this.list.push(warning(`${this.channel}.${codeField}.${problem}`, message, this.where(codeField, opts)));
  }
}

export const itemIssues = (channel: string, product: Pick<Product, 'id'>, ctx: MapContext): ItemIssues => new ItemIssueList(channel, product.id, ctx);

import type { MapContext } from '../define-channel.js';
import type { Issue, Severity } from '../../issues/issue.js';
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

/**
 * `<channel>.<field>.<problem>`, kept: channels report the same few codes item after item (fields
 * and problems are the channels' own, a finite set), and a kept code is one flat string instead
 * of a new concatenation per issue.
 */
const codes = new Map<string, Map<string, Map<string, string>>>();
function codeOf(channel: string, codeField: string, problem: string): string {
  let byField = codes.get(channel);
  if (byField === undefined) codes.set(channel, (byField = new Map()));
  let byProblem = byField.get(codeField);
  if (byProblem === undefined) byField.set(codeField, (byProblem = new Map()));
  let code = byProblem.get(problem);
  if (code === undefined) byProblem.set(problem, (code = `${channel}.${codeField}.${problem}`));
  return code;
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
  /** The issue as error()/warning() of issues/issue.ts build it (same members, same order), in one object. */
  private issue(severity: Severity, codeField: string, problem: string, message: string, opts: IssueOptions | undefined): Issue {
    const at: Issue = { severity, code: codeOf(this.channel, codeField, problem), message, feed: this.ctx.feed.id, id: this.id, row: this.ctx.row, field: opts?.field ?? codeField };
    if (opts?.fix) at.fix = opts.fix;
    return at;
  }
  error(codeField: string, problem: string, message: string, opts?: IssueOptions): void {
    this.failed = true;
    this.list.push(this.issue('error', codeField, problem, message, opts));
  }
  warn(codeField: string, problem: string, message: string, opts?: IssueOptions): void {
    this.list.push(this.issue('warning', codeField, problem, message, opts));
  }
}

export const itemIssues = (channel: string, product: Pick<Product, 'id'>, ctx: MapContext): ItemIssues => new ItemIssueList(channel, product.id, ctx);

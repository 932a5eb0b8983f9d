import type { FeedRunRecord, IssueCodeSummary, RunRecord } from '../run/history.js';
import type { ReportInput } from './report-option.js';
import type { VerdictSummary } from '../verdicts/model.js';
import { escapeHtml as h, feedSeries, renderChart } from './run-chart.js';
import { renderVerdictChart } from './verdict-chart.js';

/** Issue codes listed per feed, most important first; default 8. */
const TOP_CODES = 8;

/** Status in words a merchandiser uses. */
const STATUS: Record<FeedRunRecord['status'], { word: string; tone: 'ok' | 'warn' | 'bad' }> = {
  published: { word: 'Delivered', tone: 'ok' },
  written: { word: 'Written (not sent anywhere)', tone: 'ok' },
  planned: { word: 'Checked only (dry run)', tone: 'warn' },
  refused: { word: 'Held back by the safety check', tone: 'bad' },
  failed: { word: 'Delivery failed', tone: 'bad' },
};

const CSS = `
:root{--ink:#1d2330;--muted:#5b6475;--line:#dde1e8;--ok:#1f7a44;--okbg:#e5f4ea;--warn:#8a5a00;--warnbg:#fdf3dc;--bad:#b3261e;--badbg:#fbe7e6;--bar:#3b6fd8}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#f6f7f9}
main{max-width:1040px;margin:0 auto;padding:24px}h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:0}h3{font-size:15px;margin:20px 0 8px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.sub{color:var(--muted);margin:0 0 16px}.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px;margin:16px 0}
.head{display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}.head small{color:var(--muted)}
.badge{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;font-size:13px}.ok{color:var(--ok);background:var(--okbg)}.warn{color:var(--warn);background:var(--warnbg)}.bad{color:var(--bad);background:var(--badbg)}
.counts{display:grid;grid-template-columns:repeat(auto-fill,minmax(120px,1fr));gap:10px;margin:12px 0 0;padding:0}.counts div{border:1px solid var(--line);border-radius:8px;padding:8px 10px}
.counts dt{font-size:12px;color:var(--muted)}.counts dd{margin:0;font-size:22px;font-weight:700}.counts .bad dd,.counts .warn dd{color:inherit}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}th{font-size:12px;color:var(--muted);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}code{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:13px}.fix{color:var(--ok)}.muted{color:var(--muted)}
.chart .grid{stroke:var(--line)}.chart .axis{font-size:11px;fill:var(--muted)}.chart .err{fill:var(--bad)}.chart .bar{fill:var(--bar)}.chart .errline{fill:none;stroke:var(--bad);stroke-width:2}.chart .errdot{fill:var(--bad)}
.chart .legend{font-size:11px;fill:var(--muted)}.chart .key-bar{fill:var(--bar)}.chart .key-err{fill:var(--bad)}svg{max-width:100%;height:auto}
.chart .vbad,.chart .key-vbad{fill:var(--bad)}.chart .vlimited,.chart .key-vlimited{fill:#d08a00}.vchart{margin:0}.vchart summary{cursor:pointer;color:var(--muted);margin:6px 0}
`;

function count(metric: string, label: string, value: number, tone = ''): string {
  return `<div class="${tone}" data-metric="${metric}"><dt>${h(label)}</dt><dd>${value.toLocaleString('en-US')}</dd></div>`;
}

/** Messages often end with the fix; the fix has its own column. */
const withoutFix = (message: string, fix: string | undefined): string => (fix && message.endsWith(fix) && message.length > fix.length ? message.slice(0, -fix.length).trim() : message);

function issueTable(codes: readonly IssueCodeSummary[], scope: string): string {
  if (codes.length === 0) return `<p class="muted" data-issues="${h(scope)}">No problems found.</p>`;
  const shown = codes.slice(0, TOP_CODES);
  const rows = shown.map((c) => {
    const where = c.examples.map((e) => (e.row !== undefined ? `row ${e.row}` : e.id ? `id ${e.id}` : '')).filter(Boolean);
    const example = c.examples[0];
    const tone = c.severity === 'error' ? 'bad' : c.severity === 'warning' ? 'warn' : 'ok';
    return (
      `<tr data-code="${h(c.code)}" data-count="${c.count}"><td><code>${h(c.code)}</code><br><span class="badge ${tone}">${c.severity}</span></td>` +
      `<td class="num">${c.count.toLocaleString('en-US')}</td><td>${h(where.join(', ')) || '<span class="muted">-</span>'}</td>` +
      `<td>${example ? h(`${example.field ? `${example.field}: ` : ''}${withoutFix(example.message, c.fix)}`) : ''}</td><td class="fix">${c.fix ? h(c.fix) : ''}</td></tr>`
    );
  });
  const more = codes.length > shown.length ? `<p class="muted">${codes.length - shown.length} more issue codes in the run history (shelfcast history --json).</p>` : '';
  return `<table data-issues="${h(scope)}"><thead><tr><th>Problem</th><th class="num">Items</th><th>Example rows</th><th>Example</th><th>What to do</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}`;
}

function deliveryText(f: FeedRunRecord): string {
  const counts = `${f.counts.pushed.toLocaleString('en-US')} accepted, ${f.counts.failed.toLocaleString('en-US')} rejected by the destination.`;
  if (f.status === 'refused') return 'Not published: the safety check held this version back, and the file published before stays in place.';
  if (f.status === 'planned') return 'Dry run: nothing was written or sent.';
  if (f.destination) return `Sent to <code>${h(f.destination)}</code>: ${counts}`;
  if (f.status === 'failed') return `Written locally, but sending failed: ${counts}`;
  return 'No destination configured: the file was written to the output folder.';
}

function delivery(f: FeedRunRecord): string {
  const files = f.files
    .map((x) => `<tr><td><code>${h(x.name)}</code></td><td class="num">${x.bytes.toLocaleString('en-US')} bytes</td><td><code title="SHA-256 ${h(x.sha256)}">${h(x.sha256.slice(0, 12))}</code></td></tr>`)
    .join('');
  const answer = f.answer?.length ? `<ul data-answer>${f.answer.map((a) => `<li>${h(a)}</li>`).join('')}</ul>` : '';
  return (
    `<p data-delivery="${h(f.status)}">${deliveryText(f)}</p>${answer}` +
    `<table><thead><tr><th>File</th><th class="num">Size</th><th>Fingerprint</th></tr></thead><tbody>${files}</tbody></table>`
  );
}

function feedSection(f: FeedRunRecord, history: readonly RunRecord[]): string {
  const s = STATUS[f.status];
  const c = f.counts;
  return (
    `<section class="card" id="feed-${h(f.id)}" data-feed="${h(f.id)}">` +
    `<div class="head"><h2>${h(f.id)}</h2><small>${h(f.channel)} · ${h(f.format)}</small><span class="badge ${s.tone}" data-status="${h(f.status)}">${h(s.word)}</span></div>` +
    `<dl class="counts">${count('items', 'Items accepted', f.items, 'ok')}${count('excluded', 'Excluded (errors)', c.excluded, c.excluded ? 'bad' : '')}` +
    `${count('filtered', 'Left out by rules', c.filtered)}${count('written', 'Records in the file', c.written)}${count('pushed', 'Accepted by destination', c.pushed)}` +
    `${count('failed', 'Rejected by destination', c.failed, c.failed ? 'bad' : '')}${count('errors', 'Errors', f.errors, f.errors ? 'bad' : '')}${count('warnings', 'Warnings', f.warnings, f.warnings ? 'warn' : '')}</dl>` +
    `<h3>Top problems</h3>${issueTable(f.issueCodes, f.id)}` +
    `<h3>Last runs</h3>${renderChart(f.id, feedSeries(f.id, history))}` +
    `<h3>Delivery</h3>${delivery(f)}</section>`
  );
}

/** What the channel decided about the feed's items at the fetch after this run: counts, codes, the worst items. */
function channelSection(v: VerdictSummary, history: readonly VerdictSummary[]): string {
  const c = v.counts;
  // The history holds this fetch too when it was stored; a fetch never stored still shows itself.
  const chart = renderVerdictChart(v.feed, v.channel, history.some((x) => x.fetchedAt === v.fetchedAt && x.runId === v.runId) ? history : [v, ...history]);
  const codes = v.codes.length
    ? `<table data-channel-codes><thead><tr><th>Channel code</th><th>Severity</th><th class="num">Items</th><th>Catalog field</th><th>Check before sending</th></tr></thead><tbody>${v.codes
        .map((x) => `<tr data-code="${h(x.code)}"><td><code>${h(x.code)}</code><br><small>${h(x.message)}</small></td><td>${h(x.severity)}</td><td class="num">${x.items.length}</td><td>${h(x.field ?? '')}</td><td>${h(x.hint ?? '')}</td></tr>`)
        .join('')}</tbody></table>`
    : '<p class="muted">The channel reported no issue.</p>';
  const worst = v.worst.length
    ? `<h3>Worst items</h3><table data-worst><thead><tr><th>Item</th><th>Status</th><th class="num">Issues</th><th>Codes</th></tr></thead><tbody>${v.worst
        .map((w) => `<tr data-item="${h(w.id)}"><td>${h(w.id)}</td><td>${h(w.status)}</td><td class="num">${w.issues}</td><td>${h(w.codes.join(', '))}</td></tr>`)
        .join('')}</tbody></table>`
    : '';
  return (
    `<section class="card" data-verdicts="${h(v.feed)}"><div class="head"><h2>${h(v.feed)}: what ${h(v.channel)} decided</h2><small>${h(v.source)} · ${h(v.fetchedAt)}</small></div>` +
    `<dl class="counts">${count('approved', 'Approved', c.approved, 'ok')}${count('limited', 'Limited', c.limited, c.limited ? 'warn' : '')}${count('disapproved', 'Disapproved', c.disapproved, c.disapproved ? 'bad' : '')}${count('pending', 'Pending', c.pending)}</dl>` +
    `<h3>Channel codes</h3>${codes}${worst}` +
    `${chart ? `<h3>Disapprovals over the last fetches</h3>${chart}` : ''}</section>`
  );
}

/**
 * One self-contained page for people: no script, no external font, stylesheet or image, and a
 * Content-Security-Policy that forbids fetching anything, so it opens the same from a CI artifact,
 * a mail attachment or a file share.
 */
export function renderHtmlReport({ run, history, project, verdicts = [], verdictHistory = {} }: ReportInput): string {
  const runs = history.some((r) => r.runId === run.runId) ? history : [run, ...history];
  const bad = run.feeds.filter((f) => STATUS[f.status].tone === 'bad').length;
  const verdict = run.ok ? '<span class="badge ok" data-ok="true">All good</span>' : `<span class="badge bad" data-ok="false">Needs attention${bad ? `: ${bad} feed${bad === 1 ? '' : 's'} not delivered` : ''}</span>`;
  const catalog = run.catalog?.issueCodes ?? [];
  const summaryRows = run.feeds
    .map((f) => `<tr><td><a href="#feed-${h(f.id)}">${h(f.id)}</a></td><td>${h(f.channel)}</td><td><span class="badge ${STATUS[f.status].tone}">${h(STATUS[f.status].word)}</span></td><td class="num">${f.items}</td><td class="num">${f.counts.excluded}</td><td class="num">${f.errors}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(project)}: feed report ${h(run.runId)}</title><style>${CSS}</style></head>
<body><main>
<h1>${h(project)}: feed report</h1>
<p class="sub">Run <code data-run-id>${h(run.runId)}</code> (${h(run.command)}${run.dryRun ? ', dry run' : ''}), ${h(run.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'))} ${verdict}</p>
<section class="card" data-catalog><h2>Catalog</h2>
<dl class="counts">${count('read', 'Rows read', run.items.total)}${count('valid', 'Valid products', run.items.valid, 'ok')}${count('invalid', 'Invalid rows', run.items.invalid, run.items.invalid ? 'bad' : '')}</dl>
<h3>Top problems in the catalog</h3>${issueTable(catalog, 'catalog')}</section>
<section class="card"><h2>Feeds</h2><table data-summary><thead><tr><th>Feed</th><th>Channel</th><th>Result</th><th class="num">Accepted</th><th class="num">Excluded</th><th class="num">Errors</th></tr></thead><tbody>${summaryRows}</tbody></table></section>
${run.feeds.map((f) => feedSection(f, runs)).join('\n')}
${verdicts.map((v) => channelSection(v, verdictHistory[v.feed] ?? [])).join('\n')}
<p class="muted">Made by shelfcast. Every number on this page is in the run record <code>runs/${h(run.runId)}.json</code> of the state folder.</p>
</main></body></html>
`;
}

import type { VerdictSummary } from '../verdicts/model.js';
import { CHART_RUNS, escapeHtml as h, label, niceMax } from './run-chart.js';

const W = 640;
const H = 200;
const PAD = { left: 44, right: 16, top: 16, bottom: 34 };

/** The fetches a feed's chart shows: of the history (newest first, as the store reads it) the last CHART_RUNS, oldest first. */
export function verdictSeries(history: readonly VerdictSummary[]): VerdictSummary[] {
  return history.slice(0, CHART_RUNS).reverse();
}

/**
 * Disapproved (red) and limited (amber) items per fetch of the channel's verdicts, stacked, as
 * inline SVG with a title and a description for screen readers, and the same numbers in a table
 * below (a chart alone tells nothing to someone who cannot see it).
 */
export function renderVerdictChart(feedId: string, channel: string, history: readonly VerdictSummary[]): string {
  const points = verdictSeries(history);
  if (!points.length) return '';
  const id = `verdict-chart-${h(feedId)}`;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const max = niceMax(Math.max(...points.map((p) => p.counts.disapproved + p.counts.limited), 0));
  const slot = plotW / points.length;
  const barW = Math.min(40, slot * 0.6);
  const labelEvery = Math.ceil(70 / slot);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const parts: string[] = [
    `<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-labelledby="${id}-title ${id}-desc" data-verdict-chart="${h(feedId)}" data-fetches="${points.length}">`,
    `<title id="${id}-title">${h(feedId)}: items ${h(channel)} disapproved or limited over the last ${points.length} fetch${points.length === 1 ? '' : 'es'}</title>`,
    `<desc id="${id}-desc">Disapproved went from ${first.counts.disapproved} to ${last.counts.disapproved} and limited from ${first.counts.limited} to ${last.counts.limited} between ${h(label(first.fetchedAt))} and ${h(label(last.fetchedAt))} UTC; the table below has every fetch.</desc>`,
  ];
  for (const f of [0, 0.5, 1]) {
    const gy = y(max * f);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${gy}" y2="${gy}" class="grid"/>`);
    if (Number.isInteger(max * f)) parts.push(`<text x="${PAD.left - 6}" y="${gy + 4}" text-anchor="end" class="axis">${max * f}</text>`);
  }
  points.forEach((p, i) => {
    const cx = PAD.left + slot * i + slot / 2;
    const bad = p.counts.disapproved;
    const limited = p.counts.limited;
    const tip = `${label(p.fetchedAt)}: ${bad} disapproved, ${limited} limited of ${p.items} items`;
    parts.push(`<rect x="${cx - barW / 2}" y="${y(bad)}" width="${barW}" height="${PAD.top + plotH - y(bad)}" class="vbad" data-disapproved="${bad}"><title>${h(tip)}</title></rect>`);
    parts.push(`<rect x="${cx - barW / 2}" y="${y(bad + limited)}" width="${barW}" height="${y(bad) - y(bad + limited)}" class="vlimited" data-limited="${limited}"><title>${h(tip)}</title></rect>`);
    if ((points.length - 1 - i) % labelEvery === 0) parts.push(`<text x="${cx}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="axis">${h(label(p.fetchedAt))}</text>`);
  });
  parts.push(`<text x="${PAD.left}" y="${H - 4}" class="legend"><tspan class="key-vbad">■</tspan> disapproved  <tspan class="key-vlimited">■</tspan> limited</text>`, '</svg>');
  const rows = [...points]
    .reverse()
    .map((p) => `<tr data-fetch="${h(p.fetchedAt)}"><td>${h(p.fetchedAt)}</td><td>${p.runId ? `<code>${h(p.runId)}</code>` : '<span class="muted">diagnostics</span>'}</td><td class="num">${p.items}</td><td class="num">${p.counts.approved}</td><td class="num">${p.counts.limited}</td><td class="num">${p.counts.disapproved}</td><td class="num">${p.counts.pending}</td></tr>`)
    .join('');
  const table =
    `<details data-verdict-table="${h(feedId)}"><summary>The numbers of the chart</summary><table><caption class="muted">${h(feedId)}: the channel's verdicts per fetch, newest first</caption>` +
    `<thead><tr><th scope="col">Fetched (UTC)</th><th scope="col">Run</th><th scope="col" class="num">Items</th><th scope="col" class="num">Approved</th><th scope="col" class="num">Limited</th><th scope="col" class="num">Disapproved</th><th scope="col" class="num">Pending</th></tr></thead><tbody>${rows}</tbody></table></details>`;
  return `<figure class="vchart">${parts.join('')}${table}</figure>`;
}

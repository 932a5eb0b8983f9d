import type { RunRecord } from '../run/history.js';

/** Runs shown in a feed's chart; default the last 12. */
export const CHART_RUNS = 12;

export const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

export interface ChartPoint {
  runId: string;
  at: string;
  items: number;
  errors: number;
}

/** One point per run that built the feed, oldest first, ending with the current run. */
export function feedSeries(feedId: string, runs: readonly RunRecord[]): ChartPoint[] {
  const points: ChartPoint[] = [];
  for (const r of runs) {
    const f = r.feeds.find((x) => x.id === feedId);
    if (f) points.push({ runId: r.runId, at: r.startedAt, items: f.items, errors: f.errors });
    if (points.length === CHART_RUNS) break;
  }
  return points.reverse();
}

const W = 640;
const H = 200;
const PAD = { left: 44, right: 44, top: 16, bottom: 34 };

/** A round axis maximum (1, 2, 5 x 10^n) so the grid lines read as plain numbers. */
export function niceMax(n: number): number {
  if (n <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= n)!;
}

/** `12-07 10:40`: month, day and UTC time, what fits under a bar. */
export const label = (iso: string): string => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

/**
 * Items accepted (bars, left axis) and errors (red line, right axis) per run, as inline SVG: no
 * script, no font, nothing fetched.
 */
export function renderChart(feedId: string, points: readonly ChartPoint[]): string {
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const maxItems = niceMax(Math.max(...points.map((p) => p.items), 0));
  const maxErrors = niceMax(Math.max(...points.map((p) => p.errors), 0));
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.min(40, slot * 0.6);
  const labelEvery = Math.ceil(70 / slot);
  const y = (v: number, max: number) => PAD.top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  parts.push(`<svg class="chart" role="img" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" aria-labelledby="chart-${escapeHtml(feedId)}-title" data-runs="${points.length}">`);
  parts.push(`<title id="chart-${escapeHtml(feedId)}-title">${escapeHtml(feedId)}: items accepted and errors over the last ${points.length} runs</title>`);
  for (const f of [0, 0.5, 1]) {
    const gy = y(maxItems * f, maxItems);
    parts.push(`<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${gy}" y2="${gy}" class="grid"/>`);
    // Only whole numbers on an axis: half of 1 error is no label at all.
    if (Number.isInteger(maxItems * f)) parts.push(`<text x="${PAD.left - 6}" y="${gy + 4}" text-anchor="end" class="axis">${maxItems * f}</text>`);
    if (Number.isInteger(maxErrors * f)) parts.push(`<text x="${W - PAD.right + 6}" y="${gy + 4}" class="axis err">${maxErrors * f}</text>`);
  }
  const line: string[] = [];
  points.forEach((p, i) => {
    const cx = PAD.left + slot * i + slot / 2;
    const top = y(p.items, maxItems);
    parts.push(`<rect x="${cx - barW / 2}" y="${top}" width="${barW}" height="${PAD.top + plotH - top}" class="bar" data-run="${escapeHtml(p.runId)}" data-items="${p.items}"><title>${escapeHtml(label(p.at))}: ${p.items} items, ${p.errors} errors</title></rect>`);
    // A date label needs about 70 px; when runs are closer, every second (third...) run is labelled.
    if ((points.length - 1 - i) % labelEvery === 0) parts.push(`<text x="${cx}" y="${H - PAD.bottom + 16}" text-anchor="middle" class="axis">${escapeHtml(label(p.at))}</text>`);
    line.push(`${cx},${y(p.errors, maxErrors)}`);
  });
  if (line.length > 1) parts.push(`<polyline points="${line.join(' ')}" class="errline"/>`);
  points.forEach((p, i) => {
    const [cx, cy] = line[i]!.split(',');
    parts.push(`<circle cx="${cx}" cy="${cy}" r="3.5" class="errdot" data-errors="${p.errors}"/>`);
  });
  parts.push(`<text x="${PAD.left}" y="${H - 4}" class="legend"><tspan class="key-bar">■</tspan> items accepted  <tspan class="key-err">●</tspan> errors (right axis)</text>`);
  parts.push('</svg>');
  return parts.join('');
}

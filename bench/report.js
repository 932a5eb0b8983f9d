// Turns measurements into the printed table, the JSON document and the BENCHMARKS.md section.
import { appendFile } from 'node:fs/promises';

const MiB = 2 ** 20;
const fixed = (n, d) => (n === null || n === undefined ? '-' : n.toFixed(d));
const int = (n) => (n === null || n === undefined ? '-' : Math.round(n).toLocaleString('en-US'));

/**
 * Adds rows/s, MB/s and the ratios to the peer (rows/s, and peak RSS) to each measurement; a
 * measurement of a group (`shared descriptions: ...`) is compared with the peer of its group.
 */
export function withRates(results, peerName = 'peer') {
  return results.map((r) => {
    const peer = results.find((p) => p.name === `${r.peerGroup ?? ''}${peerName}` && p.ok);
    const rowsPerSecond = r.wallSeconds > 0 ? r.rows / r.wallSeconds : null;
    const cpuRowsPerSecond = r.cpuSeconds > 0 ? r.rows / r.cpuSeconds : null;
    const peerRate = peer ? peer.rows / peer.wallSeconds : null;
    const peerCpuRate = peer && peer.cpuSeconds > 0 ? peer.rows / peer.cpuSeconds : null;
    return {
      ...r,
      rowsPerSecond,
      mbPerSecond: r.wallSeconds > 0 ? r.bytes / 1e6 / r.wallSeconds : null,
      cpuRowsPerSecond,
      peakRssMiB: r.peakRssBytes / MiB,
      vsPeerRowsPerSecond: peerRate && rowsPerSecond ? rowsPerSecond / peerRate : null,
      vsPeerCpuRowsPerSecond: peerCpuRate && cpuRowsPerSecond ? cpuRowsPerSecond / peerCpuRate : null,
    };
  });
}

const HEAD = ['measurement', 'rows', 'wall s', 'cpu s', 'rows/s', 'MB/s', 'peak RSS MiB', 'x peer (wall)', 'x peer (cpu)'];

function cells(r) {
  return [
    r.ok ? r.name : `${r.name} (FAILED)`,
    int(r.rows),
    fixed(r.wallSeconds, 2),
    fixed(r.cpuSeconds, 2),
    int(r.rowsPerSecond),
    fixed(r.mbPerSecond, 1),
    fixed(r.peakRssMiB, 0),
    fixed(r.vsPeerRowsPerSecond, 2),
    fixed(r.vsPeerCpuRowsPerSecond, 2),
  ];
}

/** A plain-text table for the terminal. */
export function textTable(rows) {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  return all.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

/** A Markdown section: date, machine, load, command and the table. */
export function markdownSection(doc) {
  const m = doc.machine;
  const lines = [
    `## ${doc.date} — ${doc.rows.toLocaleString('en-US')} rows${doc.label ? ` — ${doc.label}` : ''}`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, node ${m.node}, ${m.platform}`,
    `- Load average before / after: ${doc.loadBefore.join(' ')} / ${doc.loadAfter.join(' ')}`,
    `- Catalog: ${(doc.catalog.csvBytes / 1e6).toFixed(1)} MB CSV${doc.catalog.xmlBytes ? `, ${(doc.catalog.xmlBytes / 1e6).toFixed(1)} MB XML` : ''}, seed ${doc.seed}, descriptions ${(doc.descriptions ?? ['shared']).join(' and ')}; peak RSS from ${doc.rssSource}; best of ${doc.repeat}`,
    `- Anchors: ${doc.peer ? 'the Python peer' : 'no peer'}${doc.duckdb ? ', DuckDB (@duckdb/node-api, 2 threads) CSV to TSV' : ', DuckDB not installed'}`,
    `- Command: \`${doc.command}\``,
    '',
    `| ${HEAD.join(' | ')} |`,
    `|${HEAD.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`,
    ...doc.results.map((r) => `| ${cells(r).join(' | ')} |`),
    '',
  ];
  return lines.join('\n') + '\n';
}

export async function appendMarkdown(file, doc) {
  await appendFile(file, markdownSection(doc));
}

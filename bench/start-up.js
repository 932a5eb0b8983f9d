#!/usr/bin/env node
// `npm run bench:start-up`: CPU time (user + system, GNU time) of `shelfcast --version` and
// `shelfcast channels` against a bare `node -e 0`, the rounds interleaved so that a busy minute
// of the machine weighs on every command alike. Target: under 150 ms each. Options: --rounds N
// (15), --cli PATH (another checkout's bin/shelfcast.js as well, to compare builds).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hasGnuTime, measure } from './measure.js';
import { loadAverage } from './machine.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '15' }, cli: { type: 'string', multiple: true, default: [] } } });
const rounds = Number(values.rounds);
if (!hasGnuTime() || !Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write('bench:start-up needs /usr/bin/time (Debian package `time`) and --rounds N >= 1\n');
  process.exit(2);
}
const clis = [path.join(root, 'bin/shelfcast.js'), ...values.cli.map((c) => path.resolve(c))];
const commands = [{ name: 'node -e 0', args: ['-e', '0'] }];
for (const cli of clis) {
  const tag = clis.length > 1 ? ` (${path.relative(process.cwd(), cli) || cli})` : '';
  commands.push({ name: `shelfcast --version${tag}`, args: [cli, '--version'] }, { name: `shelfcast channels${tag}`, args: [cli, 'channels'] });
}

const samples = new Map(commands.map((c) => [c.name, []]));
const loadBefore = loadAverage();
for (let round = 0; round < rounds; round++) {
  for (const c of commands) {
    const m = await measure(process.execPath, c.args, { cwd: root });
    if (m.exitCode !== 0) throw new Error(`${c.name} exited ${m.exitCode}: ${m.stderr}`);
    samples.get(c.name).push(m.cpuSeconds * 1000);
  }
}
const ms = (x) => `${Math.round(x)} ms`;
const rows = commands.map((c) => {
  const s = samples.get(c.name).sort((a, b) => a - b);
  return [c.name, ms(s[0]), ms(s[Math.floor(s.length / 2)]), ms(s.at(-1))];
});
const width = rows.reduce((w, r) => Math.max(w, r[0].length), 7);
process.stdout.write(`node ${process.version}, ${rounds} rounds, load average before ${loadBefore.join(' ')}, after ${loadAverage().join(' ')}\n`);
process.stdout.write(`${'command'.padEnd(width)}  min CPU  median  max\n`);
for (const r of rows) process.stdout.write(`${r[0].padEnd(width)}  ${r[1].padStart(7)}  ${r[2].padStart(6)}  ${r[3]}\n`);

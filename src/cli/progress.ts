import type { CliIO } from './context.js';

/** A single progress line on stderr, redrawn at most every 200 ms, only on a terminal. */
export class Progress {
  private last = 0;
  private shown = false;
  constructor(
    private readonly io: CliIO,
    private readonly enabled: boolean,
  ) {}

  tick(rows: number): void {
    if (!this.enabled || !this.io.isTTY || rows % 1000 !== 0) return;
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    this.io.stderr(`\r${rows.toLocaleString('en-US')} rows read...`);
  }

  done(): void {
    if (this.shown) this.io.stderr('\r\x1b[K');
  }
}

/**
 * A window over streamed text for the JSON scanner: holds only the unread rest of the current
 * chunk plus the item being captured, so memory stays at about one item.
 */
export class TextCursor {
  buf = '';
  pos = 0;
  private ended = false;

  constructor(private readonly chunks: AsyncIterator<string>) {}

  /** Appends the next chunk; false at the end of the text. */
  async fill(): Promise<boolean> {
    if (this.ended) return false;
    const next = await this.chunks.next();
    if (next.done) {
      this.ended = true;
      return false;
    }
    this.buf += next.value;
    return true;
  }

  /** Forgets everything before the current position. */
  compact(): void {
    if (this.pos > 0) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
    }
  }

  /** The next character that is not JSON whitespace (not consumed), or undefined at the end. */
  async peek(): Promise<string | undefined> {
    for (;;) {
      const buf = this.buf;
      let p = this.pos;
      while (p < buf.length) {
        const c = buf.charCodeAt(p);
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
          this.pos = p;
          return buf[p];
        }
        p++;
      }
      this.pos = p;
      this.compact();
      if (!(await this.fill())) return undefined;
    }
  }
}

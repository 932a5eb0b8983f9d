/** ECMAScript white space and line terminators: what `\s` matches and String.prototype.trim removes. */
export function isSpace(c: number): boolean {
  if (c === 0x20 || (c >= 0x09 && c <= 0x0d)) return true;
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

const STOPS = /[.!?]+/g;
/** White space other than a single space: the only thing collapsing runs to one space changes. */
const UNCOLLAPSED = /[^\S ]| {2}/;

/**
 * The first `max` sentences of `text` that have at least `min` characters, trimmed and with white
 * space runs collapsed to one space. A sentence is text up to a run of `.`, `!` or `?` that white
 * space or the end follows, or the rest of the text when no mark follows. A mark that a word
 * follows (`3.5`, `e.g.x`, `0.3l`) is part of its sentence: "Fits 3.5 inch drives." is one
 * sentence, not "5 inch drives.". This is splitting the collapsed text after every mark that white
 * space follows, but it stops once it has `max` sentences and collapses only those.
 */
export function firstSentences(text: string, max: number, min: number): string[] {
  const out: string[] = [];
  const n = text.length;
  const keep = (sentence: string): void => {
    let t = sentence.trim();
    if (UNCOLLAPSED.test(t)) t = t.replace(/\s+/g, ' ');
    if (t.length >= min) out.push(t);
  };
  STOPS.lastIndex = 0;
  let start = 0;
  while (start < n && out.length < max) {
    const stop = STOPS.exec(text);
    if (stop === null) {
      keep(text.slice(start));
      break;
    }
    const end = STOPS.lastIndex;
    if (end < n && !isSpace(text.charCodeAt(end))) continue;
    keep(text.slice(start, end));
    start = end;
  }
  return out;
}

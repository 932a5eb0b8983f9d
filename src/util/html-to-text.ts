import { decodeHTML } from 'entities';
import { lastCall } from './last-call.js';

const BLOCK = /<\/?(?:p|div|h[1-6]|ul|ol|table|tr|blockquote|section|article|header|footer|pre)\b[^>]*>/gi;
const LINE = /<br\s*\/?>/gi;
const ITEM = /<li\b[^>]*>/gi;
const DROP = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<\/?[A-Za-z][^>]*>|<!--[\s\S]*?-->/g;

const isLetter = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWordChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 0x5f;
const isEntityChar = (c: number): boolean => isLetter(c) || isDigit(c) || c === 0x23;

/**
 * Cheap test used to skip the conversion for plain text (most rows): `<` before a letter, `!` or
 * `/`, or an entity-like `&name;`. A scan from `<` to `<` and `&` to `&` instead of a regex.
 */
export const looksLikeHtml = lastCall((text: string): boolean => {
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (isLetter(c) || c === 0x21 || c === 0x2f) return true;
  }
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1)) {
    let j = i + 1;
    while (isEntityChar(text.charCodeAt(j))) j++;
    if (j > i + 1 && text.charCodeAt(j) === 0x3b) return true;
  }
  return false;
});

/**
 * HTML description to plain text for channels that forbid markup: paragraph and block ends become
 * blank lines, <br> a line break, list items "- ", every other tag is dropped, and entities are
 * decoded exactly once (after the tags are gone, so `&lt;b&gt;` stays the text "<b>").
 */
export function htmlToText(html: string): string {
  // One pass converts the same description once per feed, and variants share theirs: remember the last.
  return looksLikeHtml(html) ? convertLast(html) : html;
}

const STEP_DROP = 1;
const STEP_LINE = 2;
const STEP_ITEM = 4;
const STEP_BLOCK = 8;
const STEP_TAG = 16;
const DROP_NAMES: ReadonlySet<string> = new Set(['script', 'style', 'template']);
const BLOCK_NAMES: ReadonlySet<string> = new Set(
  ['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'table', 'tr', 'blockquote', 'section', 'article', 'header', 'footer', 'pre'],
);

/**
 * Which tag passes of convert() can match `text` at all, from the name after each `<` (or `</`):
 * a name in a pass's pattern is followed by `\b`, so it is the whole ASCII word there. Passes that
 * cannot match are skipped; the others run unchanged, so the result is the same.
 */
function tagSteps(text: string): number {
  let steps = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const slash = text.charCodeAt(i + 1) === 0x2f;
    const start = slash ? i + 2 : i + 1;
    let end = start;
    while (isWordChar(text.charCodeAt(end))) end++;
    const name = text.slice(start, end).toLowerCase();
    if (!slash) {
      if (name === 'br') steps |= STEP_LINE;
      else if (name === 'li') steps |= STEP_ITEM;
      else if (DROP_NAMES.has(name)) steps |= STEP_DROP;
    }
    if (BLOCK_NAMES.has(name)) steps |= STEP_BLOCK;
    if (isLetter(text.charCodeAt(start)) || text.startsWith('!--', i + 1)) steps |= STEP_TAG;
  }
  return steps;
}

/**
 * Every match of `[ \t]*\n[ \t]*` (of ` *\n *` when `tabs` is false) replaced, as a global
 * regex replace does: a scan from newline to newline, where the regex, which has no first
 * character to look for, is tried at every position. Each newline takes the padding around it,
 * but not padding the previous match already took. A bare newline replaced by a newline is left
 * where it is, so text with nothing to fold is returned as it is: whitespace() then needs no
 * `includes(' \n') || includes('\n ')` test first, two searches for a pattern that starts with
 * the commonest character (whitespace() over 48,157 bench descriptions: 0.74 of the CPU time,
 * median of 9 rounds, 92 -> 68 ms).
 */
export function foldNewlines(text: string, tabs: boolean, replacement: string): string {
  let i = text.indexOf('\n');
  if (i < 0) return text;
  const pad = (c: number): boolean => c === 0x20 || (tabs && c === 0x09);
  const bare = replacement === '\n';
  let out = '';
  // `last`: the end of the text copied to `out`; `limit`: the end of the previous match.
  let last = 0;
  let limit = 0;
  while (i >= 0) {
    let start = i;
    while (start > limit && pad(text.charCodeAt(start - 1))) start--;
    let end = i + 1;
    while (end < text.length && pad(text.charCodeAt(end))) end++;
    if (!bare || start < i || end > i + 1) {
      out += text.slice(last, start) + replacement;
      last = end;
    }
    limit = end;
    i = text.indexOf('\n', end);
  }
  return last === 0 ? text : out + text.slice(last);
}

const convertLast = lastCall(convert);

/** `<br\s*\/?>` where a tag starts, as the LINE pass matches it. */
const LINE_AT = /<br\s*\/?>/iy;
const isPad = (c: number): boolean => c === 0x20 || c === 0x09;

/**
 * The first passes of convert() (line ends, newline folding, <br>, <li>, block and other tags) in
 * one scan from `<` to `<` and newline to newline, for text whose tags stand apart: undefined
 * (the passes then run one by one) when it has a comment or `<!`, a script, style or template
 * element, or a `<` inside a tag, where the order of the passes matters. Otherwise every tag spans
 * its `<` to the first `>`, no pass's output holds either, and so each tag gets what the first
 * pass that matches it gives, whatever the order. Four passes over a 700-character description
 * each built a new string: this scan builds one, and htmlToText over 50,000 distinct bench
 * descriptions takes 0.78 of the CPU time (median of 12 alternated rounds, 328 -> 255 ms).
 */
function tagPass(html: string): string | undefined {
  const text = html.includes('\r') ? html.replace(/\r\n?/g, '\n') : html;
  const len = text.length;
  let out = '';
  let last = 0;
  let lt = text.indexOf('<');
  let nl = text.indexOf('\n');
  while (lt >= 0 || nl >= 0) {
    if (nl >= 0 && (lt < 0 || nl < lt)) {
      // `[ \t]*\n[ \t]*` -> ' ', each newline taking the padding the previous match left.
      let start = nl;
      while (start > last && isPad(text.charCodeAt(start - 1))) start--;
      let end = nl + 1;
      while (end < len && isPad(text.charCodeAt(end))) end++;
      out += text.slice(last, start) + ' ';
      last = end;
      nl = text.indexOf('\n', end);
      continue;
    }
    const next = text.charCodeAt(lt + 1);
    if (next === 0x21) return undefined;
    const slash = next === 0x2f;
    const start = slash ? lt + 2 : lt + 1;
    const gt = isLetter(text.charCodeAt(start)) ? text.indexOf('>', start) : -1;
    if (gt < 0) {
      // A `<` that opens no tag is text.
      lt = text.indexOf('<', lt + 1);
      continue;
    }
    const after = text.indexOf('<', lt + 1);
    if (after >= 0 && after < gt) return undefined;
    let end = start;
    while (isWordChar(text.charCodeAt(end))) end++;
    const name = end - start <= 10 ? text.slice(start, end).toLowerCase() : '';
    let replacement = '';
    if (!slash && DROP_NAMES.has(name)) return undefined;
    if (!slash && name === 'br' && ((LINE_AT.lastIndex = lt), LINE_AT.test(text))) replacement = '\n';
    else if (!slash && name === 'li') replacement = '\n- ';
    else if (BLOCK_NAMES.has(name)) replacement = '\n\n';
    out += text.slice(last, lt) + replacement;
    last = gt + 1;
    lt = after;
    if (nl >= 0 && nl < last) nl = text.indexOf('\n', last);
  }
  return last === 0 ? text : out + text.slice(last);
}

/** The tags (in one scan where it can), then the entities decoded once, then the spaces. */
function convert(html: string): string {
  return whitespace(decodeHTML(tagPass(html) ?? tagPasses(html)));
}

/**
 * convert()'s tag passes one by one, for any text, in order. Each pass is skipped when it cannot
 * change the text (no tag it matches, no character it replaces): skipping a pass that matches
 * nothing leaves every later pass the same input.
 */
function tagPasses(html: string): string {
  let text = html;
  let steps = tagSteps(text);
  if (steps & STEP_DROP) {
    const dropped = text.replace(DROP, '');
    // Removing a block can join a `<` to a new name, so the names are read again.
    if (dropped !== text) steps = tagSteps((text = dropped));
  }
  // Line breaks only turn into spaces and tags into newlines or nothing: no later pass finds a name the scan did not.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  text = foldNewlines(text, true, ' ');
  if (steps & STEP_LINE) text = text.replace(LINE, '\n');
  if (steps & STEP_ITEM) text = text.replace(ITEM, '\n- ');
  if (steps & STEP_BLOCK) text = text.replace(BLOCK, '\n\n');
  if (steps & STEP_TAG) text = text.replace(TAG, '');
  return text;
}

/** The decoded text's spaces: no-break spaces and runs of blanks to one space, at most one blank line, trimmed. */
function whitespace(decoded: string): string {
  let text = decoded;
  if (text.includes('\u00a0')) text = text.replace(/\u00a0/g, ' ');
  // A run that is one space already is left alone (the plain `[ \t]+` matched every space between
  // words): the same result, a third of the time on a description with a double space.
  if (text.includes('\t') || text.includes('  ')) text = text.replace(/[ \t]{2,}|\t/g, ' ');
  text = foldNewlines(text, false, '\n');
  if (text.includes('\n\n\n')) text = text.replace(/\n{3,}/g, '\n\n');
  return text.trim();
}

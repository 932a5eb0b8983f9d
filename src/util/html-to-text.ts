import { decodeHTML } from 'entities';

const BLOCK = /<\/?(?:p|div|h[1-6]|ul|ol|table|tr|blockquote|section|article|header|footer|pre)\b[^>]*>/gi;
const LINE = /<br\s*\/?>/gi;
const ITEM = /<li\b[^>]*>/gi;
const DROP = /<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const TAG = /<\/?[A-Za-z][^>]*>|<!--[\s\S]*?-->/g;

/** Cheap test used to skip the conversion for plain text (most rows). */
export const looksLikeHtml = (text: string): boolean => /<[A-Za-z!/]|&[#A-Za-z0-9]+;/.test(text);

/**
 * HTML description to plain text for channels that forbid markup: paragraph and block ends become
 * blank lines, <br> a line break, list items "- ", every other tag is dropped, and entities are
 * decoded exactly once (after the tags are gone, so `&lt;b&gt;` stays the text "<b>").
 */
export function htmlToText(html: string): string {
  if (!looksLikeHtml(html)) return html;
  // One pass converts the same description once per feed, and variants share theirs: remember the last.
  if (html === lastHtml) return lastText;
  lastHtml = html;
  lastText = convert(html);
  return lastText;
}

let lastHtml: string | undefined;
let lastText = '';

function convert(html: string): string {
  const text = html
    .replace(DROP, '')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]*\n[ \t]*/g, ' ')
    .replace(LINE, '\n')
    .replace(ITEM, '\n- ')
    .replace(BLOCK, '\n\n')
    .replace(TAG, '');
  return decodeHTML(text)
    .replace(/\u00a0/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

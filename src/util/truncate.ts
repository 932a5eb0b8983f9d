/**
 * Truncates to at most `limit` UTF-16 code units (the unit channels count in), at a word boundary
 * when one lies in the last fifth of the text, never inside a surrogate pair. Adds nothing (no
 * ellipsis): channels count the ellipsis against the limit and some reject it in titles.
 */
export function truncateAtWord(text: string, limit: number): string {
  if (text.length <= limit) return text;
  if (limit <= 0) return '';
  let cut = limit;
  // Never split a surrogate pair: if the last kept unit is a high surrogate, drop it too.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  const head = text.slice(0, cut);
  const nextIsBreak = /\s/.test(text[cut] ?? ' ');
  if (nextIsBreak) return head.trimEnd();
  const space = head.search(/\s\S*$/);
  if (space >= Math.floor(limit * 0.8)) return head.slice(0, space).trimEnd();
  return head;
}

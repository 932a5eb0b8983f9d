// A letter starts a word after these (an apostrophe does not: "don't" stays "Don't").
const WORD_START = /(^|[\s\-\u2010-\u2015/([{"\u201c\u201e\u00ab\u2039])(\p{L})/gu;

/**
 * Unicode-aware case mapping. Without a locale the mapping is locale-independent (the host's
 * locale must not change a feed); `tr` / `az` map i <-> İ and ı <-> I, `lt` keeps dots. Greek
 * final sigma (ς) follows from the lower-casing. Title case lower-cases the text, then upper-cases
 * the first letter of each word, keeping only the first letter of a multi-letter upper case
 * (ß -> Ss, not SS).
 */
export function changeCase(text: string, to: 'upper' | 'lower' | 'title', locale?: string): string {
  const upper = (s: string): string => (locale ? s.toLocaleUpperCase(locale) : s.toUpperCase());
  const lower = (s: string): string => (locale ? s.toLocaleLowerCase(locale) : s.toLowerCase());
  if (to === 'upper') return upper(text);
  if (to === 'lower') return lower(text);
  return lower(text).replace(WORD_START, (_, before: string, letter: string) => {
    const u = upper(letter);
    const first = String.fromCodePoint(u.codePointAt(0)!);
    return before + (first.length < u.length ? first + lower(u.slice(first.length)) : u);
  });
}

/**
 * Characters XML 1.0 forbids (C0 controls except tab, line feed and carriage return; U+FFFE,
 * U+FFFF) and lone surrogates, which no encoder can write. Removed once here so that every feed
 * format, XML included, receives text it can serialise.
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ILLEGAL_ALL = new RegExp(ILLEGAL.source, 'g');

export interface CleanText {
  /** Trimmed text without illegal characters; undefined when nothing is left. */
  value: string | undefined;
  /** True when illegal characters were removed. */
  removed: boolean;
}

const EMPTY: CleanText = { value: undefined, removed: false };

/** Trims `text` and removes characters illegal in XML 1.0; empty text becomes absent. */
export function cleanText(text: string): CleanText {
  if (ILLEGAL.test(text)) {
    const value = text.replace(ILLEGAL_ALL, '').trim();
    return { value: value === '' ? undefined : value, removed: true };
  }
  const value = text.trim();
  return value === '' ? EMPTY : { value, removed: false };
}

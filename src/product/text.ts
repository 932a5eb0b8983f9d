/**
 * Characters XML 1.0 forbids (C0 controls except tab, line feed and carriage return; U+FFFE,
 * U+FFFF) and lone surrogates, which no encoder can write. Removed once here so that every feed
 * format, XML included, receives text it can serialise.
 */
const ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const ILLEGAL_ALL = new RegExp(ILLEGAL.source, 'g');

/** True when `text` holds a character XML 1.0 forbids or a lone surrogate. */
export const hasIllegalChars = (text: string): boolean => ILLEGAL.test(text);

/** `text` without the characters XML 1.0 forbids and without lone surrogates. */
export const removeIllegalChars = (text: string): string => text.replace(ILLEGAL_ALL, '');

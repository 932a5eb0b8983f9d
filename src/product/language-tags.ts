/**
 * BCP 47 language tags (RFC 5646). Well-formedness and the canonical spelling come from
 * `Intl.getCanonicalLocales`; whether the primary language subtag is a language comes from ICU's
 * language names (the IANA subtag registry's ISO 639 languages), so "xx" or "qq" are refused.
 */
const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** The canonical spelling of a well-formed tag (`en-US` for `EN-us`), or undefined. */
function canonical(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** Why `tag` is not a BCP 47 language tag as written, with the fix; undefined when it is one. */
export function languageTagProblem(tag: string): string | undefined {
  const c = canonical(tag.replace(/_/g, '-'));
  if (!c) return `"${tag}" is not a BCP 47 language tag (write a language such as "en", or a language and region such as "en-US")`;
  const primary = c.split('-')[0]!;
  if (primary.length > 3 || LANGUAGE_NAMES.of(primary) === undefined) {
    return `"${tag}": "${primary}" is not a known language subtag (write an ISO 639 language such as "en", "de" or "fr")`;
  }
  if (c !== tag) return `"${tag}" is not written as BCP 47 spells it: did you mean ${c}?`;
  return undefined;
}

/** Why `code` is not a known two-letter ISO 639-1 language (APIs that take only those); undefined when it is one. */
export function languageCodeProblem(code: string): string | undefined {
  if (!/^[a-z]{2}$/.test(code)) {
    const lower = code.split(/[-_]/)[0]!.toLowerCase();
    const hint = /^[a-z]{2}$/.test(lower) && LANGUAGE_NAMES.of(lower) ? `: did you mean ${lower}?` : ' (write one such as "en")';
    return `"${code}" is not a two-letter ISO 639-1 language code${hint}`;
  }
  return LANGUAGE_NAMES.of(code) === undefined ? `"${code}" is not a known ISO 639-1 language code (write one such as "en", "de" or "fr")` : undefined;
}

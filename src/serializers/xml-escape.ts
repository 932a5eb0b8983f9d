import { lastCallForLong } from '../util/last-call.js';
import { removeIllegalChars, untouchedBy } from './text-clean.js';

const NEEDS_ESCAPE = /[&<>"'\r]/;
const untouched = untouchedBy('&<>"\'\\r');
const ESCAPE = /[&<>"'\r]/g;
const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A raw CR would be normalised to LF by every XML parser; the reference keeps it.
  '\r': '&#13;',
};

/**
 * Text safe for XML element content and attribute values: illegal characters removed, markup
 * escaped. `>` is always escaped, so `]]>` can never appear in the output.
 */
export const escapeXml = lastCallForLong((text: string): string => {
  if (untouched(text)) return text;
  const clean = removeIllegalChars(text);
  return NEEDS_ESCAPE.test(clean) ? clean.replace(ESCAPE, (c) => ENTITIES[c]!) : clean;
});

/** XML 1.0 names restricted to what feed fields use (ASCII NCName); checked once per field name. */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const isXmlName = (name: string): boolean => NAME.test(name);

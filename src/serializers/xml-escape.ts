import { isWellFormed } from '../product/text.js';
import { lastCall } from '../util/last-call.js';
import { removeIllegalChars } from './text-clean.js';

const NEEDS_ESCAPE = /[&<>"'\r]/;
/** Markup to escape or a character XML forbids: one scan tells most values need neither. */
const NEEDS_WORK = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
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
export function escapeXml(text: string): string {
  return text.length >= LONG ? escapeLong(text) : escapeText(text);
}

/** Texts this long (descriptions) are often the last one again: the next variant, the next feed. */
const LONG = 128;

function escapeText(text: string): string {
  if (!NEEDS_WORK.test(text) && isWellFormed(text)) return text;
  const clean = removeIllegalChars(text);
  return NEEDS_ESCAPE.test(clean) ? clean.replace(ESCAPE, (c) => ENTITIES[c]!) : clean;
}

const escapeLong = lastCall(escapeText);

/** XML 1.0 names restricted to what feed fields use (ASCII NCName); checked once per field name. */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
export const isXmlName = (name: string): boolean => NAME.test(name);

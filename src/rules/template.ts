import type { Product } from '../product/product.js';
import { fieldDisplay, fieldProblem } from './fields.js';

/** A parsed template: literal text and `{field}` placeholders, in order. */
export type TemplatePart = string | { field: string };

/**
 * Parses `"{brand} {title} - {color}"`. `{{` and `}}` stand for literal braces. Throws an Error
 * whose message names the first unknown field or the unbalanced brace.
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if ((c === '{' || c === '}') && text[i + 1] === c) {
      literal += c;
      i++;
    } else if (c === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) throw new Error(`unclosed "{" at character ${i + 1} (write {{ for a literal brace)`);
      const field = text.slice(i + 1, end).trim();
      const problem = fieldProblem(field);
      if (problem) throw new Error(`{${field}}: ${problem}`);
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ field });
      i = end;
    } else if (c === '}') {
      throw new Error(`unmatched "}" at character ${i + 1} (write }} for a literal brace)`);
    } else literal += c;
  }
  if (literal) parts.push(literal);
  return parts;
}

// Where a placeholder rendered empty; removed before the result is returned.
const HOLE = '\u0000';
const SEPARATOR = '\\s\\-\u2013\u2014|/,;:\u00b7\u2022';
// A stretch of spaces and separators around at least one hole.
const AROUND_HOLE = new RegExp(`[${SEPARATOR}${HOLE}]*${HOLE}[${SEPARATOR}${HOLE}]*`, 'gu');
const EMPTY_BRACKETS = new RegExp(`\\s*(?:\\([\\s${HOLE}]*\\)|\\[[\\s${HOLE}]*\\])`, 'gu');
const PIECE = new RegExp(`\\s*[${SEPARATOR.replace('\\s', '')}]+\\s*`, 'gu');

/**
 * Renders a template. A missing or empty field renders empty, and the separators it leaves
 * dangling are collapsed, so `"{brand} {title} - {color}"` gives `Acme Shirt` without a color and
 * `Shirt - Red` without a brand. Precisely: around each empty placeholder, the stretch of spaces
 * and separator characters (- – — | / , ; : · •) is reduced to its last separator with one space
 * on each side where the stretch had one (or to one space when it holds no separator); such a stretch at the
 * start or the end of the result is dropped, and so are brackets left empty, `()` and `[]`.
 * Text around present values is never changed.
 */
export function renderTemplate(parts: readonly TemplatePart[], product: Product): string {
  let out = '';
  for (const p of parts) out += typeof p === 'string' ? p : fieldDisplay(product, p.field) || HOLE;
  if (!out.includes(HOLE)) return out;
  out = out.replace(EMPTY_BRACKETS, HOLE);
  out = out.replace(AROUND_HOLE, (run, offset: number) => {
    if (offset === 0 || offset + run.length === out.length) return '';
    const pieces = run.match(PIECE);
    if (!pieces) return ' ';
    return `${/^\s/.test(run) ? ' ' : ''}${pieces[pieces.length - 1]!.trim()}${/\s$/.test(run) ? ' ' : ''}`;
  });
  return out.replaceAll(HOLE, '');
}

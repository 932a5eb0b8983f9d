import { decodeHTML } from 'entities';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldNewlines, htmlToText, looksLikeHtml } from '../../../src/util/html-to-text.js';
import { lastCall, lastCall2 } from '../../../src/util/last-call.js';
import { firstSentences, isSpace } from '../../../src/util/sentences.js';

/**
 * The hand-written scans that replaced regexes on the per-item path, checked against the regexes
 * they replaced (kept here as the reference) over generated text.
 */

const reference = {
  looksLikeHtml: (text: string): boolean => /<[A-Za-z!/]|&[#A-Za-z0-9]+;/.test(text),
  htmlToText(html: string): string {
    if (!reference.looksLikeHtml(html)) return html;
    const text = html
      .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t]*\n[ \t]*/g, ' ')
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<li\b[^>]*>/gi, '\n- ')
      .replace(/<\/?(?:p|div|h[1-6]|ul|ol|table|tr|blockquote|section|article|header|footer|pre)\b[^>]*>/gi, '\n\n')
      .replace(/<\/?[A-Za-z][^>]*>|<!--[\s\S]*?-->/g, '');
    return decodeHTML(text)
      .replace(/\u00a0/g, ' ')
      .replace(/[ \t]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  },
  sentences(description: string): string[] {
    const sentences = description.replace(/\s+/g, ' ').split(/(?<=[.!?])(?=\s)/);
    return sentences.map((s) => s.trim()).filter((s) => s.length >= 3).slice(0, 5);
  },
};

/** Text made of the pieces the scans and the regexes disagree on if anything is off. */
const HTML_PIECES = [
  '<', '>', '</', '<!', '<!--', '-->', '-', '/', '&', ';', '#', '&amp;', '&lt;b&gt;', '&nbsp;', '&#39;', '&#x27;', '&#10;', '&#1;', '&eacute', '&_x;', '&9;',
  'p', 'P', 'b', 'br', 'BR', 'li', 'Li', 'div', 'h1', 'h7', 'ul', 'ol', 'tr', 'table', 'pre', 'prex', 'blockquote', 'script', 'Style', 'template', 'x', '_', '1',
  '<p>', '</p>', '<P class="a">', '<br>', '<br/>', '<br />', '<BR\t/>', '<br\u00a0>', '<brx>', '<li>', '<li class=x>', '<lix>', '<div>', '</DIV >', '<h2>', '<h7>',
  '<b>', '</b>', '<i>', '<a href="x">', '<script>', '</script>', '<script type="x">alert(1)</script >', '<style>p{}</style>', '<template>t</template>', '</ScRiPt>',
  ' ', '  ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u2028', '\u3000', '\ufeff', '\u000b', '.', '!', '?', '...', '?!', 'é', '日本', '😀', '\ud800', '\udc00', 'word',
];
const htmlText = fc.array(fc.constantFrom(...HTML_PIECES), { maxLength: 60 }).map((parts) => parts.join(''));
/** Any UTF-16 code units, lone surrogates included. */
const codeUnits = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 40 }).map((units) => String.fromCharCode(...units));
const anyText = fc.oneof(htmlText, codeUnits, fc.string({ maxLength: 80 }));
const RUNS = { numRuns: 3000 };

describe('html-to-text scans (property: same as the regexes they replaced)', () => {
  it('looksLikeHtml', () => {
    fc.assert(fc.property(anyText, (t) => {
          expect(looksLikeHtml(t)).toBe(reference.looksLikeHtml(t));
        }), RUNS);
  });

  it('htmlToText', () => {
    fc.assert(fc.property(anyText, (t) => {
          expect(htmlToText(t)).toBe(reference.htmlToText(t));
        }), RUNS);
  });

  it('htmlToText on text whose tags stand apart (read in one scan, not pass by pass)', () => {
    const apart = HTML_PIECES.filter((piece) => !/<!|script|style|template/i.test(piece));
    const tagText = fc.array(fc.constantFrom(...apart), { maxLength: 60 }).map((parts) => parts.join(''));
    fc.assert(fc.property(tagText, (t) => {
          expect(htmlToText(t)).toBe(reference.htmlToText(t));
        }), RUNS);
  });

  it('htmlToText on the same text twice in a row, and after another text (the memo)', () => {
    fc.assert(
      fc.property(htmlText, htmlText, (a, b) => {
        expect([htmlToText(a), htmlToText(a), htmlToText(b), htmlToText(a)]).toEqual([a, a, b, a].map(reference.htmlToText));
      }),
      { numRuns: 500 },
    );
  });

  it('foldNewlines with and without tabs', () => {
    const pads = fc.array(fc.constantFrom(' ', '\t', '\n', 'a', '\r', '  '), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(pads, (t) => {
        expect(foldNewlines(t, true, ' ')).toBe(t.replace(/[ \t]*\n[ \t]*/g, ' '));
        expect(foldNewlines(t, false, '\n')).toBe(t.replace(/ *\n */g, '\n'));
      }),
      RUNS,
    );
  });

  it('keeps the documented conversions', () => {
    expect(htmlToText('<p>Soft <b>organic</b> cotton.</p><p>Made &amp; dyed.</p>')).toBe('Soft organic cotton.\n\nMade & dyed.');
    expect(htmlToText('a<<script>x</script>br>b')).toBe('a\nb');
    expect(htmlToText('<ul><li>One<li>Two</ul>')).toBe('- One\n- Two');
    expect(htmlToText('&lt;b&gt; stays text')).toBe('<b> stays text');
  });
});

describe('firstSentences (property: same as splitting after every mark that white space follows)', () => {
  const sentenceText = fc
    .array(fc.constantFrom('.', '!', '?', '..', ' ', '  ', '\n', '\t', '\u00a0', '\u2029', 'ab', 'x', '3.5', 'e.g.', 'Mr.', 'é', '😀', '日本'), { maxLength: 50 })
    .map((p) => p.join(''));

  it('gives the first five sentences of at least three characters', () => {
    fc.assert(fc.property(fc.oneof(sentenceText, codeUnits), (t) => {
          expect(firstSentences(t, 5, 3)).toEqual(reference.sentences(t));
        }), RUNS);
  });

  it('keeps a mark that a word follows inside its sentence', () => {
    expect(firstSentences('Fits 3.5 inch drives. Holds 0.3l, e.g.water!  Done', 5, 3)).toEqual(['Fits 3.5 inch drives.', 'Holds 0.3l, e.g.water!', 'Done']);
  });

  it('isSpace is \\s for every UTF-16 code unit', () => {
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c) !== /\s/.test(String.fromCharCode(c))) expect.fail(`code unit ${c.toString(16)}`);
  });
});

describe('lastCall memos', () => {
  it('recompute for a new argument and repeat the last result for the same one', () => {
    let calls = 0;
    const f = lastCall((s: string | undefined) => `${++calls}:${s}`);
    expect([f(undefined), f(undefined), f('a'), f('a'), f(undefined)]).toEqual(['1:undefined', '1:undefined', '2:a', '2:a', '3:undefined']);
    const g = lastCall2((a: string, b: string) => `${++calls}:${a}${b}`);
    expect([g('a', 'b'), g('a', 'b'), g('a', 'c'), g('b', 'c')]).toEqual(['4:ab', '4:ab', '5:ac', '6:bc']);
  });
});

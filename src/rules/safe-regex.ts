/**
 * Regular expressions in rules run against every product of every feed, so a pattern with
 * exponential backtracking (`(a+)+$` on "aaaa…!") would hang a run. JavaScript has no linear-time
 * engine, so patterns are checked before use and refused when they contain one of the shapes that
 * cause super-linear backtracking:
 *
 * - nested quantifiers (star height above 1): a quantified group whose body holds another
 *   quantifier, such as `(a+)+`, `(\w*)*`, `(?:a|b+){2,}`: the engine can split a run of input
 *   among the inner and the outer repetition in exponentially many ways;
 * - overlapping alternatives under a quantifier: `(a|a)*`, `(\w|\d)+`, `(ab|a)*`, or an
 *   alternative that can match the empty string, where two branches can consume the same
 *   character and the engine tries both at every step;
 * - two unbounded quantifiers over overlapping characters with nothing between them that the
 *   first cannot also match, such as `\d+\d+x`, `\w+\s*\w+` or `.*foo.*bar`: polynomial
 *   backtracking, O(n³) per search, seconds to minutes on a 2,000-character description
 *   (`^\d+-\d+$` and `\w+\s+\w+` are fine: the separator stops the first repetition);
 * - backreferences (`\1`, `\k<name>`), which make matching NP-hard in general;
 * - patterns longer than MAX_PATTERN_LENGTH characters.
 *
 * The check is conservative: a few harmless patterns are refused too, and the message says how
 * to write them (usually by removing the outer quantifier or merging the alternatives).
 */
export const MAX_PATTERN_LENGTH = 256;

interface Atom {
  /** Source text of the atom, for the overlap probe. */
  source: string;
  /** Alternatives of a group (each a sequence of terms); absent for plain atoms. */
  alternatives?: Term[][];
  /** Lookaround groups match no characters. */
  lookaround?: boolean;
}

interface Term {
  atom: Atom;
  /** The quantifier may repeat the atom more than once (*, +, {2,}, {1,5}...). */
  repeats: boolean;
  /** The quantifier allows zero repetitions (*, ?, {0,n}). */
  optional: boolean;
  /** The quantifier has no upper bound (*, +, {n,}). */
  unbounded: boolean;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  parse(): Term[][] {
    const alts = this.alternatives();
    if (this.i < this.s.length) throw new SyntaxError('unbalanced parenthesis');
    return alts;
  }

  private alternatives(): Term[][] {
    const alts: Term[][] = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts;
  }

  private sequence(): Term[] {
    const terms: Term[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && this.s[this.i] !== ')') {
      const start = this.i;
      const atom = this.atom();
      if (!atom) continue;
      atom.source ||= this.s.slice(start, this.i);
      terms.push({ atom, ...this.quantifier() });
    }
    return terms;
  }

  private atom(): Atom | undefined {
    const c = this.s[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') {
      this.skipClass();
      return { source: '' };
    }
    if (c === '\\') {
      const next = this.s[this.i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') throw new UnsafePattern('it uses a backreference (\\1, \\k<name>), which can take exponential time');
      this.i += 2;
      if (next === 'b' || next === 'B') return { source: `\\${next}`, lookaround: true };
      if (/[pPu]/.test(next) && this.s[this.i] === '{') this.i = this.s.indexOf('}', this.i) + 1 || this.s.length;
      else if (next === 'x') this.i += 2;
      else if (next === 'u') this.i += 4;
      return { source: '' };
    }
    this.i++;
    // Anchors match no characters; they are atoms the probe treats as matching nothing.
    if (c === '^' || c === '$') return { source: c, lookaround: true };
    return { source: '' };
  }

  private group(): Atom {
    const start = this.i;
    this.i++;
    let lookaround = false;
    if (this.s[this.i] === '?') {
      const head = this.s.slice(this.i, this.i + 3);
      lookaround = /^\?(?:[=!]|<[=!])/.test(head);
      if (head.startsWith('?<') && !lookaround) this.i = this.s.indexOf('>', this.i) + 1;
      else this.i += lookaround && head[1] === '<' ? 3 : 2;
    }
    const alternatives = this.alternatives();
    if (this.s[this.i] !== ')') throw new SyntaxError('unterminated group');
    this.i++;
    return { source: this.s.slice(start, this.i), alternatives, lookaround };
  }

  private skipClass(): void {
    this.i++;
    if (this.s[this.i] === '^') this.i++;
    // In JavaScript `[]` is an empty class and `[^]` any character: a `]` right away closes it.
    while (this.i < this.s.length && this.s[this.i] !== ']') this.i += this.s[this.i] === '\\' ? 2 : 1;
    this.i++;
  }

  private quantifier(): { repeats: boolean; optional: boolean; unbounded: boolean } {
    const c = this.s[this.i];
    let q = { repeats: false, optional: false, unbounded: false };
    if (c === '*') q = { repeats: true, optional: true, unbounded: true };
    else if (c === '+') q = { repeats: true, optional: false, unbounded: true };
    else if (c === '?') q = { repeats: false, optional: true, unbounded: false };
    else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return q;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      this.i += m[0].length - 1;
      q = { repeats: max > 1, optional: min === 0, unbounded: max === Infinity };
    } else return q;
    this.i++;
    if (this.s[this.i] === '?') this.i++;
    return q;
  }
}

export class UnsafePattern extends Error {}

const hasQuantifier = (alts: Term[][]): boolean =>
  alts.some((seq) => seq.some((t) => t.repeats || t.optional || (t.atom.alternatives ? hasQuantifier(t.atom.alternatives) : false)));

const canBeEmpty = (seq: Term[]): boolean =>
  seq.every((t) => t.optional || t.atom.lookaround || (t.atom.alternatives ? t.atom.alternatives.some(canBeEmpty) : false));

// Characters the overlap probe tries: printable ASCII and a few letters beyond it.
const PROBE = [...Array.from({ length: 95 }, (_, k) => String.fromCharCode(32 + k)), 'é', 'ß', 'İ', 'ς', 'Ж', '中', '\n', '\t'];

function atomChars(source: string, flags: string): Set<string> {
  try {
    const re = new RegExp(`^(?:${source})`, flags);
    return new Set(PROBE.filter((ch) => re.test(ch)));
  } catch {
    return new Set(PROBE); // an atom that does not compile alone: assume it can start with anything
  }
}

/** The probe characters an alternative can start with. */
function firstChars(seq: Term[], flags: string): Set<string> {
  const out = new Set<string>();
  for (const t of seq) {
    if (t.atom.lookaround) continue;
    const alts = t.atom.alternatives;
    const chars = alts ? alts.map((a) => firstChars(a, flags)) : [atomChars(t.atom.source, flags)];
    for (const set of chars) for (const ch of set) out.add(ch);
    if (!t.optional && !(alts && alts.some(canBeEmpty))) break;
  }
  return out;
}

/** Every probe character any atom inside the alternatives can match. */
function allChars(alts: Term[][], flags: string): Set<string> {
  const out = new Set<string>();
  for (const seq of alts) {
    for (const t of seq) {
      if (t.atom.lookaround) continue;
      const chars = t.atom.alternatives ? allChars(t.atom.alternatives, flags) : atomChars(t.atom.source, flags);
      for (const ch of chars) out.add(ch);
    }
  }
  return out;
}

/** The characters an unbounded repetition in the term runs over, or undefined when it has none. */
function unboundedChars(t: Term, flags: string): Set<string> | undefined {
  const inner = t.atom.alternatives;
  if (t.atom.lookaround) return undefined;
  if (t.unbounded) return inner ? allChars(inner, flags) : atomChars(t.atom.source, flags);
  if (!inner) return undefined;
  let out: Set<string> | undefined;
  for (const seq of inner) {
    for (const term of seq) {
      const chars = unboundedChars(term, flags);
      if (chars) out = new Set([...(out ?? []), ...chars]);
    }
  }
  return out;
}

const termCanBeEmpty = (t: Term): boolean => t.optional || !!t.atom.lookaround || (t.atom.alternatives ? t.atom.alternatives.some(canBeEmpty) : false);

const overlap = (a: Set<string>, b: Set<string>): string | undefined => [...a].find((ch) => b.has(ch));

/**
 * Two unbounded repetitions over shared characters, with nothing between them that the first one
 * could not also consume (only optional terms, or terms sharing its characters, as `foo` in
 * `.*foo.*`), can split a long input between them in O(n²) ways per start position.
 */
function checkAdjacent(seq: Term[], flags: string): void {
  const chars = seq.map((t) => unboundedChars(t, flags));
  for (let i = 0; i < seq.length; i++) {
    const a = chars[i];
    if (!a) continue;
    for (let j = i + 1; j < seq.length; j++) {
      const b = chars[j];
      const shared = b && overlap(a, b);
      if (shared !== undefined) {
        throw new UnsafePattern(
          `the repetitions of ${seq[i]!.atom.source} and ${seq[j]!.atom.source} can match the same characters (${JSON.stringify(shared)}) with nothing between them that the first cannot also match (polynomial backtracking); merge them or put a separator that neither matches between them`,
        );
      }
      const t = seq[j]!;
      const between = t.atom.alternatives ? allChars(t.atom.alternatives, flags) : atomChars(t.atom.source, flags);
      if (!termCanBeEmpty(t) && overlap(a, between) === undefined) break;
    }
  }
}

function checkTerms(alts: Term[][], flags: string): void {
  for (const seq of alts) {
    checkAdjacent(seq, flags);
    for (const t of seq) {
      const inner = t.atom.alternatives;
      if (!inner) continue;
      if (t.repeats && !t.atom.lookaround) {
        if (hasQuantifier(inner)) {
          throw new UnsafePattern(`the repeated group ${t.atom.source} contains another quantifier (nested quantifiers can take exponential time); remove the inner or the outer quantifier`);
        }
        if (inner.length > 1) {
          if (inner.some(canBeEmpty)) throw new UnsafePattern(`the repeated group ${t.atom.source} has an alternative that can match nothing`);
          const firsts = inner.map((seq2) => firstChars(seq2, flags));
          for (let a = 0; a < firsts.length; a++) {
            for (let b = a + 1; b < firsts.length; b++) {
              const shared = [...firsts[a]!].find((ch) => firsts[b]!.has(ch));
              if (shared !== undefined) {
                throw new UnsafePattern(`the repeated group ${t.atom.source} has alternatives that can both start with ${JSON.stringify(shared)} (overlapping alternatives can take exponential time); merge them into one character class or alternative`);
              }
            }
          }
        }
      }
      checkTerms(inner, flags);
    }
  }
}

/**
 * Compiles `pattern` after the backtracking check; throws UnsafePattern or SyntaxError with a
 * message fit for a config error. Always compiles in unicode mode (`u`) so that `.` and classes
 * see whole code points.
 */
export function compileSafeRegex(pattern: string, options: { ignoreCase?: boolean; global?: boolean } = {}): RegExp {
  if (pattern.length > MAX_PATTERN_LENGTH) throw new UnsafePattern(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  const flags = `u${options.ignoreCase ? 'i' : ''}`;
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags + (options.global ? 'g' : ''));
  } catch (e) {
    throw new SyntaxError(`not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  checkTerms(new Parser(pattern).parse(), flags);
  return re;
}

/** The reason `pattern` is refused, or undefined when it is safe to use. */
export function regexProblem(pattern: string, ignoreCase = false): string | undefined {
  try {
    compileSafeRegex(pattern, { ignoreCase });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

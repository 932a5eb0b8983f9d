import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSafeRegex, MAX_PATTERN_LENGTH, regexProblem } from '../../src/rules/safe-regex.js';

describe('regular expression check', () => {
  it.each([
    ['(a+)+$', 'contains another quantifier'],
    ['(a*)*b', 'contains another quantifier'],
    ['^(\\w+\\s?)*$', 'contains another quantifier'],
    ['(?:a|b+){2,}', 'contains another quantifier'],
    ['((ab)*c)+', 'contains another quantifier'],
    ['(x{1,5}){1,5}', 'contains another quantifier'],
    ['[](a+)+', 'contains another quantifier'],
    ['[^](a+)+', 'contains another quantifier'],
    ['[\\]](a+)+', 'contains another quantifier'],
    ['(a|a)*', 'can both start with "a"'],
    ['(ab|a)+c', 'can both start with "a"'],
    ['(\\w|\\d)+$', 'can both start with "0"'],
    ['(.|x)*', 'can both start with'],
    ['(a|)*', 'can match nothing'],
    ['\\d+\\d+x', 'the repetitions of \\d and \\d can match the same characters ("0")'],
    ['.*.*x', 'the repetitions of . and . can match the same characters'],
    ['\\w+\\s*\\w+!', 'the repetitions of \\w and \\w can match'],
    ['(\\d+)?\\d+$', 'can match the same characters'],
    ['.*foo.*bar', 'the repetitions of . and . can match the same characters'],
    ['(a)\\1', 'backreference'],
    ['(?<w>a)\\k<w>', 'backreference'],
    ['x'.repeat(MAX_PATTERN_LENGTH + 1), `longer than ${MAX_PATTERN_LENGTH}`],
    ['(unclosed', 'not a valid regular expression'],
  ])('refuses %s', (pattern, reason) => {
    expect(regexProblem(pattern)).toContain(reason);
    expect(() => compileSafeRegex(pattern)).toThrow();
  });

  it('overlap is checked case-insensitively when the match ignores case', () => {
    expect(regexProblem('(a|B)+')).toBeUndefined();
    expect(regexProblem('(a|A)+', true)).toContain('can both start with');
  });

  it.each(['^[A-Z]{2}-\\d+$', '(ab|cd)+', '\\bred\\b', 'shirt|blouse', '(?:foo)+bar', '^(\\d{3})-(\\d{4})$', '(?<size>\\d+)\\s*cm', '(a|b)?c', '\\p{L}+', '[(|)]+', '(?=.*x)y', '\\w+\\s+\\w+', '\\s*,\\s*', '^\\d+-\\d+$', '\\s*\\S+'])('accepts %s', (pattern) => {
    expect(regexProblem(pattern)).toBeUndefined();
    expect(compileSafeRegex(pattern)).toBeInstanceOf(RegExp);
  });

  it('never throws anything but its own refusals, on any pattern', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '(', ')', '|', '*', '+', '?', '{', '}', '1', ',', '\\', '[', ']', '^', '$', '.', '<', '=', '!', 'k', 'd', 'p'), maxLength: 20 }), (pattern) => {
        const problem = regexProblem(pattern);
        expect(problem === undefined || typeof problem === 'string').toBe(true);
        if (problem === undefined) expect(compileSafeRegex(pattern)).toBeInstanceOf(RegExp);
      }),
      { numRuns: 2000 },
    );
  });

  it('compiles in unicode mode', () => {
    expect(compileSafeRegex('^.$').test('😀')).toBe(true);
  });
});

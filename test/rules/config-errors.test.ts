import { describe, expect, it } from 'vitest';
import { ShelfcastError } from '../../src/issues/issue.js';
import { compileRules } from '../../src/rules/engine.js';
import type { RuleInput } from '../../src/rules/schema.js';
import { BASE_DIR } from './product-fixture.js';

const compile = (rules: unknown[], file = 'feeds/meta.yaml'): (() => unknown) => () => compileRules(rules as RuleInput[], file, { baseDir: BASE_DIR });

function messageOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShelfcastError);
    return (e as Error).message;
  }
  throw new Error('expected a ShelfcastError');
}

const ok = { set: { field: 'custom_label_0', value: 'x' } };

describe('rule config errors name the file and the dot path', () => {
  it('unknown field with a suggestion', () => {
    const rules = [ok, ok, ok, { if: { field: 'colour', equals: 'red' }, set: { field: 'custom_label_1', value: 'red' } }];
    expect(messageOf(compile(rules))).toBe('feeds/meta.yaml: rules[3].if.field: unknown field "colour" (did you mean "color"?)');
  });

  it.each<[string, unknown, string]>([
    ['unknown field without a close match', { exclude: { field: 'wibble', empty: true } }, 'feeds/meta.yaml: rules[0].exclude.field: unknown field "wibble" (fields: the catalog fields such as title, price, brand, or extra.<column>)'],
    ['extra without a column', { exclude: { field: 'extra.', empty: true } }, 'feeds/meta.yaml: rules[0].exclude.field: "extra." needs a column name, such as extra.cost'],
    ['nested condition', { include: { all: [{ field: 'brand', empty: false }, { not: { field: 'titel', equals: 'x' } }] } }, 'feeds/meta.yaml: rules[0].include.all[1].not.field: unknown field "titel" (did you mean "title"?)'],
    ['condition without operator', { exclude: { field: 'brand' } }, 'feeds/meta.yaml: rules[0].exclude.field: no operator for "brand": add one of equals'],
    ['condition mixing all and field', { exclude: { all: [{ field: 'brand', empty: true }], field: 'brand', empty: true } }, 'feeds/meta.yaml: rules[0].exclude: a condition is one of all:, any:, not:, or field: with operators'],
    ['unknown operator', { exclude: { field: 'brand', equal: 'x' } }, 'feeds/meta.yaml: rules[0].exclude: unknown key "equal"'],
    ['gt that is not a number', { exclude: { field: 'price', gt: 'cheap' } }, 'feeds/meta.yaml: rules[0].exclude.gt: expected a number such as 20 or 19.99'],
    ['unsafe regular expression', { exclude: { field: 'title', matches: '(a+)+$' } }, 'feeds/meta.yaml: rules[0].exclude.matches: regular expression refused: the repeated group (a+) contains another quantifier'],
    ['unsafe regex in replace', { replace: { field: 'title', find: '(\\w|\\d)+', regex: true } }, 'feeds/meta.yaml: rules[0].replace.find: regular expression refused: the repeated group'],
    ['two actions', { set: { field: 'title', value: 'x' }, append: { field: 'title', value: 'y' } }, 'feeds/meta.yaml: rules[0]: a rule has one action, this one has set and append: make them separate rules'],
    ['no action', { name: 'nothing' }, 'feeds/meta.yaml: rules[0]: a rule needs one action: include, exclude, set'],
    ['if on a filter', { if: { field: 'brand', empty: true }, exclude: { field: 'title', empty: true } }, 'feeds/meta.yaml: rules[0].if: a filter takes no if: put the whole condition in exclude: (with all: [...])'],
    ['set without value or from', { set: { field: 'title' } }, 'feeds/meta.yaml: rules[0].set: give either value: or from:'],
    ['a list into a single-value field', { set: { field: 'title', value: ['a', 'b'] } }, 'feeds/meta.yaml: rules[0].set.value: this field holds one value: give a text, not a list'],
    ['writing shipping', { set: { field: 'shipping', value: 'US::Standard:5 USD' } }, 'feeds/meta.yaml: rules[0].set.field: field "shipping" cannot be written by rules'],
    ['template with an unknown field', { template: { field: 'title', value: '{brand} {colr}' } }, 'feeds/meta.yaml: rules[0].template.value: {colr}: unknown field "colr" (did you mean "color"?)'],
    ['template with an unclosed brace', { template: { field: 'title', value: '{brand' } }, 'feeds/meta.yaml: rules[0].template.value: unclosed "{" at character 1'],
    ['round to a bad ending', { round: { field: 'price', to: '1.5' } }, 'feeds/meta.yaml: rules[0].round.to: expected "whole" or an ending such as 0.99; got "1.5"'],
    ['round a text field', { round: { field: 'title', to: 'whole' } }, 'feeds/meta.yaml: rules[0].round.field: '],
    ['split into one value without index', { split: { field: 'color', separator: '/' } }, 'feeds/meta.yaml: rules[0].split.index: "color" holds one value: give index: (0 = first part, -1 = last)'],
    ['bad currency', { convert: { field: 'price', from: 'EUR', to: 'XYZ', rate: 1 } }, 'feeds/meta.yaml: rules[0].convert.to: "XYZ" is not an ISO 4217 currency code (write an upper-case code such as "USD", "EUR" or "GBP")'],
    ['bad locale', { case: { field: 'title', to: 'upper', locale: 'not a locale' } }, 'feeds/meta.yaml: rules[0].case.locale: not a BCP 47 locale'],
    ['lookup without a table', { lookup: { field: 'color' } }, 'feeds/meta.yaml: rules[0].lookup: give either table: or file:'],
    ['lookup file missing', { lookup: { field: 'color', file: 'tables/none.csv' } }, 'feeds/meta.yaml: rules[0].lookup.file: cannot read tables/none.csv: ENOENT (the path is relative to the feed file)'],
    ['unknown category id', { categories: { file: 'categories/bad-id.csv' } }, 'feeds/meta.yaml: rules[0].categories.file: categories/bad-id.csv line 3: unknown or retired Google product category id 999999 for "Men > Shirts" (not in the Google taxonomy 2021-09-21; run `shelfcast categories suggest` for candidates)'],
    ['unknown category path', { categories: { file: 'categories/bad-path.csv' } }, 'feeds/meta.yaml: rules[0].categories.file: categories/bad-path.csv line 2: unknown Google product category "Apparel > Nonsense" for "Men > Shirts"'],
  ])('%s', (_name, rule, message) => {
    expect(messageOf(compile([rule]))).toContain(message);
  });

  it('reports every problem, one line each', () => {
    const lines = messageOf(compile([{ exclude: { field: 'colour', empty: true } }, ok, { set: { field: 'sizee', value: 'M' } }])).split('\n');
    expect(lines).toEqual([
      'feeds/meta.yaml: rules[0].exclude.field: unknown field "colour" (did you mean "color"?)',
      'feeds/meta.yaml: rules[2].set.field: unknown field "sizee" (did you mean "size"?)',
    ]);
  });
});

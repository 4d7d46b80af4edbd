import { readFileSync } from 'fs';
import { join } from 'path';
import * as limits from '../src/limits';

// limits.ts holds plain constants; what holds them to their numbers is the boundary tests of the checks
// that use them (limit-checks, spf, validation, the command). Here: the house rule that each limit is
// written once, with its source beside it, and is a plain positive whole number.

const SOURCE = readFileSync(join(__dirname, '..', 'src', 'limits.ts'), 'utf8');
const SOURCE_WORDS = /RFC \d+|Route53|CloudFormation|SES|Amazon|AWS/;

/** Each `export const NAME =` with the comments between it and the declaration before it. */
function declarations(): Array<[string, string]> {
  const found = [...SOURCE.matchAll(/export const (\w+) =[^\n]*\n/g)];
  return found.map((m, i) => [m[1], SOURCE.slice(i === 0 ? 0 : found[i - 1].index! + found[i - 1][0].length, m.index)]);
}

test('every export of limits.ts is a positive whole number', () => {
  const bad = Object.entries(limits).filter(([, v]) => !(typeof v === 'number' && Number.isInteger(v) && v > 0)).map(([k]) => k);
  expect(bad).toEqual([]);
  expect(Object.keys(limits).sort()).toEqual(declarations().map(([name]) => name).sort());
});

test.each(declarations())('%s has its source in the comment beside it', (_, comment) => {
  expect(comment).toMatch(SOURCE_WORDS);
});

test('no two limits have the same name and number written twice', () => {
  const names = declarations().map(([name]) => name);
  expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
});

import { Token } from 'aws-cdk-lib';
import {
  checkConstruct, checkKind, checkKnownKeys, checkOneOf, checkOptions, checkPrintableAscii, describeValue,
  enumListOf, enumValues, knownKeys, listOf, optionalBoolean, optionalString,
} from '../src/validation';

// The option, kind and list checks of src/validation.ts, called directly (names, numbers and times:
// validation.test.ts; the synth-time catalogue through the construct: synth-checks.test.ts).

const token = Token.asString({ Ref: 'Name' });
const numberToken = Token.asNumber({ Ref: 'Number' });
const listToken = Token.asList({ Ref: 'List' });

enum Color { RED = 'red', GREEN = 'GREEN', BLUE = 'blue' }
const COLORS = enumValues('Color', Color);

describe('enumValues, checkOneOf and enumListOf', () => {
  test('enumValues keeps the string members less the excepted ones', () => {
    expect(COLORS).toEqual({ enumName: 'Color', members: { RED: 'red', GREEN: 'GREEN', BLUE: 'blue' } });
    expect(enumValues('Mixed', { A: 'a', B: 'b', N: 1 }, ['b'])).toEqual({ enumName: 'Mixed', members: { A: 'a' } });
  });

  test.each([
    ['undefined', undefined],
    ['a member', 'red'],
    ['a member named as its value', 'GREEN'],
    ['a string token', token],
  ])('checkOneOf accepts %s', (_, value) => {
    expect(() => checkOneOf('color', value, COLORS)).not.toThrow();
    expect(() => checkOneOf('color', value, ['red', 'GREEN', 'blue'])).not.toThrow();
  });

  test('checkOneOf refuses a number token: only a string can be a member', () => {
    expect(() => checkOneOf('color', numberToken, COLORS)).toThrow(new Error(`color must be one of Color.RED ('red'), Color.GREEN, Color.BLUE ('blue'), got number ${JSON.stringify(numberToken)}`));
  });

  test.each([
    ['Red', "'Red'"],
    ['', "''"],
    [5, 'number 5'],
    [null, 'null'],
    [{}, 'an object of class Object'],
  ])('checkOneOf refuses %j', (value, got) => {
    expect(() => checkOneOf('color', value, COLORS)).toThrow(new Error(`color must be one of Color.RED ('red'), Color.GREEN, Color.BLUE ('blue'), got ${got}`));
    expect(() => checkOneOf('color', value, ['red', 'blue'])).toThrow(new Error(`color must be one of red, blue, got ${got}`));
  });

  test('enumListOf returns the list itself, or an empty one', () => {
    const colors = [Color.RED, Color.BLUE];
    expect(enumListOf('colors', colors, COLORS)).toBe(colors);
    expect(enumListOf('colors', undefined, COLORS)).toEqual([]);
    expect(enumListOf('colors', [token as Color], COLORS)).toEqual([token]);
  });

  test.each([
    ['a stray entry', [Color.RED, 'pink'], "colors[1] must be one of Color.RED ('red'), Color.GREEN, Color.BLUE ('blue'), got 'pink'"],
    ['an undefined entry', [undefined], "colors[0] must be one of Color.RED ('red'), Color.GREEN, Color.BLUE ('blue'), got undefined"],
    ['a string', 'red', 'colors must be a list of Color members, got string "red"'],
    ['a list token', listToken, 'colors must be a literal list (its entries may be tokens), got an unresolved list token'],
  ])('enumListOf refuses %s', (_, values, message) => {
    expect(() => enumListOf('colors', values as any, COLORS)).toThrow(message);
  });
});

describe('listOf', () => {
  test('returns the list itself, or an empty one', () => {
    const values = ['a', token];
    expect(listOf('include', values)).toBe(values);
    expect(listOf('include', undefined)).toEqual([]);
    expect(listOf('include', [])).toEqual([]);
  });

  test.each([
    ['a number entry', ['a', 2], 'include[1] must be a string, got number 2'],
    ['a null entry', [null], 'include[0] must be a string, got null'],
    ['a string', 'a', 'include must be a list of strings, got string "a"'],
    ['an object', { length: 0 }, 'include must be a list of strings, got an object of class Object'],
    ['a list token', listToken, 'include must be a literal list (its entries may be tokens), got an unresolved list token'],
  ])('refuses %s', (_, values, message) => {
    expect(() => listOf('include', values as any)).toThrow(message);
  });
});

describe('checkOptions', () => {
  test.each([
    [undefined, false],
    [{}, false],
    [{}, true],
    [{ all: '-all' }, true],
  ])('accepts %j (required: %s)', (value, required) => {
    expect(() => checkOptions('Spf.publish()', value, '{ all: SpfAll.FAIL }', required)).not.toThrow();
  });

  test.each([
    [undefined, true, 'undefined'],
    [null, false, 'null'],
    [[], false, 'a list'],
    ['x', false, 'string "x"'],
    [3, false, 'number 3'],
  ])('refuses %j (required: %s)', (value, required, got) => {
    expect(() => checkOptions('Spf.publish()', value, '{ all: SpfAll.FAIL }', required))
      .toThrow(new Error(`Spf.publish() takes an options object such as { all: SpfAll.FAIL }, got ${got}`));
  });

  test('options are optional unless required', () => {
    expect(() => checkOptions('Spf.publish()', undefined, '{}')).not.toThrow();
  });
});

describe('optionalString, optionalBoolean, checkKind', () => {
  test('optionalString returns undefined or the string', () => {
    expect(optionalString('selector', undefined, "'s1'")).toBeUndefined();
    expect(optionalString('selector', 's1', "'s1'")).toBe('s1');
    expect(optionalString('selector', token, "'s1'")).toBe(token);
    expect(() => optionalString('selector', 1, "'s1'")).toThrow(new Error("selector must be a string such as 's1', got number 1"));
    expect(() => optionalString('selector', null, "'s1'")).toThrow(new Error("selector must be a string such as 's1', got null"));
  });

  test('optionalBoolean returns undefined, true or false', () => {
    expect(optionalBoolean('flag', undefined)).toBeUndefined();
    expect(optionalBoolean('flag', true)).toBe(true);
    expect(optionalBoolean('flag', false)).toBe(false);
    expect(() => optionalBoolean('flag', 'true')).toThrow(new Error('flag must be true or false, got string "true"'));
    expect(() => optionalBoolean('flag', 0)).toThrow(new Error('flag must be true or false, got number 0'));
  });

  test('checkKind throws only when not ok', () => {
    expect(() => checkKind('p', 1, true, 'a number')).not.toThrow();
    expect(() => checkKind('p', 'x', false, 'a number')).toThrow(new Error('p must be a number, got string "x"'));
  });
});

describe('checkConstruct', () => {
  const expected = 'a route53.IHostedZone';
  test.each([
    [{ zoneName: 'example.com', hostedZoneId: 'Z1' }, ['zoneName', 'hostedZoneId']],
    [{ zoneName: 'example.com' }, []],
    [[], []],
  ])('accepts %j with string attributes %j', (value, attributes) => {
    expect(() => checkConstruct('hostedZone', value, attributes, expected)).not.toThrow();
  });

  test.each([
    [{ zoneName: 'example.com' }, ['zoneName', 'hostedZoneId'], 'an object of class Object'],
    [{ zoneName: 1, hostedZoneId: 'Z1' }, ['zoneName', 'hostedZoneId'], 'an object of class Object'],
    [null, [], 'null'],
    ['example.com', [], 'string "example.com"'],
  ])('refuses %j with string attributes %j', (value, attributes, got) => {
    expect(() => checkConstruct('hostedZone', value, attributes, expected)).toThrow(new Error(`hostedZone must be a route53.IHostedZone, got ${got}`));
  });
});

describe('checkPrintableAscii', () => {
  test.each(['', 'v=spf1 ~all', ' ~'])('accepts %j', (value) => {
    expect(() => checkPrintableAscii('spf', value)).not.toThrow();
  });
  test('accepts a token', () => {
    expect(() => checkPrintableAscii('spf', token)).not.toThrow();
  });
  test.each([
    ['a\tb', '"\\t" at 1'],
    ['é', '"é" at 0'],
    ['ok\x7f', '"\x7f" at 2'],
    ['x\x1f', '"\\u001f" at 1'],
  ])('refuses %j', (value, where) => {
    expect(() => checkPrintableAscii('spf', value)).toThrow(new Error(`spf must contain only printable ASCII characters, got '${value}' (character ${where})`));
  });
});

class Widget {}

test.each([
  [null, 'null'],
  [undefined, 'undefined'],
  [[1], 'a list'],
  [{}, 'an object of class Object'],
  [Object.create(null), 'an object of class Object'],
  [new Widget(), 'an object of class Widget'],
  [5, 'number 5'],
  ['x', 'string "x"'],
  [true, 'boolean true'],
])('describeValue(%j) is %s', (value, text) => {
  expect(describeValue(value)).toBe(text);
});

test('knownKeys lists the keys in order', () => {
  expect(knownKeys<{ a?: string; b: number }>({ a: true, b: true })).toEqual(['a', 'b']);
});

describe('checkKnownKeys', () => {
  const known = ['policy', 'rua', 'subdomainPolicy'];
  const options = 'Options: policy, rua, subdomainPolicy';

  test.each([
    [undefined],
    [null],
    ['policy'],
    [{}],
    [{ policy: 'reject', rua: [] }],
    [{ Policy: undefined }],
  ])('%j has no unknown key', (value) => {
    expect(checkKnownKeys('Dmarc.publish()', value, known)).toEqual([]);
    expect(checkKnownKeys('Dmarc.publish()', value, known, true)).toEqual([]);
  });

  test.each([
    ['Policy', 'policy'], // another case
    ['RUA', 'rua'], // another case, 3 letters
    ['polcy', 'policy'], // a letter dropped
    ['poliicy', 'policy'], // a letter added
    ['polixy', 'policy'], // a letter changed
    ['ploicy', 'policy'], // neighbours swapped
    ['oplciy', 'policy'], // two swaps
    ['pliy', 'policy'], // two letters dropped, 4 characters
    ['poli', 'policy'], // two letters dropped at the end
    ['SubdomainPolcys', 'subdomainPolicy'], // two edits, case ignored
  ])('%s is a near miss of %s', (key, meant) => {
    const message = `Dmarc.publish() has no option '${key}': did you mean '${meant}'? ${options}`;
    expect(() => checkKnownKeys('Dmarc.publish()', { [key]: 1 }, known)).toThrow(message);
    expect(() => checkKnownKeys('Dmarc.publish()', { [key]: 1 }, known, true)).toThrow(message);
  });

  test.each([
    ['ruf'], // 3 characters: only a case difference counts
    ['pxxxcy'], // three edits
    ['opilyc'], // three swaps
    ['ppil'], // four edits
    ['pppic'], // three edits
    ['ppoic'], // three edits
    ['polyp'], // three edits
    ['xyzpolicy'], // the prop is a suffix, three letters before it
    ['pol'], // short
    ['subdomain'],
  ])('%s is no near miss', (key) => {
    expect(() => checkKnownKeys('Dmarc.publish()', { [key]: 1 }, known)).toThrow(new Error(`Dmarc.publish() has no option '${key}'; options: policy, rua, subdomainPolicy`));
    expect(checkKnownKeys('Dmarc.publish()', { [key]: 1 }, known, true)).toEqual([key]);
  });

  test('4 characters are enough for an edit to count', () => {
    expect(() => checkKnownKeys('f()', { polx: 1 }, ['pole'])).toThrow(new Error("f() has no option 'polx': did you mean 'pole'? Options: pole"));
  });

  test('a prop that is a suffix of the key is no near miss', () => {
    expect(() => checkKnownKeys('f()', { abcd: 1 }, ['xyzabcd'])).toThrow(new Error("f() has no option 'abcd'; options: xyzabcd"));
  });

  test('an empty prop is no near miss of anything', () => {
    expect(() => checkKnownKeys('f()', { abcd: 1 }, [''])).toThrow(new Error("f() has no option 'abcd'; options: "));
  });

  test('the edits must be fewer than the letters of the prop', () => {
    expect(() => checkKnownKeys('f()', { abcd: 1 }, ['ab'])).toThrow(new Error("f() has no option 'abcd'; options: ab"));
    expect(() => checkKnownKeys('f()', { abcd: 1 }, ['abc'])).toThrow(new Error("f() has no option 'abcd': did you mean 'abc'? Options: abc"));
  });

  test('the closest prop is named, the first of equally close ones', () => {
    expect(() => checkKnownKeys('f()', { polic: 1 }, ['policyx', 'policy'])).toThrow(new Error("f() has no option 'polic': did you mean 'policy'? Options: policyx, policy"));
    expect(() => checkKnownKeys('f()', { abcx: 1 }, ['abcd', 'abce'])).toThrow(new Error("f() has no option 'abcx': did you mean 'abcd'? Options: abcd, abce"));
    expect(() => checkKnownKeys('f()', { abcx: 1 }, ['abce', 'abcd'])).toThrow(new Error("f() has no option 'abcx': did you mean 'abce'? Options: abce, abcd"));
  });

  test('several unknown keys are named together', () => {
    expect(() => checkKnownKeys('f()', { foo: 1, barbaz: 2, policy: 3 }, known))
      .toThrow(new Error("f() has no options 'foo', 'barbaz'; options: policy, rua, subdomainPolicy"));
    expect(checkKnownKeys('f()', { foo: 1, barbaz: 2, policy: 3 }, known, true)).toEqual(['foo', 'barbaz']);
  });
});

import { Duration, Token } from 'aws-cdk-lib';
import {
  checkConstruct, checkDuration, checkKind, checkKnownKeys, checkOneOf, checkOptions, checkPriority, checkPrintableAscii,
  describeValue, enumListOf, enumValues, isWithin, knownKeys, listOf, NameKind, normalizeDomainName, normalizeLabel,
  optionalBoolean, optionalString, secondsOf, wholeSeconds,
} from '../src/validation';

// The shared checks of src/validation.ts, called directly (the synth-time catalogue through the
// construct is test/validation.test.ts): each bad input's exact message, each boundary on both sides.

/** A name of exactly `length` characters: labels of 63 letters joined by dots, the last one shorter. */
function nameOfLength(length: number): string {
  const labels: string[] = [];
  let left = length;
  while (left > 0) {
    const size = Math.min(63, left);
    labels.push('a'.repeat(size));
    left -= size + 1;
  }
  const name = labels.join('.');
  expect(name).toHaveLength(length);
  return name;
}

const token = Token.asString({ Ref: 'Name' });
const numberToken = Token.asNumber({ Ref: 'Number' });
const listToken = Token.asList({ Ref: 'List' });

enum Color { RED = 'red', GREEN = 'GREEN', BLUE = 'blue' }
const COLORS = enumValues('Color', Color);

describe('normalizeDomainName', () => {
  test.each([
    ['Example.COM', 'example.com'],
    ['example.com.', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['a.b', 'a.b'],
    ['ab.x-y.example', 'ab.x-y.example'],
    [`${'a'.repeat(63)}.example`, `${'a'.repeat(63)}.example`],
    [`a${'-'.repeat(61)}a.example`, `a${'-'.repeat(61)}a.example`],
  ])('%s is normalized to %s', (value, name) => {
    expect(normalizeDomainName('domainName', value)).toBe(name);
  });

  test('a name of 253 characters is accepted, one of 254 is not', () => {
    expect(normalizeDomainName('domainName', nameOfLength(253))).toBe(nameOfLength(253));
    const long = nameOfLength(254);
    expect(() => normalizeDomainName('domainName', long)).toThrow(`domainName must be at most 253 characters long, got 254: '${long}'`);
  });

  test('the length is counted without the trailing dot', () => {
    expect(normalizeDomainName('domainName', `${nameOfLength(253)}.`)).toBe(nameOfLength(253));
  });

  test('an unresolved token is returned unchanged', () => {
    expect(normalizeDomainName('domainName', token)).toBe(token);
    expect(normalizeDomainName('domainName', token, NameKind.DNS)).toBe(token);
  });

  test.each([
    ['', "domainName must be a domain name such as 'example.com', got ''"],
    ['.', "domainName must be a domain name such as 'example.com', got '.'"],
    ['example.com..', "domainName must not contain an empty label (a leading dot or two dots in a row), got 'example.com..'"],
    ['.example.com', "domainName must not contain an empty label (a leading dot or two dots in a row), got '.example.com'"],
    ['a..b', "domainName must not contain an empty label (a leading dot or two dots in a row), got 'a..b'"],
    ['*.example.com', "domainName must not contain a wildcard label '*', got '*.example.com'"],
    [`${'a'.repeat(64)}.com`, `domainName labels must be 1-63 characters long, got 64 in '${'a'.repeat(64)}.com'`],
    ['-a.com', "domainName labels may hold only letters, digits and inner hyphens, got '-a' in '-a.com'"],
    ['a-.com', "domainName labels may hold only letters, digits and inner hyphens, got 'a-' in 'a-.com'"],
    ['-.com', "domainName labels may hold only letters, digits and inner hyphens, got '-' in '-.com'"],
    ['_spf.google.com', "domainName labels may hold only letters, digits and inner hyphens, got '_spf' in '_spf.google.com'"],
    ['a_b.com', "domainName labels may hold only letters, digits and inner hyphens, got 'a_b' in 'a_b.com'"],
    ['a b.example', "domainName labels may hold only letters, digits and inner hyphens, got 'a b' in 'a b.example'"],
    ['example.com/x', "domainName labels may hold only letters, digits and inner hyphens, got 'com/x' in 'example.com/x'"],
    ['bü cher.example', "domainName must be a domain name of ASCII letters, digits, hyphens and dots (internationalized names as punycode 'xn--...'), got 'bü cher.example'"],
    ['xn--ü.com', "domainName must be a domain name of ASCII letters, digits, hyphens and dots (internationalized names as punycode 'xn--...'), got 'xn--ü.com'"],
  ])('host name %j is refused', (value, message) => {
    expect(() => normalizeDomainName('domainName', value)).toThrow(message);
    expect(() => normalizeDomainName('domainName', value, NameKind.HOST)).toThrow(message);
  });

  test.each([
    ['_spf.Google.com', '_spf.google.com'],
    ['_dmarc.a_b.example', '_dmarc.a_b.example'],
    ['s1._domainkey.example', 's1._domainkey.example'],
    ['a.example', 'a.example'],
  ])('DNS name %s is normalized to %s', (value, name) => {
    expect(normalizeDomainName('include', value, NameKind.DNS)).toBe(name);
  });

  test.each([
    ['__spf.example', "include labels may hold only letters, digits, inner hyphens and underscores, got '__spf' in '__spf.example'"],
    ['a_.example', "include labels may hold only letters, digits, inner hyphens and underscores, got 'a_' in 'a_.example'"],
    ['_.example', "include labels may hold only letters, digits, inner hyphens and underscores, got '_' in '_.example'"],
    ['-a.example', "include labels may hold only letters, digits, inner hyphens and underscores, got '-a' in '-a.example'"],
    ['a!b.example', "include labels may hold only letters, digits, inner hyphens and underscores, got 'a!b' in 'a!b.example'"],
    ['*.example', "include must not contain a wildcard label '*', got '*.example'"],
  ])('DNS name %j is refused', (value, message) => {
    expect(() => normalizeDomainName('include', value, NameKind.DNS)).toThrow(message);
  });

  test.each([
    [5, 'number 5'],
    [undefined, 'undefined'],
    [['example.com'], 'a list'],
  ])('a value of another kind (%j) is refused', (value, got) => {
    expect(() => normalizeDomainName('domainName', value as any)).toThrow(`domainName must be a string such as 'example.com', got ${got}`);
  });
});

describe('normalizeLabel', () => {
  test.each([
    ['Bounce', 'bounce'],
    ['b', 'b'],
    ['mail-from', 'mail-from'],
    ['a'.repeat(63), 'a'.repeat(63)],
  ])('%s is normalized to %s', (value, label) => {
    expect(normalizeLabel('mailFromSubdomain', value)).toBe(label);
  });

  test('an unresolved token is returned unchanged', () => {
    expect(normalizeLabel('mailFromSubdomain', token)).toBe(token);
  });

  test.each([
    ['a.b', "mailFromSubdomain must be a single DNS label without dots (e.g. 'bounce'), got 'a.b'"],
    ['.', "mailFromSubdomain must be a single DNS label without dots (e.g. 'bounce'), got '.'"],
    ['', "mailFromSubdomain must not contain an empty label (a leading dot or two dots in a row), got ''"],
    ['*', "mailFromSubdomain must not contain a wildcard label '*', got '*'"],
    ['a'.repeat(64), `mailFromSubdomain labels must be 1-63 characters long, got 64 in '${'a'.repeat(64)}'`],
    ['_bounce', "mailFromSubdomain labels may hold only letters, digits and inner hyphens, got '_bounce' in '_bounce'"],
    ['Bounce-', "mailFromSubdomain labels may hold only letters, digits and inner hyphens, got 'bounce-' in 'Bounce-'"],
  ])('%j is refused', (value, message) => {
    expect(() => normalizeLabel('mailFromSubdomain', value)).toThrow(message);
  });

  test('a value of another kind is refused', () => {
    expect(() => normalizeLabel('mailFromSubdomain', 7 as any)).toThrow("mailFromSubdomain must be a string such as 'bounce', got number 7");
  });
});

test.each([
  ['example.com', 'example.com', true],
  ['mail.example.com', 'example.com', true],
  ['a.b.example.com', 'example.com', true],
  ['badexample.com', 'example.com', false],
  ['example.com', 'mail.example.com', false],
  ['example.org', 'example.com', false],
])('isWithin(%s, %s) is %s', (name, parent, within) => {
  expect(isWithin(name, parent)).toBe(within);
});

describe('checkPriority', () => {
  test.each([0, 1, 10, 65535])('%s is a priority', (priority) => {
    expect(() => checkPriority('priority', priority)).not.toThrow();
  });
  test('a token priority passes unchecked', () => {
    expect(() => checkPriority('priority', numberToken)).not.toThrow();
  });
  test.each([-1, 65536, 1.5, NaN])('%s is refused', (priority) => {
    expect(() => checkPriority('priority', priority)).toThrow(`priority must be an integer from 0 to 65535, got ${priority}`);
  });
});

describe('wholeSeconds and secondsOf', () => {
  test.each([
    [Duration.seconds(60), 60],
    [Duration.minutes(1), 60],
    [Duration.hours(1), 3600],
    [Duration.seconds(3600), 3600],
  ])('%s is %d seconds', (duration, seconds) => {
    expect(wholeSeconds('ttl', duration, 60, 3600)).toBe(seconds);
  });

  test.each([
    [Duration.seconds(59), 59],
    [Duration.seconds(3601), 3601],
    [Duration.millis(61500), 61.5],
  ])('%s is refused', (duration, seconds) => {
    expect(() => wholeSeconds('ttl', duration, 60, 3600)).toThrow(`ttl must be a whole number of seconds from 60 to 3600, got ${seconds}`);
  });

  test('a token amount in seconds passes through', () => {
    expect(wholeSeconds('ttl', Duration.seconds(numberToken), 60, 3600)).toBe(numberToken);
    expect(secondsOf('ttl', Duration.seconds(numberToken))).toBe(numberToken);
  });

  test('secondsOf keeps fractions', () => {
    expect(secondsOf('timeout', Duration.millis(1500))).toBe(1.5);
  });

  test('a token amount in another unit gets the construct\'s message', () => {
    expect(() => secondsOf('timeout', Duration.minutes(numberToken))).toThrow(
      'timeout must be a Duration that can be converted to seconds: one whose amount is a token must be given in seconds '
      + '(Duration.seconds(token)), got Duration.minutes(<token>)');
  });

  test.each([
    [30, 'number 30'],
    [null, 'null'],
    [{ toSeconds: 30 }, 'an object of class Object'],
  ])('%j is not a Duration', (value, got) => {
    const message = `ttl must be a Duration (e.g. Duration.minutes(30)), got ${got}`;
    expect(() => secondsOf('ttl', value as any)).toThrow(message);
    expect(() => wholeSeconds('ttl', value as any, 0, 1)).toThrow(message);
    expect(() => checkDuration('ttl', value)).toThrow(message);
  });

  test('checkDuration duck-types: any object with toSeconds()', () => {
    expect(() => checkDuration('ttl', { toSeconds: () => 1 })).not.toThrow();
    expect(() => checkDuration('ttl', Duration.days(1))).not.toThrow();
  });

  test('checkDuration refuses a function, even one with toSeconds()', () => {
    expect(() => checkDuration('ttl', Object.assign(() => 1, { toSeconds: () => 1 }))).toThrow('ttl must be a Duration (e.g. Duration.minutes(30)), got function undefined');
  });
});

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
    expect(() => checkOneOf('color', numberToken, COLORS)).toThrow(`color must be one of Color.RED ('red'), Color.GREEN, Color.BLUE ('blue'), got number ${JSON.stringify(numberToken)}`);
  });

  test.each([
    ['Red', "'Red'"],
    ['', "''"],
    [5, 'number 5'],
    [null, 'null'],
    [{}, 'an object of class Object'],
  ])('checkOneOf refuses %j', (value, got) => {
    expect(() => checkOneOf('color', value, COLORS)).toThrow(`color must be one of Color.RED ('red'), Color.GREEN, Color.BLUE ('blue'), got ${got}`);
    expect(() => checkOneOf('color', value, ['red', 'blue'])).toThrow(`color must be one of red, blue, got ${got}`);
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
      .toThrow(`Spf.publish() takes an options object such as { all: SpfAll.FAIL }, got ${got}`);
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
    expect(() => optionalString('selector', 1, "'s1'")).toThrow("selector must be a string such as 's1', got number 1");
    expect(() => optionalString('selector', null, "'s1'")).toThrow("selector must be a string such as 's1', got null");
  });

  test('optionalBoolean returns undefined, true or false', () => {
    expect(optionalBoolean('flag', undefined)).toBeUndefined();
    expect(optionalBoolean('flag', true)).toBe(true);
    expect(optionalBoolean('flag', false)).toBe(false);
    expect(() => optionalBoolean('flag', 'true')).toThrow('flag must be true or false, got string "true"');
    expect(() => optionalBoolean('flag', 0)).toThrow('flag must be true or false, got number 0');
  });

  test('checkKind throws only when not ok', () => {
    expect(() => checkKind('p', 1, true, 'a number')).not.toThrow();
    expect(() => checkKind('p', 'x', false, 'a number')).toThrow('p must be a number, got string "x"');
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
    expect(() => checkConstruct('hostedZone', value, attributes, expected)).toThrow(`hostedZone must be a route53.IHostedZone, got ${got}`);
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
    expect(() => checkPrintableAscii('spf', value)).toThrow(`spf must contain only printable ASCII characters, got '${value}' (character ${where})`);
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
    expect(() => checkKnownKeys('Dmarc.publish()', { [key]: 1 }, known)).toThrow(`Dmarc.publish() has no option '${key}'; options: policy, rua, subdomainPolicy`);
    expect(checkKnownKeys('Dmarc.publish()', { [key]: 1 }, known, true)).toEqual([key]);
  });

  test('4 characters are enough for an edit to count', () => {
    expect(() => checkKnownKeys('f()', { polx: 1 }, ['pole'])).toThrow("f() has no option 'polx': did you mean 'pole'? Options: pole");
  });

  test('a prop that is a suffix of the key is no near miss', () => {
    expect(() => checkKnownKeys('f()', { abcd: 1 }, ['xyzabcd'])).toThrow("f() has no option 'abcd'; options: xyzabcd");
  });

  test('an empty prop is no near miss of anything', () => {
    expect(() => checkKnownKeys('f()', { abcd: 1 }, [''])).toThrow("f() has no option 'abcd'; options: ");
  });

  test('the edits must be fewer than the letters of the prop', () => {
    expect(() => checkKnownKeys('f()', { abcd: 1 }, ['ab'])).toThrow("f() has no option 'abcd'; options: ab");
    expect(() => checkKnownKeys('f()', { abcd: 1 }, ['abc'])).toThrow("f() has no option 'abcd': did you mean 'abc'? Options: abc");
  });

  test('the closest prop is named, the first of equally close ones', () => {
    expect(() => checkKnownKeys('f()', { polic: 1 }, ['policyx', 'policy'])).toThrow("did you mean 'policy'?");
    expect(() => checkKnownKeys('f()', { abcx: 1 }, ['abcd', 'abce'])).toThrow("did you mean 'abcd'?");
    expect(() => checkKnownKeys('f()', { abcx: 1 }, ['abce', 'abcd'])).toThrow("did you mean 'abce'?");
  });

  test('several unknown keys are named together', () => {
    expect(() => checkKnownKeys('f()', { foo: 1, barbaz: 2, policy: 3 }, known))
      .toThrow("f() has no options 'foo', 'barbaz'; options: policy, rua, subdomainPolicy");
    expect(checkKnownKeys('f()', { foo: 1, barbaz: 2, policy: 3 }, known, true)).toEqual(['foo', 'barbaz']);
  });
});

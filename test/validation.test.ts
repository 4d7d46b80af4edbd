import { Duration, Token } from 'aws-cdk-lib';
import {
  checkDuration, checkPriority, isWithin, NameKind, normalizeDomainName, normalizeLabel, secondsOf,
  wholeSeconds,
} from '../src/validation';

// The shared checks of src/validation.ts, called directly (the synth-time catalogue through the
// construct is synth-checks.test.ts; option, kind and list checks: validation-options.test.ts): each bad input's exact message, each boundary on both sides.

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
    expect(() => normalizeDomainName('domainName', long)).toThrow(new Error(`domainName must be at most 253 characters long, got 254: '${long}'`));
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
    expect(() => normalizeDomainName('domainName', value as any)).toThrow(new Error(`domainName must be a string such as 'example.com', got ${got}`));
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
    expect(() => normalizeLabel('mailFromSubdomain', 7 as any)).toThrow(new Error("mailFromSubdomain must be a string such as 'bounce', got number 7"));
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
    expect(() => checkPriority('priority', priority)).toThrow(new Error(`priority must be an integer from 0 to 65535, got ${priority}`));
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
    expect(() => wholeSeconds('ttl', duration, 60, 3600)).toThrow(new Error(`ttl must be a whole number of seconds from 60 to 3600, got ${seconds}`));
  });

  test('a token amount in seconds passes through', () => {
    expect(wholeSeconds('ttl', Duration.seconds(numberToken), 60, 3600)).toBe(numberToken);
    expect(secondsOf('ttl', Duration.seconds(numberToken))).toBe(numberToken);
  });

  test('secondsOf keeps fractions', () => {
    expect(secondsOf('timeout', Duration.millis(1500))).toBe(1.5);
  });

  test('a token amount in another unit gets the construct\'s message', () => {
    expect(() => secondsOf('timeout', Duration.minutes(numberToken))).toThrow(new Error(
      'timeout must be a Duration that can be converted to seconds: one whose amount is a token must be given in seconds '
      + '(Duration.seconds(token)), got Duration.minutes(<token>)'));
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
    expect(() => checkDuration('ttl', Object.assign(() => 1, { toSeconds: () => 1 }))).toThrow(new Error('ttl must be a Duration (e.g. Duration.minutes(30)), got function undefined'));
  });
});

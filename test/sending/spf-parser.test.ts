import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import {
  countsLookup, hasMacro, isSpfRecord, parseSpfRecord, parseSpfTerm, SPF_LOOKUP_MECHANISMS, SpfSyntaxError, SpfTerm, targetDomain,
} from '../../src/sending/spf-parser';

/** The error a call throws; fails the test when it throws nothing or something else. */
function thrown(f: () => unknown): SpfSyntaxError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SpfSyntaxError);
    return e as SpfSyntaxError;
  }
  throw new Error('expected an SpfSyntaxError, nothing was thrown');
}

const mech = (text: string, fields: object = {}): SpfTerm => ({ kind: 'mechanism', text, qualifier: '+', ...fields } as SpfTerm);
const mod = (text: string, name: string, value: string): SpfTerm => ({ kind: 'modifier', text, name, value });

const LABEL63 = 'a'.repeat(63);
const LONG_NAME = `${LABEL63}.${LABEL63}.${LABEL63}.${'b'.repeat(58)}.com`; // 254 characters
const MAX_NAME = `${LABEL63}.${LABEL63}.${LABEL63}.${'b'.repeat(57)}.com`; // 253 characters

test.each<[string, SpfTerm]>([
  ['all', mech('all', { name: 'all' })],
  ['-all', mech('-all', { qualifier: '-', name: 'all' })],
  ['~all', mech('~all', { qualifier: '~', name: 'all' })],
  ['?ALL', mech('?ALL', { qualifier: '?', name: 'all' })],
  ['include:_spf.google.com', mech('include:_spf.google.com', { name: 'include', domainSpec: '_spf.google.com' })],
  ['INCLUDE:Example.COM', mech('INCLUDE:Example.COM', { name: 'include', domainSpec: 'Example.COM' })],
  ['+include:amazonses.com.', mech('+include:amazonses.com.', { name: 'include', domainSpec: 'amazonses.com.' })],
  ['include:example.1-2', mech('include:example.1-2', { name: 'include', domainSpec: 'example.1-2' })],
  ['a', mech('a', { name: 'a' })],
  ['A:mail.example.com', mech('A:mail.example.com', { name: 'a', domainSpec: 'mail.example.com' })],
  ['a/24', mech('a/24', { name: 'a', ip4Prefix: 24 })],
  ['a:mail.example.com/24//64', mech('a:mail.example.com/24//64', { name: 'a', domainSpec: 'mail.example.com', ip4Prefix: 24, ip6Prefix: 64 })],
  ['a:%{d}/0', mech('a:%{d}/0', { name: 'a', domainSpec: '%{d}', ip4Prefix: 0 })],
  ['a:foo/bar.example.com', mech('a:foo/bar.example.com', { name: 'a', domainSpec: 'foo/bar.example.com' })],
  ['mx', mech('mx', { name: 'mx' })],
  ['mx//64', mech('mx//64', { name: 'mx', ip6Prefix: 64 })],
  ['-mx:example.com/32', mech('-mx:example.com/32', { qualifier: '-', name: 'mx', domainSpec: 'example.com', ip4Prefix: 32 })],
  ['-ip4:192.0.2.0/24', mech('-ip4:192.0.2.0/24', { qualifier: '-', name: 'ip4', network: '192.0.2.0', ip4Prefix: 24 })],
  ['ip4:0.0.0.0/0', mech('ip4:0.0.0.0/0', { name: 'ip4', network: '0.0.0.0', ip4Prefix: 0 })],
  ['IP4:255.255.255.255', mech('IP4:255.255.255.255', { name: 'ip4', network: '255.255.255.255' })],
  ['ip6:2001:db8::/32', mech('ip6:2001:db8::/32', { name: 'ip6', network: '2001:db8::', ip6Prefix: 32 })],
  ['ip6:::1', mech('ip6:::1', { name: 'ip6', network: '::1' })],
  ['?ip6:::FFFF:192.0.2.1/128', mech('?ip6:::FFFF:192.0.2.1/128', { qualifier: '?', name: 'ip6', network: '::FFFF:192.0.2.1', ip6Prefix: 128 })],
  ['exists:%{i}._spf.%{d}', mech('exists:%{i}._spf.%{d}', { name: 'exists', domainSpec: '%{i}._spf.%{d}' })],
  ['exists:%{IR}.%{l1r+-}._spf.%{d2}', mech('exists:%{IR}.%{l1r+-}._spf.%{d2}', { name: 'exists', domainSpec: '%{IR}.%{l1r+-}._spf.%{d2}' })],
  ['exists:%%%_%-.example.com', mech('exists:%%%_%-.example.com', { name: 'exists', domainSpec: '%%%_%-.example.com' })],
  ['ptr', mech('ptr', { name: 'ptr' })],
  ['~ptr:example.com', mech('~ptr:example.com', { qualifier: '~', name: 'ptr', domainSpec: 'example.com' })],
  ['redirect=_spf.example.com', mod('redirect=_spf.example.com', 'redirect', '_spf.example.com')],
  ['REDIRECT=Example.com', mod('REDIRECT=Example.com', 'redirect', 'Example.com')],
  ['exp=explain._spf.%{d}', mod('exp=explain._spf.%{d}', 'exp', 'explain._spf.%{d}')],
  ['exp=%{c}.%{r}.%{t}.example.com', mod('exp=%{c}.%{r}.%{t}.example.com', 'exp', '%{c}.%{r}.%{t}.example.com')],
  ['foo-bar=baz', mod('foo-bar=baz', 'foo-bar', 'baz')],
  ['X.y_Z=', mod('X.y_Z=', 'x.y_z', '')],
  ['include=example.com', mod('include=example.com', 'include', 'example.com')],
  ['include:x.c', mech('include:x.c', { name: 'include', domainSpec: 'x.c' })],
  ['include:mail.example.info', mech('include:mail.example.info', { name: 'include', domainSpec: 'mail.example.info' })],
  ['v2=a:b', mod('v2=a:b', 'v2', 'a:b')],
  ['a:example.com1/24//64', mech('a:example.com1/24//64', { name: 'a', domainSpec: 'example.com1', ip4Prefix: 24, ip6Prefix: 64 })],
])('parses the term %s', (text, expected) => {
  expect(parseSpfTerm(text)).toStrictEqual(expected);
});

const TOPLABEL = 'must end in a top-level label of letters (a name such as example.com)';

test.each<[string, string]>([
  ['a name of 253 characters', `include:${MAX_NAME}`],
  ['a name of 253 characters and a trailing dot', `include:${MAX_NAME}.`],
])('parses the term with %s', (_, text) => {
  expect(parseSpfTerm(text)).toStrictEqual(mech(text, { name: 'include', domainSpec: text.slice('include:'.length) }));
});

test('the error is named SpfSyntaxError', () => {
  expect(thrown(() => parseSpfTerm('include')).name).toBe('SpfSyntaxError');
});

test.each([
  ['', 'a term must not be empty'],
  [':foo', "'' is not an SPF mechanism or modifier"],
  ['redirect:example.com', 'redirect is a modifier: write redirect=<domain>'],
  ['exp:example.com', 'exp is a modifier: write exp=<domain>'],
  ['include:ex/1ample', `the domain 'ex/1ample' ${TOPLABEL}`],
  ['a:ex/1ample', `the domain 'ex/1ample' ${TOPLABEL}`],
  ['a:nodot', `the domain 'nodot' ${TOPLABEL}`],
  ['mx:ex/ample.com/33/44', "the prefix length '/33/44' must be /<0-32>, //<0-128> or /<0-32>//<0-128>"],
  ['a:%{c}.example.com', "the macro letter 'c' is allowed only in exp="],
  ['include:a..example.com.', "the domain 'a..example.com.' has an empty label (a leading dot or two dots in a row)"],
  ['include:a.%x}.example.com', "'%x' is a malformed macro"],
  ['include:%{dx', "'%{dx' is a malformed macro"],
  ['include:a.%{dx', "'%{dx' is a malformed macro"],
  ['include', 'include needs a domain (include:<domain>)'],
  ['include:', 'include needs a domain (include:<domain>)'],
  ['exists', 'exists needs a domain (exists:<domain>)'],
  ['include/24', 'include takes no prefix length'],
  ['include:example.com/24', 'include takes no prefix length'],
  ['ip4', 'ip4 needs an address (ip4:<network>)'],
  ['ip4:/24', 'ip4 needs an address (ip4:<network>)'],
  ['ip4:1.2.3.4/08', "the prefix length '/08' must be 0-32 without leading zeros"],
  ['ip4:1.2.3.04', "the ip4 address '1.2.3.04' is not a dotted quad of 0-255 without leading zeros"],
  ['ip4:256.1.1.1', "the ip4 address '256.1.1.1' is not a dotted quad of 0-255 without leading zeros"],
  ['ip4:1.2.3', "the ip4 address '1.2.3' is not a dotted quad of 0-255 without leading zeros"],
  ['ip4:1.2.3.4/33', "the prefix length '/33' must be 0-32 without leading zeros"],
  ['ip4:1.2.3.4/24/5', "the prefix length '/24/5' must be 0-32 without leading zeros"],
  ['ip6:2001:db8::/129', "the prefix length '/129' must be 0-128 without leading zeros"],
  ['ip6:2001:db8::/064', "the prefix length '/064' must be 0-128 without leading zeros"],
  ['ip6:fe80::1%eth0', "the ip6 address 'fe80::1%eth0' must not have a zone id"],
  ['ip6:1.2.3.4', "the ip6 address '1.2.3.4' is not an IPv6 address (RFC 4291 section 2.2)"],
  ['exists:%{x}.example.com', "'%{x}' is a malformed macro"],
  ['exists:%{d', "'%{d' is a malformed macro"],
  ['exists:%x.example.com', "'%x' is a malformed macro"],
  ['exists:%', "'%' is a malformed macro"],
  ['exists:%{c}.example.com', "the macro letter 'c' is allowed only in exp="],
  ['foo=%{T}', "the macro letter 'T' is allowed only in exp="],
  ['include:example', `the domain 'example' ${TOPLABEL}`],
  ['include:1.2.3.4', `the domain '1.2.3.4' ${TOPLABEL}`],
  ['include:example.com-', `the domain 'example.com-' ${TOPLABEL}`],
  ['include:%{d}.', `the domain '%{d}.' ${TOPLABEL}`],
  ['include:example..com', "the domain 'example..com' has an empty label (a leading dot or two dots in a row)"],
  ['include:.com', "the domain '.com' has an empty label (a leading dot or two dots in a row)"],
  [`include:${LABEL63}a.com`, 'a label of the domain is 64 characters long; at most 63 are allowed'],
  [`include:${LONG_NAME}`, 'the domain is 254 characters long; at most 253 are allowed'],
  ['a:example.com/24/64', "the prefix length '/24/64' must be /<0-32>, //<0-128> or /<0-32>//<0-128>"],
  ['a/24/64', "the prefix length '/24/64' must be /<0-32>, //<0-128> or /<0-32>//<0-128>"],
  ['a:example.com/', "the prefix length '/' must be 0-32 without leading zeros"],
  ['mx/33', "the prefix length '/33' must be 0-32 without leading zeros"],
  ['a//129', "the prefix length '//129' must be 0-128 without leading zeros"],
  ['mx:/24', "the domain after 'mx:' is empty (write mx or mx:<domain>)"],
  ['ptr:', "the domain after 'ptr:' is empty (write ptr or ptr:<domain>)"],
  ['include:exam ple.com', 'a term cannot contain a space (spaces separate terms)'],
  ['include:exämple.com', 'the character "ä" is not allowed (only printable ASCII)'],
  ['all:foo', 'all takes no domain or prefix length'],
  ['%', "'%' is not an SPF mechanism or modifier"],
  ['foo', "'foo' is not an SPF mechanism or modifier"],
  ['+', 'a qualifier must be followed by a mechanism'],
  ['=foo', "a modifier needs a name before '='"],
  ['1foo=bar', "'1foo' is not a valid modifier name (a letter, then letters, digits, '-', '_' or '.')"],
  ['-redirect=example.com', 'a modifier takes no qualifier (only mechanisms do)'],
  ['redirect:example.com', 'redirect is a modifier: write redirect=<domain>'],
  ['redirect=', 'redirect needs a domain (redirect=<domain>)'],
  ['exp=', 'exp needs a domain (exp=<domain>)'],
  ['redirect=%{c}.example.com', "the macro letter 'c' is allowed only in exp="],
])('rejects the term %j', (text, reason) => {
  const error = thrown(() => parseSpfTerm(text));
  expect(error.message).toBe(`'${text}' is not a valid SPF term: ${reason}`);
  expect(error.term).toBe(text);
  expect(error.reason).toBe(reason);
});

test.each<[string, string[]]>([
  ['v=spf1', []],
  ['v=spf1 -all', ['-all']],
  ['V=SPF1 include:amazonses.com   ~all  ', ['include:amazonses.com', '~all']],
  ['v=spf1 ip4:192.0.2.0/24 mx redirect=_spf.example.com exp=explain.%{d}', ['ip4:192.0.2.0/24', 'mx', 'redirect=_spf.example.com', 'exp=explain.%{d}']],
])('parses the record %j', (text, terms) => {
  expect(parseSpfRecord(text)).toStrictEqual({ terms: terms.map((t) => parseSpfTerm(t)) });
});

test('a parsed record holds the full terms', () => {
  expect(parseSpfRecord('v=spf1  a/24 -all ').terms).toStrictEqual([
    { kind: 'mechanism', text: 'a/24', qualifier: '+', name: 'a', ip4Prefix: 24 },
    { kind: 'mechanism', text: '-all', qualifier: '-', name: 'all' },
  ]);
});

test.each([
  ['', 'the record must start with v=spf1'],
  ['include:amazonses.com ~all', 'the record must start with v=spf1'],
  [' v=spf1 -all', 'the record must start with v=spf1'],
  ['v=spf10 -all', 'the version v=spf1 must be followed by a space or the end of the record'],
  ['v=spf1\t-all', 'the version v=spf1 must be followed by a space or the end of the record'],
  ['v=spf1 redirect=a.example.com redirect=b.example.com', 'redirect= appears 2 times; at most once is allowed (RFC 7208 section 6)'],
  ['v=spf1 exp=a.example.com Exp=b.example.com exp=c.example.com', 'exp= appears 3 times; at most once is allowed (RFC 7208 section 6)'],
])('rejects the record %j', (text, reason) => {
  const error = thrown(() => parseSpfRecord(text));
  expect(error.message).toBe(`'${text}' is not a valid SPF record: ${reason}`);
  expect(error.reason).toBe(reason);
});

test('a bad term inside a record is named on its own', () => {
  expect(thrown(() => parseSpfRecord('v=spf1 include:amazonses.com ip4:1.2.3.04 ~all')).message)
    .toBe("'ip4:1.2.3.04' is not a valid SPF term: the ip4 address '1.2.3.04' is not a dotted quad of 0-255 without leading zeros");
});

test('the lookup terms are those of RFC 7208 section 4.6.4', () => {
  expect([...SPF_LOOKUP_MECHANISMS].sort()).toEqual(['a', 'exists', 'include', 'mx', 'ptr', 'redirect']);
});

test.each([
  ['include:example.com', true],
  ['a', true],
  ['mx:example.com/24', true],
  ['ptr', true],
  ['exists:%{i}.example.com', true],
  ['redirect=example.com', true],
  ['-all', false],
  ['ip4:192.0.2.1', false],
  ['ip6:2001:db8::1', false],
  ['exp=explain.example.com', false],
  ['include=example.com', false],
])('countsLookup(%s) is %s', (text, expected) => {
  expect(countsLookup(parseSpfTerm(text))).toBe(expected);
});

test.each([
  ['include:_SPF.Google.com.', '_spf.google.com'],
  ['redirect=Example.COM', 'example.com'],
  ['a:mail.example.com/24', 'mail.example.com'],
  ['mx:example.net//64', 'example.net'],
  ['exists:example.org', 'example.org'],
  ['ptr:example.org', 'example.org'],
  ['a', undefined],
  ['ptr', undefined],
  ['include:%{d}.example.com', undefined],
  ['exists:%{i}._spf.%{d}', undefined],
  ['ip4:192.0.2.1', undefined],
  ['exp=explain.example.com', undefined],
  ['foo=example.com', undefined],
])('targetDomain(%s) is %s', (text, expected) => {
  expect(targetDomain(parseSpfTerm(text))).toBe(expected);
});

test.each([
  ['example.com', false],
  ['_spf.example.com.', false],
  ['%{d}', true],
  ['%{i}._spf.example.com', true],
  ['a%%b.example.com', true],
])('hasMacro(%s) is %s', (spec, expected) => {
  expect(hasMacro(spec)).toBe(expected);
});

test.each([
  ['v=spf1', true],
  ['v=spf1 -all', true],
  ['V=SPF1 include:amazonses.com ~all', true],
  ['v=spf10 -all', false],
  ['v=spf1\t-all', false],
  [' v=spf1 -all', false],
  ['v=DMARC1; p=none', false],
  ['', false],
])('isSpfRecord(%j) is %p: v=spf1 in any case, then a space or the end (RFC 7208 section 4.5)', (text, expected) => {
  expect(isSpfRecord(text)).toBe(expected);
  // The parser applies the same test: a text it is not is refused for its version, one it is gets past the version.
  const versionRefused = (() => {
    try {
      parseSpfRecord(text);
      return false;
    } catch (e) {
      return /the record must start with v=spf1|the version v=spf1 must be followed/.test((e as Error).message);
    }
  })();
  expect(versionRefused).toBe(!expected);
});

test('no module but spf-parser.ts tests for the v=spf1 version itself (a regex or a bare \'v=spf1\' not in a list): they all call isSpfRecord', () => {
  const own = (dir: string): string[] => readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? own(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
  const src = join(__dirname, '..', '..', 'src');
  const testing = own(src).filter((f) => /\^v=spf1|['"]v=spf1['"](?!\s*,)/i.test(readFileSync(f, 'utf8'))).map((f) => relative(src, f));
  expect(testing).toEqual(['sending/spf-parser.ts']);
  const callers = own(src).filter((f) => /\bisSpfRecord\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(src, f)).sort();
  expect(callers).toEqual(['command/check/advice.ts', 'command/check/spf-eval.ts', 'command/check/verdicts.ts', 'sending/domain-txt.ts', 'sending/spf-parser.ts']);
});

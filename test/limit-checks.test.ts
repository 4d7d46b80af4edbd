import { App, Lazy, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { RecordEntry } from '../src/context';
import { abbreviate, checkEasyDkimNameLength, checkRecordLimits } from '../src/limit-checks';
import { DNS_NAME_MAX, ROUTE53_RECORD_SET_MAX, ROUTE53_VALUE_MAX } from '../src/limits';
import { RecordKind } from '../src/record-model';

// The synth-time checks of one record against the DNS and Route53 limits, each at its boundary; tokens pass.

const entry = (name: string, values: string[], type = route53.RecordType.TXT): RecordEntry => ({
  id: 'R', kind: RecordKind.DOMAIN_TXT, record: { name, type, values, ttl: 300, purpose: 'test' }, nameFrom: 'domainName', valuesFrom: values.map((_, i) => `v[${i}]`),
});
const nameOf = (n: number) => `${'a.'.repeat((n - 1) / 2)}b.`;

test.each([DNS_NAME_MAX - 2, DNS_NAME_MAX])('a name of %i characters passes', (n) => {
  expect(nameOf(n).length - 1).toBe(n);
  expect(() => checkRecordLimits(new Stack(), entry(nameOf(n), ['x']))).not.toThrow();
});

test('a name of 255 characters fails, naming the prop and the limit', () => {
  const name = nameOf(255);
  expect(() => checkRecordLimits(new Stack(), entry(name, ['x']))).toThrow(new Error(
    `domainName makes the test record name '${abbreviate(name)}' 255 characters long; DNS names hold at most 253 (RFC 1035): use a shorter domainName`));
});

test('a name without its trailing dot is counted the same: 253 characters pass, 254 fail', () => {
  const name = nameOf(DNS_NAME_MAX).slice(0, -1);
  expect(() => checkRecordLimits(new Stack(), entry(name, ['x']))).not.toThrow();
  expect(() => checkRecordLimits(new Stack(), entry(`c${name}`, ['x']))).toThrow(new Error(
    `domainName makes the test record name '${abbreviate(`c${name}`)}' 254 characters long; DNS names hold at most 253 (RFC 1035): use a shorter domainName`));
});

test('one prop for all values: the message names it, for a value and for the set', () => {
  const one = (values: string[]): RecordEntry => ({ ...entry('a.example.org.', values, route53.RecordType.CNAME), valuesFrom: 'inboundMail' });
  expect(() => checkRecordLimits(new Stack(), one(['x', 'x'.repeat(ROUTE53_VALUE_MAX + 1)]))).toThrow(new Error(
    `inboundMail makes value 2 of the test record (CNAME a.example.org.) 4001 characters long as Route53 receives it ('${'x'.repeat(57)}...'); Route53 allows at most 4000 characters per value`));
  expect(() => checkRecordLimits(new Stack(), one([...Array.from({ length: 8 }, () => 'x'.repeat(4000)), 'x']))).toThrow(new Error(
    'The test record set (CNAME a.example.org.) is 32001 characters long in all, from inboundMail; Route53 allows at most 32000 characters across the values of one record set'));
});

test('a TXT value is counted as Route53 receives it: 3,953 characters of text are 16 quoted strings, 4,000 in all; one more fails', () => {
  expect(() => checkRecordLimits(new Stack(), entry('a.example.org.', ['t'.repeat(3953)]))).not.toThrow();
  expect(() => checkRecordLimits(new Stack(), entry('a.example.org.', ['t'.repeat(3954)]))).toThrow(new Error(
    `v[0] makes value 1 of the test record (TXT a.example.org.) 4001 characters long as Route53 receives it ('"${'t'.repeat(56)}...'); Route53 allows at most 4000 characters per value`));
});

test('a token value is not counted toward the record set', () => {
  const token = Token.asString({ resolve: () => 'x' });
  const values = [...Array.from({ length: 8 }, () => 'x'.repeat(4000)), token];
  expect(() => checkRecordLimits(new Stack(), entry('a.example.org.', values, route53.RecordType.CNAME))).not.toThrow();
});

test('a value of 4,000 characters as Route53 receives it passes, 4,001 fails', () => {
  // A 3,998-character CNAME value is 3,998 characters; TXT adds quotes and spaces, so CNAME keeps the count plain.
  expect(() => checkRecordLimits(new Stack(), entry('a.example.org.', ['x'.repeat(ROUTE53_VALUE_MAX)], route53.RecordType.CNAME))).not.toThrow();
  expect(() => checkRecordLimits(new Stack(), entry('a.example.org.', ['x'.repeat(ROUTE53_VALUE_MAX + 1)], route53.RecordType.CNAME))).toThrow(new Error(
    `v[0] makes value 1 of the test record (CNAME a.example.org.) 4001 characters long as Route53 receives it ('${'x'.repeat(57)}...'); Route53 allows at most 4000 characters per value`));
});

test('a record set past half of 32,000 characters warns with an id; past 32,000 it fails', () => {
  const stack = new Stack(new App(), 'Test');
  const scope = new Construct(stack, 'Mail');
  const values = (total: number) => Array.from({ length: total / 4000 }, () => 'x'.repeat(4000));
  checkRecordLimits(scope, entry('a.example.org.', values(ROUTE53_RECORD_SET_MAX / 2), route53.RecordType.CNAME));
  expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  checkRecordLimits(scope, entry('a.example.org.', [...values(ROUTE53_RECORD_SET_MAX / 2), 'x'], route53.RecordType.CNAME));
  expect(Annotations.fromStack(stack).findWarning('/Test/Mail', Match.anyValue()).map((w) => w.entry.data)).toEqual([
    'The test record set (CNAME a.example.org.) is 16001 characters long in all: it can be created, but Route53 counts each character twice when a change UPSERTs it, '
    + 'so an update may pass its 32000-character limit. Keep it under 16000 [ack: cdk-verified-mail-domain:recordSetUpsertLimit]',
  ]);
  expect(() => checkRecordLimits(new Stack(), entry('a.example.org.', [...values(ROUTE53_RECORD_SET_MAX), 'x'], route53.RecordType.CNAME))).toThrow(new Error(
    'The test record set (CNAME a.example.org.) is 32001 characters long in all, from v[0] and v[1] and v[2] and v[3] and v[4] and v[5] and v[6] and v[7] and v[8]; '
    + 'Route53 allows at most 32000 characters across the values of one record set'));
});

test('tokens pass: their length is known only at deploy', () => {
  const token = Token.asString({ resolve: () => 'x' });
  expect(() => checkRecordLimits(new Stack(), entry(token, [token]))).not.toThrow();
  expect(() => checkEasyDkimNameLength(token)).not.toThrow();
});

test('a token domain passes the Easy DKIM length check even when its text (a long display hint) is longer than any name', () => {
  const token = Lazy.string({ produce: () => 'example.org' }, { displayHint: 'd'.repeat(DNS_NAME_MAX) });
  expect(token.length).toBeGreaterThan(DNS_NAME_MAX);
  expect(() => checkEasyDkimNameLength(token)).not.toThrow();
});

test('a domain too long for Easy DKIM names fails at synth, saying how long it may be', () => {
  const fits = 'd'.repeat(DNS_NAME_MAX - 32 - '._domainkey.'.length);
  expect(() => checkEasyDkimNameLength(fits)).not.toThrow();
  expect(() => checkEasyDkimNameLength(`${fits}e`)).toThrow(new Error(
    `domainName '${abbreviate(`${fits}e`)}' (210 characters) is too long for Easy DKIM: SES names its records <32-character token>._domainkey.<domain>, 254 characters, `
    + 'and DNS names hold at most 253; use a domain of at most 209 characters or DkimSigning.byoDkim with a short selector'));
});

test.each<[string, number, string]>([
  ['short', 60, 'short'],
  ['x'.repeat(60), 60, 'x'.repeat(60)],
  ['x'.repeat(61), 60, `${'x'.repeat(57)}...`],
  ['abcdefghij', 8, 'abcde...'],
])('abbreviate(%j, %i)', (value, max, shown) => {
  expect(abbreviate(value, max)).toBe(shown);
});

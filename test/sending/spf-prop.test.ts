import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Spf, SpfAll, VerifiedMailDomain } from '../../src';
import { literalRecords, zoneStack } from '../helpers/util';

function domainTxt(spf: Spf): unknown[] {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, spf });
  return literalRecords(stack)['example.org. TXT'];
}

test.each([
  [SpfAll.FAIL, '"v=spf1 include:amazonses.com -all"'],
  [SpfAll.NEUTRAL, '"v=spf1 include:amazonses.com ?all"'],
  [SpfAll.SOFTFAIL, '"v=spf1 include:amazonses.com ~all"'],
])('the all qualifier %s', (all, record) => {
  expect(domainTxt(Spf.publish({ all }))).toEqual([record]);
});

test('include: prefixes, duplicates and amazonses.com are written once', () => {
  expect(domainTxt(Spf.publish({ include: ['include:_spf.Google.com', '_spf.google.com', 'amazonses.com'] }))).toEqual([
    '"v=spf1 include:amazonses.com include:_spf.google.com ~all"',
  ]);
});

test('free-form terms go before all', () => {
  expect(domainTxt(Spf.publish({ terms: ['a:mail.example.org/24', 'exists:%{i}._spf.example.org', 'exp=explain.example.org'], all: SpfAll.FAIL })))
    .toEqual(['"v=spf1 include:amazonses.com a:mail.example.org/24 exists:%{i}._spf.example.org exp=explain.example.org -all"']);
});

test('exactly ten lookups are allowed', () => {
  const include = Array.from({ length: 9 }, (_, i) => `spf${i}.example.net`);
  const text = `v=spf1 include:amazonses.com ${include.map((d) => `include:${d}`).join(' ')} ~all`;
  expect(text.length).toBe(258);
  expect(domainTxt(Spf.publish({ include }))).toEqual([`"${text.slice(0, 255)}" "${text.slice(255)}"`]);
});

test('443 characters do not warn', () => {
  const { stack, zone } = zoneStack();
  const ip6 = Array.from({ length: 20 }, (_, i) => `2001:db8:${i}::/48`);
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, spf: Spf.publish({ ip6 }) });
  Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
});

test('a record longer than 255 characters is split into strings of one record', () => {
  const ip4 = Array.from({ length: 20 }, (_, i) => `198.51.100.${i}`);
  const text = `v=spf1 ${ip4.map((ip) => `ip4:${ip}`).join(' ')} include:amazonses.com ~all`;
  expect(text.length).toBeGreaterThan(255);
  expect(domainTxt(Spf.publish({ ip4 }))).toEqual([`"${text.slice(0, 255)}" "${text.slice(255)}"`]);
});

test('a record longer than 450 characters warns about the 512-octet answer', () => {
  const { stack, zone } = zoneStack();
  const ip6 = Array.from({ length: 21 }, (_, i) => `2001:db8:${i}::/48`);
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, spf: Spf.publish({ ip6 }) });
  Annotations.fromStack(stack).hasWarning('/Test/Mail', Match.stringLikeRegexp(
    '^The SPF record of example.org is 464 characters; past 450 the DNS answer may exceed 512 octets'));
});

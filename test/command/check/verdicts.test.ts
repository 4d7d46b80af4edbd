import { AppDomain } from '../../../src/command/check/assembly';
import { expectedRecords } from '../../../src/command/check/verdicts';
import { RecordKind } from '../../../src/record-model';

// The records a domain expects, from its metadata and, for the Easy DKIM records known only after deploy, from the
// deployed outputs (read back by the zone-file reader). The comparison against DNS runs on BIND in check.test.ts.

const getAtt = (n: number) => ({ 'Fn::GetAtt': ['MailIdentity', `DkimDNSTokenName${n}`] });
const domain: AppDomain = {
  stackName: 'Mail',
  constructPath: '/Mail/Mail',
  metadata: {
    version: 1,
    domain: 'a.example.org',
    region: 'eu-west-1',
    hostedZone: 'example.org',
    output: 'Records1',
    records: [
      { kind: RecordKind.DKIM, name: getAtt(1), type: 'CNAME', values: [{ 'Fn::GetAtt': ['MailIdentity', 'DkimDNSTokenValue1'] }], ttl: 1800, purpose: 'Easy DKIM record 1' },
      { kind: RecordKind.DKIM, name: getAtt(2), type: 'CNAME', values: [{ 'Fn::GetAtt': ['MailIdentity', 'DkimDNSTokenValue2'] }], ttl: 1800, purpose: 'Easy DKIM record 2' },
      { kind: RecordKind.MAIL_FROM_MX, name: 'Bounce.A.example.org.', type: 'MX', values: ['10 Feedback-SMTP.eu-west-1.amazonses.com.'], ttl: 1800, purpose: 'MAIL FROM MX' },
      { kind: RecordKind.DOMAIN_TXT, name: 'a.example.org.', type: 'TXT', values: ['v=spf1 include:amazonses.com ~all', 'Case=Kept'], ttl: 1800, purpose: 'SPF of the domain' },
    ],
  },
};
const literal = [
  { kind: RecordKind.MAIL_FROM_MX, purpose: 'MAIL FROM MX', name: 'bounce.a.example.org', type: 'MX', values: ['10 feedback-smtp.eu-west-1.amazonses.com'] },
  { kind: RecordKind.DOMAIN_TXT, purpose: 'SPF of the domain', name: 'a.example.org', type: 'TXT', values: ['v=spf1 include:amazonses.com ~all', 'Case=Kept'] },
];
const block = ['; a.example.org', 'TOK1._domainkey.a.example.org. 1800 IN CNAME TOK1.dkim.amazonses.com.',
  'tok2._domainkey.a.example.org. 1800 IN CNAME tok2.dkim.amazonses.com.', 'a.example.org. 1800 IN TXT "not a DKIM record"'].join('\n');

test('without outputs: the deploy-time records have no name or value, deployed is unknown', () => {
  expect(expectedRecords(domain)).toEqual({
    records: [
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', type: 'CNAME' },
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', type: 'CNAME' },
      ...literal,
    ],
    deployed: undefined,
  });
});

test('with the stack in the outputs: the CNAMEs of the domain\'s block fill the deploy-time records in order, lower case', () => {
  expect(expectedRecords(domain, { Mail: { Records1: block } })).toEqual({
    records: [
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', name: 'tok1._domainkey.a.example.org', type: 'CNAME', values: ['tok1.dkim.amazonses.com'] },
      { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', name: 'tok2._domainkey.a.example.org', type: 'CNAME', values: ['tok2.dkim.amazonses.com'] },
      ...literal,
    ],
    deployed: true,
  });
});

test('with outputs that lack the stack: not deployed yet, the deploy-time records stay pending', () => {
  const { records, deployed } = expectedRecords(domain, { Other: { Records1: block } });
  expect(deployed).toBe(false);
  expect(records.slice(0, 2)).toEqual([
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 1', type: 'CNAME' },
    { kind: RecordKind.DKIM, purpose: 'Easy DKIM record 2', type: 'CNAME' },
  ]);
});

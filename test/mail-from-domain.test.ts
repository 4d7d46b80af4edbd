import { Token } from 'aws-cdk-lib';
import { RecordContext, RecordKind } from '../src/context';
import { mailFromDomainOf, mailFromRecords } from '../src/mail-from';

// The custom MAIL FROM domain and its two records, called directly (through the construct: test/validation.test.ts, test/record-set-group.test.ts).

const token = Token.asString({ Ref: 'Domain' });

test.each<[string, boolean, string | undefined, string | undefined, string | undefined]>([
  ['example.org', false, undefined, undefined, undefined],
  ['example.org', true, undefined, undefined, 'bounce.example.org'],
  ['example.org', true, undefined, 'mail', 'mail.example.org'],
  ['example.org', true, 'Return', undefined, 'return.example.org'],
  ['example.org', true, 'return', 'mail', 'return.example.org'],
])('mailFromDomainOf(%s, %s, %s, default %s) is %s', (domainName, custom, subdomain, defaultLabel, domain) => {
  expect(mailFromDomainOf(domainName, custom, subdomain, defaultLabel)).toBe(domain);
});

test('a token domain or label passes unchecked', () => {
  expect(mailFromDomainOf(token, true, undefined)).toBe(`bounce.${token}`);
  expect(mailFromDomainOf('example.org', true, token)).toBe(`${token}.example.org`);
});

test('a subdomain without custom MAIL FROM is refused', () => {
  expect(() => mailFromDomainOf('example.org', false, 'bounce')).toThrow("mailFromSubdomain ('bounce') is set but customMailFrom is false; remove one of them");
  expect(() => mailFromDomainOf('example.org', false, '')).toThrow("mailFromSubdomain ('') is set but customMailFrom is false; remove one of them");
});

test('a bad label is refused by the label check', () => {
  expect(() => mailFromDomainOf('example.org', true, 'a.b')).toThrow("mailFromSubdomain must be a single DNS label without dots (e.g. 'bounce'), got 'a.b'");
});

test('the MAIL FROM domain may be 253 characters long, not 254', () => {
  const domainName = (length: number) => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(length - 128)}`;
  expect(mailFromDomainOf(domainName(246), true, undefined)).toBe(`bounce.${domainName(246)}`);
  const long = `bounce.${domainName(247)}`;
  expect(() => mailFromDomainOf(domainName(247), true, undefined)).toThrow(`mailFromSubdomain makes the MAIL FROM domain '${long}' 254 characters long; at most 253 are allowed`);
});

function ctx(mailFromDomain: string | undefined): RecordContext {
  return { domainName: 'example.org', mailFromDomain, region: 'eu-west-1', ttl: 300 } as RecordContext;
}

test('no records without a MAIL FROM domain', () => {
  expect(mailFromRecords(ctx(undefined))).toEqual([]);
  expect(mailFromRecords(ctx(''))).toEqual([]);
});

test('one MX to the region\'s feedback endpoint and the SPF of the envelope sender', () => {
  const sources = { nameFrom: 'mailFromSubdomain', valuesFrom: 'the stack region' };
  expect(mailFromRecords(ctx('bounce.example.org'))).toEqual([
    {
      id: 'MailFromMx',
      kind: RecordKind.MAIL_FROM_MX,
      ...sources,
      record: {
        name: 'bounce.example.org.',
        type: 'MX',
        values: ['10 feedback-smtp.eu-west-1.amazonses.com'],
        ttl: 300,
        purpose: 'custom MAIL FROM: SES bounce and complaint feedback (MX)',
      },
    },
    {
      id: 'MailFromSpf',
      kind: RecordKind.MAIL_FROM_SPF,
      ...sources,
      record: { name: 'bounce.example.org.', type: 'TXT', values: ['v=spf1 include:amazonses.com ~all'], ttl: 300, purpose: 'custom MAIL FROM: SPF of the envelope sender' },
    },
  ]);
});

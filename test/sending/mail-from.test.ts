import { App, Aws, Lazy, Stack, Token } from 'aws-cdk-lib';
import { RecordContext, RecordKind } from '../../src/context';
import { mailFromDomainOf, mailFromRecords } from '../../src/sending/mail-from';

// mailFromDomainOf and mailFromRecords directly, without a VerifiedMailDomain.

describe('mailFromDomainOf', () => {
  test.each<[string, string, string | undefined, string | undefined, string]>([
    ['the default label', 'example.org', undefined, undefined, 'bounce.example.org'],
    ['a given label, lower-cased', 'example.org', 'Mail', undefined, 'mail.example.org'],
    ['the caller\'s default label (a secondary region)', 'example.org', undefined, 'bounce-eu-west-1', 'bounce-eu-west-1.example.org'],
    ['a given label wins over the caller\'s default', 'example.org', 'rp', 'bounce-eu-west-1', 'rp.example.org'],
  ])('%s', (_, domain, subdomain, defaultLabel, expected) => {
    expect(mailFromDomainOf(domain, true, subdomain, defaultLabel)).toBe(expected);
  });

  test('without custom MAIL FROM there is no MAIL FROM domain', () => {
    expect(mailFromDomainOf('example.org', false, undefined)).toBeUndefined();
  });

  test('a label given while customMailFrom is false is refused, not dropped', () => {
    expect(() => mailFromDomainOf('example.org', false, 'bounce')).toThrow(new Error(
      "mailFromSubdomain ('bounce') is set but customMailFrom is false; remove one of them"));
  });

  test.each([
    ['a label with a dot', 'a.b', "mailFromSubdomain must be a single DNS label without dots (e.g. 'bounce'), got 'a.b'"],
    ['an empty label', '', "mailFromSubdomain must not contain an empty label (a leading dot or two dots in a row), got ''"],
    ['a 64-character label', 'x'.repeat(64), `mailFromSubdomain labels must be 1-63 characters long, got 64 in '${'x'.repeat(64)}'`],
  ])('%s is refused by the label check', (_, label, message) => {
    expect(() => mailFromDomainOf('example.org', true, label)).toThrow(new Error(message));
  });

  // 'bounce.' is 7 characters: a domain of 246 makes 253 (the limit), 247 makes 254.
  const domainOfLength = (n: number) => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(n - 3 * 64)}`;
  test.each([245, 246])('a MAIL FROM domain of %s + 7 characters is allowed', (n) => {
    const domain = domainOfLength(n);
    expect(domain).toHaveLength(n);
    expect(mailFromDomainOf(domain, true, undefined)).toBe(`bounce.${domain}`);
  });

  test('a MAIL FROM domain of 254 characters is refused', () => {
    const domain = domainOfLength(247);
    expect(() => mailFromDomainOf(domain, true, undefined)).toThrow(new Error(
      `mailFromSubdomain makes the MAIL FROM domain 'bounce.${domain}' 254 characters long; at most 253 are allowed`));
  });

  test('a domain that is a token is never a false length error', () => {
    const token = Lazy.string({ produce: () => 'x'.repeat(300) });
    const domain = mailFromDomainOf(token, true, undefined)!;
    expect(domain.startsWith('bounce.')).toBe(true);
    expect(new Stack().resolve(domain)).toBe(`bounce.${'x'.repeat(300)}`);
  });
});

describe('mailFromRecords', () => {
  function context(mailFromDomain: string | undefined, region: string, ttl = 1800): RecordContext {
    const stack = new Stack(new App(), 'Test');
    return { scope: stack, domainName: 'example.org', mailFromDomain, region, ttl } as unknown as RecordContext;
  }

  test.each([
    ['eu-west-1', 1800],
    ['ap-southeast-2', 300],
  ])('one MX to the feedback endpoint of %s and the SPF of the envelope sender, TTL %s', (region, ttl) => {
    expect(mailFromRecords(context('bounce.example.org', region, ttl))).toEqual([
      {
        id: 'MailFromMx',
        kind: 'mailFromMx',
        record: {
          name: 'bounce.example.org.',
          type: 'MX',
          values: [`10 feedback-smtp.${region}.amazonses.com`],
          ttl,
          purpose: 'custom MAIL FROM: SES bounce and complaint feedback (MX)',
        },
        nameFrom: 'mailFromSubdomain',
        valuesFrom: 'the stack region',
      },
      {
        id: 'MailFromSpf',
        kind: 'mailFromSpf',
        record: { name: 'bounce.example.org.', type: 'TXT', values: ['v=spf1 include:amazonses.com ~all'], ttl, purpose: 'custom MAIL FROM: SPF of the envelope sender' },
        nameFrom: 'mailFromSubdomain',
        valuesFrom: 'the stack region',
      },
    ]);
  });

  test('no records without a MAIL FROM domain', () => {
    expect(mailFromRecords(context(undefined, 'eu-west-1'))).toEqual([]);
  });

  test('a region that is a token stays in the MX value', () => {
    const [mx] = mailFromRecords(context('bounce.example.org', Aws.REGION));
    expect(new Stack().resolve(mx.record.values)).toEqual([{ 'Fn::Join': ['', ['10 feedback-smtp.', { Ref: 'AWS::Region' }, '.amazonses.com']] }]);
  });
});

// The cases the mutation run (TESTING.md) asked for.
describe('mailFromDomainOf and mailFromRecords, boundaries', () => {

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
    expect(() => mailFromDomainOf('example.org', false, 'bounce')).toThrow(new Error("mailFromSubdomain ('bounce') is set but customMailFrom is false; remove one of them"));
    expect(() => mailFromDomainOf('example.org', false, '')).toThrow(new Error("mailFromSubdomain ('') is set but customMailFrom is false; remove one of them"));
  });

  test('a bad label is refused by the label check', () => {
    expect(() => mailFromDomainOf('example.org', true, 'a.b')).toThrow(new Error("mailFromSubdomain must be a single DNS label without dots (e.g. 'bounce'), got 'a.b'"));
  });

  test('the MAIL FROM domain may be 253 characters long, not 254', () => {
    const domainName = (length: number) => `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(length - 128)}`;
    expect(mailFromDomainOf(domainName(246), true, undefined)).toBe(`bounce.${domainName(246)}`);
    const long = `bounce.${domainName(247)}`;
    expect(() => mailFromDomainOf(domainName(247), true, undefined)).toThrow(new Error(`mailFromSubdomain makes the MAIL FROM domain '${long}' 254 characters long; at most 253 are allowed`));
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
});

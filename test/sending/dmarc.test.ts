import { App, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ses from 'aws-cdk-lib/aws-ses';
import { RecordContext, RecordKind } from '../../src/context';
import { Dmarc, DmarcAlignment, DmarcFailureReportOption, DmarcOptions, DmarcPolicy } from '../../src/sending/dmarc';

// Dmarc's record, report authorizations, warnings and checks, called directly (through the construct's `dmarc` prop:
// dmarc-prop.test.ts).

/** A stack with a real SES identity, and the record context Dmarc reads. */
function context(more: Partial<RecordContext> = {}): { stack: Stack; ctx: RecordContext } {
  const stack = new Stack(new App(), 'Test');
  const identity = new ses.EmailIdentity(stack, 'Identity', { identity: ses.Identity.domain('example.org') });
  const ctx = { scope: stack, domainName: 'example.org', mailFromDomain: 'bounce.example.org', ttl: 600, identity, region: 'eu-west-1', zoneName: 'example.org', ...more };
  return { stack, ctx: ctx as RecordContext };
}

/** The warnings of the stack as `id: message`. */
function warnings(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
}

/** The DMARC record's one value for these options. */
function text(options: DmarcOptions): string {
  const { ctx } = context();
  const [record] = Dmarc.publish(options)._records(ctx);
  return record.record.values[0];
}

test('the default record: v=DMARC1; p=none at _dmarc, with its kind, TTL, purpose and the props it comes from', () => {
  const { ctx, stack } = context();
  expect(Dmarc.publish()._records(ctx)).toEqual([{
    id: 'Dmarc',
    kind: RecordKind.DMARC,
    record: { name: '_dmarc.example.org.', type: 'TXT', values: ['v=DMARC1; p=none'], ttl: 600, purpose: 'DMARC policy' },
    nameFrom: 'domainName',
    valuesFrom: 'dmarc',
  }]);
  expect(warnings(stack)).toEqual([]);
});

test('Dmarc.none() publishes nothing', () => {
  expect(Dmarc.none()._records(context().ctx)).toEqual([]);
});

test.each<[DmarcOptions, string]>([
  [{ policy: DmarcPolicy.REJECT }, 'v=DMARC1; p=reject'],
  [{ subdomainPolicy: DmarcPolicy.QUARANTINE }, 'v=DMARC1; p=none; sp=quarantine'],
  [{ nonExistentSubdomainPolicy: DmarcPolicy.REJECT }, 'v=DMARC1; p=none; np=reject'],
  [{ dkimAlignment: DmarcAlignment.STRICT }, 'v=DMARC1; p=none; adkim=s'],
  [{ dkimAlignment: DmarcAlignment.RELAXED, spfAlignment: DmarcAlignment.RELAXED }, 'v=DMARC1; p=none; adkim=r; aspf=r'],
  [{ testing: true }, 'v=DMARC1; p=none; t=y'],
  [{ testing: false }, 'v=DMARC1; p=none'],
  [{ aggregateReportAddresses: ['a@example.org', 'MAILTO:b@Example.ORG'] }, 'v=DMARC1; p=none; rua=mailto:a@example.org,mailto:b@example.org'],
  [{ aggregateReportAddresses: ['a@example.org', 'mailto:a@example.org'] }, 'v=DMARC1; p=none; rua=mailto:a@example.org'],
  [{ failureReportAddresses: ['f@example.org'], failureReportOptions: [DmarcFailureReportOption.SPF_FAIL, DmarcFailureReportOption.SPF_FAIL, DmarcFailureReportOption.ALL_FAIL] },
    'v=DMARC1; p=none; fo=s:0; ruf=mailto:f@example.org'],
  [{ aggregateReportAddresses: [], failureReportAddresses: [], failureReportOptions: [] }, 'v=DMARC1; p=none'],
  [{ failureReportAddresses: ['f@example.org', 'g@example.org'] }, 'v=DMARC1; p=none; ruf=mailto:f@example.org,mailto:g@example.org'],
])('options %j give %s', (options, expected) => {
  expect(text(options)).toBe(expected);
});

describe('bad options, each with its exact message', () => {
  test.each<[unknown, string]>([
    [{ policy: 'block' }, "dmarc.policy must be one of DmarcPolicy.NONE ('none'), DmarcPolicy.QUARANTINE ('quarantine'), DmarcPolicy.REJECT ('reject'), got 'block'"],
    [{ subdomainPolicy: 'REJECT' }, "dmarc.subdomainPolicy must be one of DmarcPolicy.NONE ('none'), DmarcPolicy.QUARANTINE ('quarantine'), DmarcPolicy.REJECT ('reject'), got 'REJECT'"],
    [{ spfAlignment: 'relaxed' }, "dmarc.spfAlignment must be one of DmarcAlignment.RELAXED ('r'), DmarcAlignment.STRICT ('s'), got 'relaxed'"],
    [{ nonExistentSubdomainPolicy: 'x' }, "dmarc.nonExistentSubdomainPolicy must be one of DmarcPolicy.NONE ('none'), DmarcPolicy.QUARANTINE ('quarantine'), DmarcPolicy.REJECT ('reject'), got 'x'"],
    [{ dkimAlignment: 'x' }, "dmarc.dkimAlignment must be one of DmarcAlignment.RELAXED ('r'), DmarcAlignment.STRICT ('s'), got 'x'"],
    [{ testing: 'yes' }, 'dmarc.testing must be true or false, got string "yes"'],
    [{ aggregateReportAddresses: 'a@example.org' }, 'dmarc.aggregateReportAddresses must be a list of strings, got string "a@example.org"'],
    [{ failureReportAddresses: 'a@example.org' }, 'dmarc.failureReportAddresses must be a list of strings, got string "a@example.org"'],
    [{ failureReportOptions: ['2'] }, "dmarc.failureReportOptions[0] must be one of DmarcFailureReportOption.ALL_FAIL ('0'), DmarcFailureReportOption.ANY_FAIL ('1'), "
      + "DmarcFailureReportOption.DKIM_FAIL ('d'), DmarcFailureReportOption.SPF_FAIL ('s'), got '2'"],
    // A colon after the start is no scheme, and a ',' in the domain is the domain's fault, not a URI separator.
    [{ aggregateReportAddresses: ['dmarc@example.org:25'] }, "dmarc.aggregateReportAddresses labels may hold only letters, digits and inner hyphens, got 'org:25' in 'example.org:25'"],
    [{ aggregateReportAddresses: ['dmarc@exa,mple.org'] }, "dmarc.aggregateReportAddresses labels may hold only letters, digits and inner hyphens, got 'exa,mple' in 'exa,mple.org'"],
    [{ aggregateReportAddresses: ['a;b@example.org'] }, "dmarc.aggregateReportAddresses entries must be e-mail addresses like 'dmarc@example.com', got 'a;b@example.org'"],
    [{ failureReportAddresses: ['mailto:a;b@example.org'] }, "dmarc.failureReportAddresses entries must be e-mail addresses like 'dmarc@example.com', got 'mailto:a;b@example.org'"],
    [{ failureReportOptions: [DmarcFailureReportOption.ALL_FAIL, DmarcFailureReportOption.ANY_FAIL] },
      'dmarc.failureReportOptions must not hold both ALL_FAIL (0) and ANY_FAIL (1) (RFC 9989), got 0:1'],
    [{ aggregateReportAddresses: ['https://reports.example.org/dmarc'] },
      "dmarc.aggregateReportAddresses entries must be e-mail addresses or mailto: URIs (receivers send reports only by mail), got 'https://reports.example.org/dmarc'"],
    [{ failureReportAddresses: ['a,b@example.org'] },
      "dmarc.failureReportAddresses entries must not contain a raw ',' or '!' (they separate URIs and sizes in DMARC); percent-encode them as %2C and %21, got 'a,b@example.org'"],
    [{ aggregateReportAddresses: ['mailto:dmarc!10m@example.org'] },
      "dmarc.aggregateReportAddresses entries must not contain a raw ',' or '!' (they separate URIs and sizes in DMARC); percent-encode them as %2C and %21, got 'mailto:dmarc!10m@example.org'"],
  ])('%j', (options, message) => {
    expect(() => Dmarc.publish(options as DmarcOptions)).toThrow(new Error(message));
  });

  test('a record text instead of options, which would publish p=none, weaker than asked', () => {
    expect(() => Dmarc.publish('v=DMARC1; p=reject' as unknown as DmarcOptions)).toThrow(new Error(
      'Dmarc.publish takes an options object such as { policy: DmarcPolicy.REJECT, aggregateReportAddresses: [\'dmarc@example.com\'] }, got string "v=DMARC1; p=reject"'));
  });

  test('an option name DMARC does not have', () => {
    expect(() => Dmarc.publish({ pct: 50 } as unknown as DmarcOptions)).toThrow(new Error('Dmarc.publish has no option \'pct\'; options: policy, subdomainPolicy, '
      + 'nonExistentSubdomainPolicy, aggregateReportAddresses, failureReportAddresses, dkimAlignment, spfAlignment, failureReportOptions, testing'));
  });
});

describe('report authorizations (RFC 9989 external destination verification)', () => {
  test('a report domain inside the hosted zone gets its v=DMARC1 record, once, after the policy', () => {
    const { ctx, stack } = context({ domainName: 'shop.example.org' });
    const entries = Dmarc.publish({ aggregateReportAddresses: ['a@reports.example.org'], failureReportAddresses: ['b@reports.example.org'] })._records(ctx);
    expect(entries.map((e) => [e.id, e.kind, e.record.name, e.record.values, e.record.purpose, e.nameFrom, e.valuesFrom])).toEqual([
      ['Dmarc', RecordKind.DMARC, '_dmarc.shop.example.org.', ['v=DMARC1; p=none; rua=mailto:a@reports.example.org; ruf=mailto:b@reports.example.org'], 'DMARC policy',
        'domainName', 'dmarc'],
      ['DmarcReportAuthorization-reports.example.org', RecordKind.DMARC_REPORT_AUTHORIZATION, 'shop.example.org._report._dmarc.reports.example.org.', ['v=DMARC1'],
        'consent of reports.example.org to receive DMARC reports for shop.example.org', 'domainName with a dmarc report address domain', 'dmarc'],
    ]);
    expect(warnings(stack)).toEqual([]);
  });

  test('a report domain outside the zone (or with no zone) gets a warning with its id and the record to publish', () => {
    for (const zoneName of ['example.org', undefined]) {
      const { ctx, stack } = context({ zoneName });
      expect(Dmarc.publish({ aggregateReportAddresses: ['r@dmarc.vendor.example'] })._records(ctx)).toHaveLength(1);
      expect(warnings(stack)).toEqual(['DMARC reports for example.org go to dmarc.vendor.example, which is outside this hosted zone: dmarc.vendor.example must '
        + 'publish TXT "v=DMARC1" at example.org._report._dmarc.dmarc.vendor.example. or receivers will not send the reports '
        + '[ack: cdk-verified-mail-domain:dmarcExternalReports:dmarc.vendor.example]']);
    }
  });

  test('the domain itself, a subdomain of it or its parent need no consent', () => {
    const { ctx, stack } = context({ domainName: 'shop.example.org' });
    const entries = Dmarc.publish({ aggregateReportAddresses: ['a@shop.example.org', 'b@eu.shop.example.org', 'c@example.org'] })._records(ctx);
    expect(entries.map((e) => e.id)).toEqual(['Dmarc']);
    expect(warnings(stack)).toEqual([]);
  });

  test.each<[string, DmarcOptions]>([
    ['aggregate', { aggregateReportAddresses: ['a@reports.example.org'] }],
    ['failure', { failureReportAddresses: ['a@reports.example.org'] }],
  ])('a domain name that is a token, with %s report addresses: no authorization records, a warning that they cannot be told', (_, options) => {
    const { ctx, stack } = context({ domainName: Token.asString({ Ref: 'Domain' }) });
    // toStrictEqual: toEqual would pass with a stray undefined entry after 'Dmarc'.
    expect(Dmarc.publish(options)._records(ctx).map((e) => e.id)).toStrictEqual(['Dmarc']);
    expect(warnings(stack)).toEqual(['DMARC report addresses are set, but the domain name is a token, so the construct cannot tell whether they lie in another domain: '
      + 'a report domain outside the sending domain must publish TXT "v=DMARC1" at <domain>._report._dmarc.<report domain>, or receivers will not send the reports '
      + '[ack: cdk-verified-mail-domain:dmarcReportsDomainUnknown]']);
  });

  test('a token domain name without report addresses warns about nothing', () => {
    const { ctx, stack } = context({ domainName: Token.asString({ Ref: 'Domain' }) });
    Dmarc.publish()._records(ctx);
    expect(warnings(stack)).toEqual([]);
  });

  test('a report address that is a token is written as a mailto: URI (once, given with and without mailto:) and asks for no consent', () => {
    const { ctx, stack } = context();
    const address = Token.asString({ Ref: 'Reports' });
    const [record, ...rest] = Dmarc.publish({ aggregateReportAddresses: [address, `mailto:${address}`] })._records(ctx);
    expect(stack.resolve(record.record.values[0])).toEqual({ 'Fn::Join': ['', ['v=DMARC1; p=none; rua=mailto:', { Ref: 'Reports' }]] });
    expect(rest).toEqual([]);
  });
});

describe('warnings', () => {
  test('fo with failure report addresses warns about nothing', () => {
    const { ctx, stack } = context();
    Dmarc.publish({ failureReportOptions: [DmarcFailureReportOption.DKIM_FAIL], failureReportAddresses: ['f@example.org'] })._records(ctx);
    expect(warnings(stack)).toEqual([]);
  });

  test('fo without failure report addresses has no effect', () => {
    const { ctx, stack } = context();
    Dmarc.publish({ failureReportOptions: [DmarcFailureReportOption.DKIM_FAIL, DmarcFailureReportOption.SPF_FAIL] })._records(ctx);
    expect(warnings(stack)).toEqual([
      'dmarc.failureReportOptions (fo=d:s) has no effect without dmarc.failureReportAddresses [ack: cdk-verified-mail-domain:dmarcFoWithoutRuf]',
    ]);
  });

  test.each<[string | undefined, string]>([
    ['bounce.example.org', 'bounce.example.org'],
    [undefined, 'amazonses.com'],
  ])('strict SPF alignment with the MAIL FROM domain %s can never align', (mailFromDomain, envelope) => {
    const { ctx, stack } = context({ mailFromDomain });
    Dmarc.publish({ spfAlignment: DmarcAlignment.STRICT })._records(ctx);
    expect(warnings(stack)).toEqual([`dmarc.spfAlignment is STRICT, but SES mail's envelope (MAIL FROM) is ${envelope}, never exactly example.org: `
      + 'SPF can never align, so DMARC rests on DKIM alone. Use RELAXED. [ack: cdk-verified-mail-domain:dmarcStrictSpf]']);
  });
});

describe('_withReports: the reports address of dmarcReports added', () => {
  const values = (dmarc: Dmarc, more: Partial<RecordContext> = {}) => {
    const { ctx, stack } = context(more);
    return { records: dmarc._records(ctx).map((e) => `${e.record.name} ${e.record.values[0]}`), warnings: warnings(stack) };
  };

  test('after the user\'s own addresses in rua, and in ruf too with failure reports; the options otherwise kept', () => {
    const dmarc = Dmarc.publish({ policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['a@example.org'], failureReportAddresses: ['f@example.org'] });
    expect(values(dmarc._withReports('dmarc@dmarc-reports.example.org', false, true)).records).toEqual([
      '_dmarc.example.org. v=DMARC1; p=reject; rua=mailto:a@example.org,mailto:dmarc@dmarc-reports.example.org; ruf=mailto:f@example.org',
    ]);
    expect(values(Dmarc.publish()._withReports('dmarc@dmarc-reports.example.org', true, true)).records).toEqual([
      '_dmarc.example.org. v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.example.org; ruf=mailto:dmarc@dmarc-reports.example.org',
    ]);
  });

  test('an address needing no consent here: no record and no warning, even outside the zone or with a token domain', () => {
    const shared = Dmarc.publish()._withReports('dmarc@dmarc-reports.example.net', false, true);
    expect(values(shared)).toEqual({ records: ['_dmarc.example.org. v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.example.net'], warnings: [] });
    const domainName = Token.asString({ Ref: 'Domain' });
    expect(values(Dmarc.publish()._withReports(`dmarc@dmarc-reports.${domainName}`, false, true), { domainName, zoneName: undefined }).warnings).toEqual([]);
  });

  test('an address that needs consent: the record in the zone when the report domain lies there, else the warning', () => {
    const inZone = Dmarc.publish()._withReports('dmarc@reports.example.org', false, false);
    expect(values(inZone, { domainName: 'shop.example.org' }).records).toEqual([
      '_dmarc.shop.example.org. v=DMARC1; p=none; rua=mailto:dmarc@reports.example.org',
      'shop.example.org._report._dmarc.reports.example.org. v=DMARC1',
    ]);
    expect(values(Dmarc.publish()._withReports('dmarc@dmarc-reports.example.net', false, false)).warnings).toEqual([
      'DMARC reports for example.org go to dmarc-reports.example.net, which is outside this hosted zone: dmarc-reports.example.net must publish TXT "v=DMARC1" at '
      + 'example.org._report._dmarc.dmarc-reports.example.net. or receivers will not send the reports [ack: cdk-verified-mail-domain:dmarcExternalReports:dmarc-reports.example.net]',
    ]);
  });

  test('a report address that is a token: the warning says so (the domain name is known)', () => {
    const address = Token.asString({ Ref: 'ReportsAddress' });
    expect(values(Dmarc.publish({ aggregateReportAddresses: [address] })).warnings).toEqual([
      'DMARC report addresses are set, but a report address is a token, so the construct cannot tell whether they lie in another domain: '
      + 'a report domain outside the sending domain must publish TXT "v=DMARC1" at <domain>._report._dmarc.<report domain>, or receivers will not send the reports '
      + '[ack: cdk-verified-mail-domain:dmarcReportsDomainUnknown]',
    ]);
  });

  test('a token address beside a literal one outside the zone: the token warning, and the literal one still gets its own', () => {
    const address = Token.asString({ Ref: 'ReportsAddress' });
    expect(values(Dmarc.publish({ aggregateReportAddresses: [address, 'dmarc@example.net'] })).warnings.map((w) => w.slice(w.lastIndexOf('[ack: ')))).toEqual([
      '[ack: cdk-verified-mail-domain:dmarcReportsDomainUnknown]', '[ack: cdk-verified-mail-domain:dmarcExternalReports:example.net]',
    ]);
  });

  test('Dmarc.none() cannot name the address', () => {
    expect(() => Dmarc.none()._withReports('dmarc@dmarc-reports.example.org', false, true)).toThrow(new Error(
      'dmarcReports receives reports at dmarc@dmarc-reports.example.org, which only a DMARC record can name, and dmarc is Dmarc.none(): '
      + 'use Dmarc.publish(...) (the policy stays yours to choose), or leave dmarcReports out'));
  });
});

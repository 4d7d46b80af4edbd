// src/reports/dmarc-reports.ts directly: the mailbox and the records DmarcReports makes from a RecordContext, and
// the shareable mailbox (the construct-level tests are the -prop files beside this one).
import { App, Stack, Token } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { RecordContext } from '../../src/context';
import { RecordKind } from '../../src/record-model';
import { DmarcReports } from '../../src/reports/dmarc-reports';
import { DmarcReportsMailbox } from '../../src/reports/mailbox';

function context(overrides: Partial<RecordContext> = {}): RecordContext {
  const stack = new Stack(new App(), 'Direct', { env: { account: '123456789012', region: 'eu-west-1' } });
  return {
    scope: stack,
    domainName: 'example.org',
    mailFromDomain: 'bounce.example.org',
    region: 'eu-west-1',
    zoneName: 'example.org',
    ttl: 300,
    identity: new ses.EmailIdentity(stack, 'Identity', { identity: ses.Identity.domain('example.org') }),
    ...overrides,
  };
}

describe('DmarcReports.receive()', () => {
  test('the mailbox: dmarc@ at the subdomain, failure reports only when asked', () => {
    expect(DmarcReports.receive()._mailbox(context())).toEqual({ domain: 'dmarc-reports.example.org', address: 'dmarc@dmarc-reports.example.org', failureReports: false });
    expect(DmarcReports.receive({ subdomain: 'Reports', failureReports: true })._mailbox(context()))
      .toEqual({ domain: 'reports.example.org', address: 'dmarc@reports.example.org', failureReports: true });
  });

  test('the one record: the reports domain\'s MX to SES in the context\'s region, with its TTL and sources', () => {
    expect(DmarcReports.receive()._records(context({ region: 'us-west-2' }))).toEqual([{
      id: 'DmarcReportsMx',
      kind: RecordKind.DMARC_REPORTS_MX,
      record: { name: 'dmarc-reports.example.org.', type: 'MX', values: ['10 inbound-smtp.us-west-2.amazonaws.com'], ttl: 300, purpose: 'DMARC reports (MX)' },
      nameFrom: 'domainName with dmarcReports subdomain',
      valuesFrom: 'dmarcReports',
    }]);
  });

  test('a token domain or region passes: the names are made of the tokens, no check fails', () => {
    const ctx = context();
    const domainName = Token.asString({ Ref: 'Domain' });
    const mailbox = DmarcReports.receive()._mailbox({ ...ctx, domainName, zoneName: undefined, region: Token.asString({ Ref: 'AWS::Region' }) });
    expect(mailbox.address).toBe(`dmarc@dmarc-reports.${domainName}`);
    expect(DmarcReports.receive()._records({ ...ctx, region: Token.asString({ Ref: 'AWS::Region' }) })).toHaveLength(1);
  });

  test('a mailbox at the MAIL FROM domain is refused, and none when there is no custom MAIL FROM', () => {
    expect(() => DmarcReports.receive({ subdomain: 'bounce' })._mailbox(context())).toThrow(/^dmarcReports subdomain 'bounce' is the MAIL FROM domain bounce\.example\.org/);
    expect(DmarcReports.receive({ subdomain: 'bounce' })._mailbox(context({ mailFromDomain: undefined })).domain).toBe('bounce.example.org');
  });

  test('a reports domain past 253 characters is refused, naming dmarcReports subdomain', () => {
    const domainName = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(50)}.org`;
    expect(() => DmarcReports.receive()._mailbox(context({ domainName, mailFromDomain: undefined })))
      .toThrow(/^dmarcReports subdomain must be at most 253 characters/);
  });

  test('_shareable gives a mailbox with the address, the domain and what the sharers need', () => {
    const ctx = context();
    const zone = route53.HostedZone.fromHostedZoneAttributes(ctx.scope, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
    const mailbox = DmarcReports.receive({ failureReports: true })._shareable(ctx.scope, ctx, zone)!;
    expect(mailbox).toBeInstanceOf(DmarcReportsMailbox);
    expect([mailbox.address, mailbox.domainName, mailbox._ownerDomain, mailbox._failureReports, mailbox._zone, mailbox._ttl])
      .toEqual(['dmarc@dmarc-reports.example.org', 'dmarc-reports.example.org', 'example.org', true, zone, 300]);
  });
});

describe('DmarcReports.sharedWith(mailbox)', () => {
  const owner = () => {
    const ctx = context();
    const zone = route53.HostedZone.fromHostedZoneAttributes(ctx.scope, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
    return DmarcReports.receive()._shareable(ctx.scope, ctx, zone)!;
  };

  test('the sharer names the mailbox; its owner publishes the consent record when the reports domain is outside the sharer\'s zone', () => {
    const shared = DmarcReports.sharedWith(owner());
    expect(shared._mailbox(context({ domainName: 'brand.net', zoneName: 'brand.net', mailFromDomain: undefined }))).toEqual({
      domain: 'dmarc-reports.example.org', address: 'dmarc@dmarc-reports.example.org', failureReports: false, authorizedElsewhere: true,
    });
    expect(shared._mailbox(context({ domainName: 'shop.example.org', mailFromDomain: undefined })).authorizedElsewhere).toBe(false);
    expect(shared._records(context())).toEqual([]);
    expect(shared._shareable(context().scope, context(), undefined)).toBeUndefined();
  });

  test('a mailbox without a zone is not published by its owner: the sharer\'s DMARC warns instead', () => {
    const ctx = context();
    const mailbox = DmarcReports.receive()._shareable(ctx.scope, ctx, undefined)!;
    expect(DmarcReports.sharedWith(mailbox)._mailbox(context({ domainName: 'brand.net', zoneName: 'brand.net' })).authorizedElsewhere).toBe(false);
  });
});

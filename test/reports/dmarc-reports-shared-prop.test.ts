// DmarcReports.sharedWith(mailbox): several domains of an app, one reports mailbox. The DMARC record names the
// mailbox's address, and the consent record `<domain>._report._dmarc.<reports domain>` lands in the mailbox
// domain's zone (its stack), in the sharing domain's own zone when the reports domain lies there, or in a
// warning when the mailbox domain has no zone in the app.
import { App, CfnParameter, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { DmarcReports, VerifiedMailDomain } from '../../src';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const zoneOf = (stack: Stack, id: string, name: string) =>
  route53.HostedZone.fromHostedZoneAttributes(stack, id, { hostedZoneId: id, zoneName: name });
/** Every record set of the stack with a literal name, with its zone id, as `NAME TYPE` -> set. */
const byName = (stack: Stack) => Object.fromEntries(Object.entries<any>(Template.fromStack(stack).toJSON().Resources)
  .flatMap(([, r]) => (r.Type === 'AWS::Route53::RecordSet' ? [{ ...r.Properties, Zone: r.Properties.HostedZoneId }]
    : r.Type === 'AWS::Route53::RecordSetGroup' ? r.Properties.RecordSets.map((s: any) => ({ ...s, Zone: r.Properties.HostedZoneId })) : []))
  .filter((s) => typeof s.Name === 'string')
  .map((s) => [`${s.Name} ${s.Type}`, { Name: s.Name, Type: s.Type, TTL: s.TTL, ResourceRecords: s.ResourceRecords, Zone: s.Zone }]));
const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));

test('two brands in one stack: the second names the first\'s mailbox, and the consent record is in the first\'s zone', () => {
  const stack = new Stack(new App(), 'Brands', { env: ENV });
  const a = new VerifiedMailDomain(stack, 'A', { hostedZone: zoneOf(stack, 'ZBRANDA', 'brand-a.com'), dmarcReports: DmarcReports.receive() });
  expect([a.dmarcReportsMailbox?.address, a.dmarcReportsMailbox?.domainName]).toEqual(['dmarc@dmarc-reports.brand-a.com', 'dmarc-reports.brand-a.com']);
  const b = new VerifiedMailDomain(stack, 'B', { hostedZone: zoneOf(stack, 'ZBRANDB', 'brand-b.com'), dmarcReports: DmarcReports.sharedWith(a.dmarcReportsMailbox!) });
  expect(b.dmarcReportsMailbox).toBeUndefined();

  const sets = byName(stack);
  expect(sets['_dmarc.brand-b.com. TXT']).toEqual({
    Name: '_dmarc.brand-b.com.', Type: 'TXT', TTL: '1800', ResourceRecords: ['"v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.brand-a.com"'], Zone: 'ZBRANDB',
  });
  expect(sets['brand-b.com._report._dmarc.dmarc-reports.brand-a.com. TXT']).toEqual({
    Name: 'brand-b.com._report._dmarc.dmarc-reports.brand-a.com.', Type: 'TXT', TTL: '1800', ResourceRecords: ['"v=DMARC1"'], Zone: 'ZBRANDA',
  });
  // Only the mailbox's domain has the reports MX, the bucket and the rule.
  expect(Object.keys(sets).filter((k) => k.endsWith(' MX'))).toEqual([
    'bounce.brand-a.com. MX', 'dmarc-reports.brand-a.com. MX', 'bounce.brand-b.com. MX',
  ]);
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::S3::Bucket', 1);
  template.resourceCountIs('AWS::SES::ReceiptRule', 1);
  // The consent record is made in A's construct, next to what it consents for.
  expect(stack.node.findChild('A').node.tryFindChild('SharedDmarcReportAuthorization-brand-b.com')).toBeDefined();
  expect(warnings(stack)).toEqual([]);
});

test('the mailbox in another stack and region: the consent record goes to the mailbox\'s stack', () => {
  const app = new App();
  const home = new Stack(app, 'Home', { env: ENV });
  const away = new Stack(app, 'Away', { env: { ...ENV, region: 'us-east-1' } });
  const a = new VerifiedMailDomain(home, 'A', { hostedZone: zoneOf(home, 'ZBRANDA', 'brand-a.com'), dmarcReports: DmarcReports.receive() });
  new VerifiedMailDomain(away, 'C', { hostedZone: zoneOf(away, 'ZBRANDC', 'brand-c.com'), dmarcReports: DmarcReports.sharedWith(a.dmarcReportsMailbox!) });
  expect(byName(home)['brand-c.com._report._dmarc.dmarc-reports.brand-a.com. TXT']?.Zone).toBe('ZBRANDA');
  expect(byName(away)['_dmarc.brand-c.com. TXT'].ResourceRecords).toEqual(['"v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.brand-a.com"']);
  expect(Object.keys(byName(away)).filter((k) => k.includes('_report._dmarc'))).toEqual([]);
});

test('a subdomain brand in the mailbox\'s zone: the consent record is in its own record set group, in the same zone', () => {
  const stack = new Stack(new App(), 'One', { env: ENV });
  const zone = zoneOf(stack, 'ZEXAMPLE', 'example.com');
  const main = new VerifiedMailDomain(stack, 'Main', { hostedZone: zone, dmarcReports: DmarcReports.receive() });
  new VerifiedMailDomain(stack, 'Shop', { hostedZone: zone, domainName: 'shop.example.com', dmarcReports: DmarcReports.sharedWith(main.dmarcReportsMailbox!) });
  const sets = byName(stack);
  expect(sets['shop.example.com._report._dmarc.dmarc-reports.example.com. TXT']).toEqual({
    Name: 'shop.example.com._report._dmarc.dmarc-reports.example.com.', Type: 'TXT', TTL: '1800', ResourceRecords: ['"v=DMARC1"'], Zone: 'ZEXAMPLE',
  });
  expect(stack.node.findChild('Main').node.tryFindChild('SharedDmarcReportAuthorization-shop.example.com')).toBeUndefined();
  expect(warnings(stack)).toEqual([]);
});

test('a mailbox domain without a hosted zone: the DMARC record names it, and a warning shows the consent record to publish', () => {
  const stack = new Stack(new App(), 'Ext', { env: ENV });
  const a = new VerifiedMailDomain(stack, 'A', { domainName: 'brand-a.com', dmarcReports: DmarcReports.receive() });
  new VerifiedMailDomain(stack, 'B', { hostedZone: zoneOf(stack, 'ZBRANDB', 'brand-b.com'), dmarcReports: DmarcReports.sharedWith(a.dmarcReportsMailbox!) });
  expect(warnings(stack)).toEqual([
    'DMARC reports for brand-b.com go to dmarc-reports.brand-a.com, which is outside this hosted zone: dmarc-reports.brand-a.com must publish TXT "v=DMARC1" at '
    + 'brand-b.com._report._dmarc.dmarc-reports.brand-a.com. or receivers will not send the reports [ack: cdk-verified-mail-domain:dmarcExternalReports:dmarc-reports.brand-a.com]',
  ]);
  expect(a.records.filter((r) => r.name.includes('_report'))).toEqual([]);
});

test.each<[string, () => void, string]>([
  ['not a mailbox', () => DmarcReports.sharedWith('dmarc@example.com' as any),
    'DmarcReports.sharedWith mailbox must be the dmarcReportsMailbox of a VerifiedMailDomain with dmarcReports: DmarcReports.receive() (mail.dmarcReportsMailbox), got string "dmarc@example.com"'],
  ['undefined (a domain without DmarcReports.receive())', () => DmarcReports.sharedWith(undefined as any),
    'DmarcReports.sharedWith mailbox must be the dmarcReportsMailbox of a VerifiedMailDomain with dmarcReports: DmarcReports.receive() (mail.dmarcReportsMailbox), got undefined'],
  ['the domain\'s own mailbox', () => {
    const stack = new Stack(new App(), 'Self', { env: ENV });
    const a = new VerifiedMailDomain(stack, 'A', { domainName: 'brand-a.com', dmarcReports: DmarcReports.receive() });
    new VerifiedMailDomain(stack, 'Again', { domainName: 'brand-a.com', dmarcReports: DmarcReports.sharedWith(a.dmarcReportsMailbox!) });
  }, 'dmarcReports is DmarcReports.sharedWith the mailbox of brand-a.com itself (dmarc@dmarc-reports.brand-a.com): use DmarcReports.receive() on the domain that receives them'],
])('DmarcReports.sharedWith refuses %s', (_case, build, message) => {
  expect(build).toThrow(new Error(message));
});

test('the owner\'s failureReports and removalPolicy carry over: ruf names the mailbox, and the consent record is retained with the owner\'s records', () => {
  const stack = new Stack(new App(), 'Kept', { env: ENV });
  const a = new VerifiedMailDomain(stack, 'A', {
    hostedZone: zoneOf(stack, 'ZBRANDA', 'brand-a.com'), dmarcReports: DmarcReports.receive({ failureReports: true }), removalPolicy: RemovalPolicy.RETAIN,
  });
  new VerifiedMailDomain(stack, 'B', { hostedZone: zoneOf(stack, 'ZBRANDB', 'brand-b.com'), dmarcReports: DmarcReports.sharedWith(a.dmarcReportsMailbox!) });
  expect(byName(stack)['_dmarc.brand-b.com. TXT'].ResourceRecords).toEqual([
    '"v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.brand-a.com; ruf=mailto:dmarc@dmarc-reports.brand-a.com"',
  ]);
  const consent = Object.values<any>(Template.fromStack(stack).toJSON().Resources)
    .filter((r) => r.Type === 'AWS::Route53::RecordSet' && r.Properties.Name === 'brand-b.com._report._dmarc.dmarc-reports.brand-a.com.');
  expect(consent.map((r) => [r.DeletionPolicy, r.UpdateReplacePolicy])).toEqual([['Retain', 'Retain']]);
});

test('a consent record name past 253 characters is refused at synth, naming the record', () => {
  const stack = new Stack(new App(), 'Long', { env: ENV });
  const owner = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(55)}.com`;
  const sharer = `${'x'.repeat(50)}.com`;
  const a = new VerifiedMailDomain(stack, 'A', { hostedZone: zoneOf(stack, 'ZOWNER', owner), dmarcReports: DmarcReports.receive() });
  expect(() => new VerifiedMailDomain(stack, 'B', { hostedZone: zoneOf(stack, 'ZSHARER', sharer), dmarcReports: DmarcReports.sharedWith(a.dmarcReportsMailbox!) }))
    .toThrow(/^domainName with a dmarc report address domain makes the consent of dmarc-reports\.a+\.b+\.c+\.com to receive DMARC reports for x+\.com record name 'x+\.com\._r\.\.\.' 271 characters long; DNS names hold at most 253 \(RFC 1035\)/);
});

test('a token domain sharing a mailbox: no consent record can be named, and a warning says so', () => {
  const stack = new Stack(new App(), 'Token', { env: ENV });
  const a = new VerifiedMailDomain(stack, 'A', { hostedZone: zoneOf(stack, 'ZBRANDA', 'brand-a.com'), dmarcReports: DmarcReports.receive() });
  const name = new CfnParameter(stack, 'Domain').valueAsString;
  new VerifiedMailDomain(stack, 'B', { domainName: name, dmarcReports: DmarcReports.sharedWith(a.dmarcReportsMailbox!) });
  expect(warnings(stack).filter((w) => w.includes('dmarcReportsDomainUnknown'))).toEqual([
    'DMARC report addresses are set, but the domain name is a token, so the construct cannot tell whether they lie in another domain: '
    + 'a report domain outside the sending domain must publish TXT "v=DMARC1" at <domain>._report._dmarc.<report domain>, or receivers will not send the reports '
    + '[ack: cdk-verified-mail-domain:dmarcReportsDomainUnknown]',
  ]);
});

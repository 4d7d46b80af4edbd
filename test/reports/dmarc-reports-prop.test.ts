// DmarcReports.receive(): the DMARC record's rua (and ruf) address at the reports subdomain, that
// subdomain's MX to SES, the bucket and the receipt rule, whatever the domain's own MX, exactly.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Dmarc, DmarcPolicy, DmarcReports, InboundMail, ReceiptRuleSetChoice, ReceivingAction, RecordRendering, VerifiedMailDomain } from '../../src';
import { recordSets, zoneStack } from '../helpers/util';

const SES_EU = '10 inbound-smtp.eu-west-1.amazonaws.com';
const resources = (stack: Stack, type: string) => Object.entries<any>(Template.fromStack(stack).toJSON().Resources)
  .filter(([, r]) => r.Type === type);
const rules = (stack: Stack) => resources(stack, 'AWS::SES::ReceiptRule').map(([, r]) => r.Properties);
/** The stack's record sets with a literal name, by `NAME TYPE`. */
const byName = (stack: Stack) => Object.fromEntries(Object.values(recordSets(stack)).filter((r) => typeof r.Name === 'string').map((r) => [`${r.Name} ${r.Type}`, r]));
const dmarcOf = (stack: Stack) => byName(stack)['_dmarc.example.org. TXT'];
const mxOf = (stack: Stack, name: string) => byName(stack)[`${name} MX`];
const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));

describe('a domain whose own mail goes to its own servers', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    dmarc: Dmarc.publish({ policy: DmarcPolicy.QUARANTINE, aggregateReportAddresses: ['dmarc@example.org'] }),
    inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: 10 }]),
    dmarcReports: DmarcReports.receive(),
  });

  test('the DMARC record names the reports address after the user\'s own; no ruf', () => {
    expect(dmarcOf(stack)).toEqual({
      Name: '_dmarc.example.org.',
      Type: 'TXT',
      TTL: '1800',
      ResourceRecords: ['"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.org,mailto:dmarc@dmarc-reports.example.org"'],
    });
  });

  test('the domain keeps its MX; the reports subdomain gets its own to SES; no authorization record (same organizational domain)', () => {
    expect(mxOf(stack, 'example.org.')).toEqual({ Name: 'example.org.', Type: 'MX', TTL: '1800', ResourceRecords: ['10 mx.example.net'] });
    expect(mxOf(stack, 'dmarc-reports.example.org.')).toEqual({ Name: 'dmarc-reports.example.org.', Type: 'MX', TTL: '1800', ResourceRecords: [SES_EU] });
    expect(Object.keys(byName(stack)).filter((k) => k.includes('_report._dmarc'))).toEqual([]);
    // 3 DKIM CNAMEs, the MAIL FROM MX and TXT, SPF, DMARC, the domain's MX and the reports MX.
    expect(Object.keys(recordSets(stack))).toHaveLength(9);
  });

  test('a new bucket: SSE-S3, public access blocked, SSL only, reports expiring after 400 days, kept on destroy', () => {
    const buckets = resources(stack, 'AWS::S3::Bucket');
    expect(buckets).toHaveLength(1);
    const [, bucket] = buckets[0];
    expect(bucket.Properties.BucketEncryption).toEqual({ ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] });
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.LifecycleConfiguration).toEqual({ Rules: [{ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 }, ExpirationInDays: 400, Status: 'Enabled' }] });
    expect(bucket.DeletionPolicy).toBe('Retain');
    const [[, policy]] = resources(stack, 'AWS::S3::BucketPolicy');
    expect(policy.Properties.PolicyDocument.Statement.map((s: any) => [s.Effect, s.Action, s.Principal])).toEqual([
      ['Deny', 's3:*', { AWS: '*' }],
      ['Allow', 's3:PutObject', { Service: 'ses.amazonaws.com' }],
    ]);
    expect(policy.Properties.PolicyDocument.Statement[0].Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });

  test('SES may write only under the prefix, only for this account and the reports rule', () => {
    const [[, policy]] = resources(stack, 'AWS::S3::BucketPolicy');
    const grant = policy.Properties.PolicyDocument.Statement[1];
    expect(grant.Resource['Fn::Join'][1][1]).toBe('/dmarc/*');
    expect(grant.Condition.StringEquals).toEqual({ 'aws:SourceAccount': { Ref: 'AWS::AccountId' } });
    expect(JSON.stringify(grant.Condition.ArnLike)).toContain(':receipt-rule/Test-Mail-DmarcReports-');
  });

  test('one rule, for the reports domain, in a new rule set the stack activates', () => {
    const [rule] = rules(stack);
    expect(rules(stack)).toHaveLength(1);
    expect(rule.Rule).toEqual({
      Name: expect.stringMatching(/^Test-Mail-DmarcReports-[0-9A-F]{8}$/),
      Enabled: true,
      Recipients: ['dmarc@dmarc-reports.example.org'],
      ScanEnabled: true,
      TlsPolicy: 'Optional',
      Actions: [{ S3Action: { BucketName: { Ref: expect.stringMatching(/^MailDmarcReportsBucket/) }, ObjectKeyPrefix: 'dmarc/' } }],
    });
    expect(resources(stack, 'AWS::SES::ReceiptRuleSet')).toHaveLength(1);
    expect(resources(stack, 'Custom::SesActiveReceiptRuleSet')).toHaveLength(1);
    expect(warnings(stack)).toEqual([]);
  });
});

test('a domain that receives with SES: the reports rule joins the domain\'s rule set, one set and one activation for both', () => {
  const { stack, zone } = zoneStack();
  const inbox = new s3.Bucket(stack, 'Inbox', { enforceSSL: true });
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.s3({ bucket: inbox, objectKeyPrefix: 'inbox/' })], ruleSet: ReceiptRuleSetChoice.create() }),
    dmarcReports: DmarcReports.receive({ failureReports: true }),
  });
  expect(dmarcOf(stack).ResourceRecords).toEqual(['"v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.example.org; ruf=mailto:dmarc@dmarc-reports.example.org"']);
  expect(mxOf(stack, 'example.org.').ResourceRecords).toEqual([SES_EU]);
  expect(mxOf(stack, 'dmarc-reports.example.org.').ResourceRecords).toEqual([SES_EU]);
  expect(rules(stack).map((r) => [r.Rule.Recipients, r.Rule.Actions[0].S3Action.ObjectKeyPrefix, r.RuleSetName])).toEqual([
    [['example.org'], 'inbox/', { Ref: 'MailReceiptRuleSet327F2071' }],
    [['dmarc@dmarc-reports.example.org'], 'dmarc/', { Ref: 'MailReceiptRuleSet327F2071' }],
  ]);
  expect(resources(stack, 'AWS::SES::ReceiptRuleSet')).toHaveLength(1);
  const activations = resources(stack, 'Custom::SesActiveReceiptRuleSet');
  expect(activations).toHaveLength(1);
  expect(activations[0][1].DependsOn.sort()).toEqual(['MailDmarcReportsReceiptRule8F40FD4E', 'MailReceiptRule036A387C']);
});

test('no MX at the domain, an existing rule set, a bucket of the user\'s and another prefix and subdomain', () => {
  const { stack, zone } = zoneStack();
  const bucket = new s3.Bucket(stack, 'Reports', { enforceSSL: true });
  const ruleSet = ses.ReceiptRuleSet.fromReceiptRuleSetName(stack, 'Set', 'inbound');
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    dmarcReports: DmarcReports.receive({ bucket, objectKeyPrefix: 'reports/', subdomain: 'Reports', ruleSet: ReceiptRuleSetChoice.fromReceiptRuleSet(ruleSet) }),
  });
  expect(mxOf(stack, 'example.org.')).toBeUndefined();
  expect(mxOf(stack, 'reports.example.org.').ResourceRecords).toEqual([SES_EU]);
  expect(dmarcOf(stack).ResourceRecords).toEqual(['"v=DMARC1; p=none; rua=mailto:dmarc@reports.example.org"']);
  expect(rules(stack).map((r) => [r.RuleSetName, r.Rule.Recipients, r.Rule.Actions])).toEqual([
    ['inbound', ['dmarc@reports.example.org'], [{ S3Action: { BucketName: { Ref: 'Reports65402A0A' }, ObjectKeyPrefix: 'reports/' } }]],
  ]);
  expect(resources(stack, 'AWS::S3::Bucket').map(([id]) => id)).toEqual(['Reports65402A0A']);
  expect(resources(stack, 'AWS::SES::ReceiptRuleSet')).toEqual([]);
  expect(resources(stack, 'Custom::SesActiveReceiptRuleSet')).toEqual([]);
});

test('expiration in whole days sets the new bucket\'s expiry', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, dmarcReports: DmarcReports.receive({ expiration: Duration.days(30) }) });
  expect(resources(stack, 'AWS::S3::Bucket')[0][1].Properties.LifecycleConfiguration.Rules[0].ExpirationInDays).toBe(30);
});

test('without a hosted zone, the reports MX is among the records to publish elsewhere', () => {
  const { stack } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { domainName: 'example.net', dmarcReports: DmarcReports.receive() });
  expect(mail.records.filter((r) => r.name.startsWith('dmarc-reports') || r.name.startsWith('_dmarc')).map((r) => [r.name, r.type, r.values, r.ttl, r.purpose])).toEqual([
    ['_dmarc.example.net.', 'TXT', ['v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.example.net'], 1800, 'DMARC policy'],
    ['dmarc-reports.example.net.', 'MX', [SES_EU], 1800, 'DMARC reports (MX)'],
  ]);
});

test('RECORD_SET_PER_RECORD and RETAIN: the reports MX is a record set of its own id, retained like the rest', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    dmarcReports: DmarcReports.receive(),
    recordRendering: RecordRendering.RECORD_SET_PER_RECORD,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const [[id, mx]] = resources(stack, 'AWS::Route53::RecordSet').filter(([, r]) => r.Properties.Name === 'dmarc-reports.example.org.');
  expect([id, mx.Properties.Type, mx.Properties.ResourceRecords, mx.DeletionPolicy])
    .toEqual([expect.stringMatching(/^MailDmarcReportsMx[0-9A-F]{8}$/), 'MX', [SES_EU], 'Retain']);
});

test.each([
  [['.example.org'], "'.example.org'"],
  [['info@example.org', 'dmarc-reports.example.org.'], "'dmarc-reports.example.org.'"],
  [['DMARC@dmarc-reports.example.org'], "'DMARC@dmarc-reports.example.org'"],
  [['.example.org', 'dmarc-reports.example.org', 'info@example.org'], "'.example.org', 'dmarc-reports.example.org'"],
])('the domain\'s own rule with recipients %j also matching the reports address: a warning naming them', (recipients, named) => {
  const { stack, zone } = zoneStack();
  const inbox = new s3.Bucket(stack, 'Inbox', { enforceSSL: true });
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.s3({ bucket: inbox })], ruleSet: ReceiptRuleSetChoice.create(), recipients }),
    dmarcReports: DmarcReports.receive(),
  });
  expect(warnings(stack).filter((w) => w.includes('dmarcReportsInInboundRule'))).toEqual([
    `inboundMail receiving recipients ${named} also match dmarc@dmarc-reports.example.org, the DMARC reports address: SES applies every matching rule, `
    + 'so the domain\'s rule gets the reports too, and a Stop or Bounce action there may keep them from the reports bucket. '
    + 'List the domain\'s own addresses or subdomains instead, or acknowledge this warning [ack: cdk-verified-mail-domain:dmarcReportsInInboundRule]',
  ]);
});

test('the domain\'s own rule for its own addresses and another subdomain: no warning', () => {
  const { stack, zone } = zoneStack();
  const inbox = new s3.Bucket(stack, 'Inbox', { enforceSSL: true });
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    inboundMail: InboundMail.ses({ actions: [ReceivingAction.s3({ bucket: inbox })], ruleSet: ReceiptRuleSetChoice.create(), recipients: ['example.org', 'info@example.org'] }),
    dmarcReports: DmarcReports.receive(),
  });
  expect(warnings(stack)).toEqual([]);
});

import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Dmarc, DmarcPolicy, InboundMail, Spf, VerifiedMailDomain } from '../src';
import { literalRecords, recordSets, zoneStack } from './helpers/util';

describe('defaults', () => {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  const template = Template.fromStack(stack);

  test('creates one SES domain identity with a 2048-bit Easy DKIM key and MAIL FROM bounce.<domain>', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 1);
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'example.org',
      DkimSigningAttributes: { NextSigningKeyLength: 'RSA_2048_BIT' },
      MailFromAttributes: { MailFromDomain: 'bounce.example.org', BehaviorOnMxFailure: 'USE_DEFAULT_VALUE' },
    });
  });

  test('creates exactly seven record sets, none twice', () => {
    const sets = Object.values(recordSets(stack));
    expect(sets).toHaveLength(7);
    const keys = sets.map((s) => JSON.stringify([s.Name, s.Type]));
    expect(new Set(keys).size).toBe(7);
  });

  test('one record-set group in the zone holds exactly the seven records, DKIM names and values from the identity attributes', () => {
    const identityId = stack.getLogicalId(mail.emailIdentity.node.defaultChild as ses.CfnEmailIdentity);
    const dkim = (n: number) => ({
      Name: { 'Fn::GetAtt': [identityId, `DkimDNSTokenName${n}`] },
      Type: 'CNAME',
      ResourceRecords: [{ 'Fn::GetAtt': [identityId, `DkimDNSTokenValue${n}`] }],
      TTL: '1800',
    });
    const txt = (Name: string, value: string) => ({ Name, Type: 'TXT', ResourceRecords: [`"${value}"`], TTL: '1800' });
    expect(template.findResources('AWS::Route53::RecordSetGroup')).toEqual({
      MailRecordSetGroup5169DD48: {
        Type: 'AWS::Route53::RecordSetGroup',
        Properties: {
          HostedZoneId: { Ref: 'ZoneA5DE4B68' },
          RecordSets: [
            dkim(1), dkim(2), dkim(3),
            { Name: 'bounce.example.org.', Type: 'MX', ResourceRecords: ['10 feedback-smtp.eu-west-1.amazonses.com'], TTL: '1800' },
            txt('bounce.example.org.', 'v=spf1 include:amazonses.com ~all'),
            txt('example.org.', 'v=spf1 include:amazonses.com ~all'),
            txt('_dmarc.example.org.', 'v=DMARC1; p=none'),
          ],
        },
      },
    });
  });

  test('the literal records are exactly MAIL FROM MX and SPF, domain SPF and DMARC, with TTL 1800', () => {
    expect(literalRecords(stack)).toEqual({
      'bounce.example.org. MX': ['10 feedback-smtp.eu-west-1.amazonses.com'],
      'bounce.example.org. TXT': ['"v=spf1 include:amazonses.com ~all"'],
      'example.org. TXT': ['"v=spf1 include:amazonses.com ~all"'],
      '_dmarc.example.org. TXT': ['"v=DMARC1; p=none"'],
    });
    for (const r of Object.values(recordSets(stack))) expect(r.TTL).toBe('1800');
  });

  test('no MX at the domain by default', () => {
    expect(literalRecords(stack)['example.org. MX']).toBeUndefined();
  });

  test('contains no Lambda function and no custom resource', () => {
    template.resourceCountIs('AWS::Lambda::Function', 0);
    expect(Object.values(template.toJSON().Resources).map((r: any) => r.Type).sort()).toEqual([
      'AWS::Route53::HostedZone',
      'AWS::Route53::RecordSetGroup',
      'AWS::SES::EmailIdentity',
    ]);
  });

  test('exposes the domain, the MAIL FROM domain and the records', () => {
    expect(mail.domainName).toBe('example.org');
    expect(mail.mailFromDomain).toBe('bounce.example.org');
    expect(mail.records.map((r) => [r.type, r.purpose])).toEqual([
      ['CNAME', 'Easy DKIM key 1'],
      ['CNAME', 'Easy DKIM key 2'],
      ['CNAME', 'Easy DKIM key 3'],
      ['MX', 'custom MAIL FROM: SES bounce and complaint feedback (MX)'],
      ['TXT', 'custom MAIL FROM: SPF of the envelope sender'],
      ['TXT', 'SPF of the domain'],
      ['TXT', 'DMARC policy'],
    ]);
    expect(mail.records[6]).toEqual({ name: '_dmarc.example.org.', type: 'TXT', values: ['v=DMARC1; p=none'], ttl: 1800, purpose: 'DMARC policy' });
  });

  test('emits no warnings', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

test('a subdomain in a parent zone puts every record under the subdomain', () => {
  const { stack, zone } = zoneStack('example.com');
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, domainName: 'Mail.Example.com.' });
  Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
    EmailIdentity: 'mail.example.com',
    MailFromAttributes: { MailFromDomain: 'bounce.mail.example.com' },
  });
  expect(literalRecords(stack)).toEqual({
    'bounce.mail.example.com. MX': ['10 feedback-smtp.eu-west-1.amazonses.com'],
    'bounce.mail.example.com. TXT': ['"v=spf1 include:amazonses.com ~all"'],
    'mail.example.com. TXT': ['"v=spf1 include:amazonses.com ~all"'],
    '_dmarc.mail.example.com. TXT': ['"v=DMARC1; p=none"'],
  });
});

test('works with an imported zone (fromHostedZoneAttributes) and writes into its id', () => {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
  const zone = route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z123EXAMPLE', zoneName: 'example.net' });
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  const sets = Object.values(recordSets(stack));
  expect(sets).toHaveLength(7);
  Template.fromStack(stack).allResourcesProperties('AWS::Route53::RecordSetGroup', { HostedZoneId: 'Z123EXAMPLE' });
  expect(literalRecords(stack)['bounce.example.net. MX']).toEqual(['10 feedback-smtp.us-east-1.amazonses.com']);
});

test('works with a zone from fromLookup (answered from context, as cdk.context.json does)', () => {
  const app = new App({
    context: {
      'hosted-zone:account=123456789012:domainName=example.org:region=eu-west-1': { Id: '/hostedzone/ZLOOKUP123', Name: 'example.org.' },
    },
  });
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const zone = route53.HostedZone.fromLookup(stack, 'Zone', { domainName: 'example.org' });
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  expect(mail.domainName).toBe('example.org');
  Template.fromStack(stack).allResourcesProperties('AWS::Route53::RecordSetGroup', { HostedZoneId: 'ZLOOKUP123' });
  expect(literalRecords(stack)['_dmarc.example.org. TXT']).toEqual(['"v=DMARC1; p=none"']);
});

test('works with a zone from fromHostedZoneId when domainName is given', () => {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'us-east-1' } });
  const zone = route53.HostedZone.fromHostedZoneId(stack, 'Zone', 'Z123EXAMPLE');
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, domainName: 'example.net' });
  expect(literalRecords(stack)['_dmarc.example.net. TXT']).toEqual(['"v=DMARC1; p=none"']);
});

test('throws when the zone name is unknown and domainName is missing', () => {
  const stack = new Stack();
  const zone = route53.HostedZone.fromHostedZoneId(stack, 'Zone', 'Z123EXAMPLE');
  expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone })).toThrow(new Error(
    'domainName is required: the hosted zone has no known zone name (HostedZone.fromHostedZoneId); give domainName or use HostedZone.fromHostedZoneAttributes'));
});

test('throws when the domain lies outside the zone', () => {
  const { stack, zone } = zoneStack('example.com');
  expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, domainName: 'notexample.com' })).toThrow(new Error(
    "domainName 'notexample.com' is not inside the hosted zone 'example.com'; give a name that ends with 'example.com' or the zone that holds it"));
});

describe('custom MAIL FROM', () => {
  test('takes another label and REJECT_MESSAGE behaviour', () => {
    const { stack, zone } = zoneStack();
    const mail = new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      mailFromSubdomain: 'Mail-From',
      mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.REJECT_MESSAGE,
    });
    expect(mail.mailFromDomain).toBe('mail-from.example.org');
    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', {
      MailFromAttributes: { MailFromDomain: 'mail-from.example.org', BehaviorOnMxFailure: 'REJECT_MESSAGE' },
    });
    const records = literalRecords(stack);
    expect(records['mail-from.example.org. MX']).toEqual(['10 feedback-smtp.eu-west-1.amazonses.com']);
    expect(records['mail-from.example.org. TXT']).toEqual(['"v=spf1 include:amazonses.com ~all"']);
    expect(records['bounce.example.org. MX']).toBeUndefined();
  });

  test('switched off: no MAIL FROM attributes and no MAIL FROM records', () => {
    const { stack, zone } = zoneStack();
    const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, customMailFrom: false });
    expect(mail.mailFromDomain).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::SES::EmailIdentity', { MailFromAttributes: Match.absent() });
    expect(Object.values(recordSets(stack))).toHaveLength(5);
    expect(Object.keys(literalRecords(stack)).sort()).toEqual(['_dmarc.example.org. TXT', 'example.org. TXT']);
  });

  test('throws when a label is given but MAIL FROM is switched off', () => {
    const { stack, zone } = zoneStack();
    expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, customMailFrom: false, mailFromSubdomain: 'bounce' })).toThrow(new Error(
      "mailFromSubdomain ('bounce') is set but customMailFrom is false; remove one of them"));
  });
});

describe('SPF at the domain', () => {
  test('other senders are added to the one SPF record, other TXT strings share its record set', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', {
      hostedZone: zone,
      spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'], ip6: ['2001:DB8::/32'], a: true, mx: true }),
      domainTxtValues: ['google-site-verification=abc123'],
    });
    const records = literalRecords(stack);
    expect(records['example.org. TXT']).toEqual([
      '"v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx include:amazonses.com include:_spf.google.com ~all"',
      '"google-site-verification=abc123"',
    ]);
    expect(Object.values(recordSets(stack)).filter((r) => r.Name === 'example.org.' && r.Type === 'TXT')).toHaveLength(1);
  });

  test('Spf.none() with other TXT strings keeps only them', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, spf: Spf.none(), domainTxtValues: ['token-1', 'token-2'] });
    expect(literalRecords(stack)['example.org. TXT']).toEqual(['"token-1"', '"token-2"']);
  });

  test('Spf.none() and no other strings: no TXT record at the domain', () => {
    const { stack, zone } = zoneStack();
    new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, spf: Spf.none() });
    expect(literalRecords(stack)['example.org. TXT']).toBeUndefined();
    expect(Object.values(recordSets(stack))).toHaveLength(6);
  });
});

test('DMARC off writes no _dmarc record', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, dmarc: Dmarc.none() });
  expect(literalRecords(stack)['_dmarc.example.org. TXT']).toBeUndefined();
});

test('recordTtl applies to every record', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, recordTtl: Duration.hours(1), inboundMail: InboundMail.ses() });
  const sets = Object.values(recordSets(stack));
  expect(sets).toHaveLength(8);
  for (const r of sets) expect(r.TTL).toBe('3600');
});

test('every option together still creates each record set once', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    spf: Spf.publish({ include: ['spf.protection.outlook.com'] }),
    dmarc: Dmarc.publish({ policy: DmarcPolicy.REJECT, aggregateReportAddresses: ['dmarc@example.org'] }),
    inboundMail: InboundMail.servers([{ host: 'mx1.example.net', priority: 10 }, { host: 'mx2.example.net', priority: 20 }]),
  });
  const sets = Object.values(recordSets(stack));
  expect(sets).toHaveLength(8);
  expect(new Set(sets.map((s) => JSON.stringify([s.Name, s.Type]))).size).toBe(8);
  expect(literalRecords(stack)['example.org. MX']).toEqual(['10 mx1.example.net', '20 mx2.example.net']);
  expect(literalRecords(stack)['_dmarc.example.org. TXT']).toEqual(['"v=DMARC1; p=reject; rua=mailto:dmarc@example.org"']);
});

describe('grantSendEmail', () => {
  test('allows SendEmail and SendRawEmail on the identity ARN only', () => {
    const { stack, zone } = zoneStack();
    const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    mail.grantSendEmail(role);
    const identityId = stack.getLogicalId(mail.emailIdentity.node.defaultChild as ses.CfnEmailIdentity);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['ses:SendEmail', 'ses:SendRawEmail'],
          Resource: {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:123456789012:identity/', { Ref: identityId }]],
          },
          Condition: Match.absent(),
        }],
      },
    });
  });
});

describe('grantSendEmail with a configuration set and the From restriction', () => {
  test('covers the configuration set and limits From addresses to the domain', () => {
    const { stack, zone } = zoneStack();
    const configurationSet = new ses.ConfigurationSet(stack, 'Set', { configurationSetName: 'transactional' });
    const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, configurationSet });
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    mail.grantSendEmail(role, { fromAddressInDomainOnly: true });
    const template = Template.fromStack(stack);
    const identityId = stack.getLogicalId(mail.emailIdentity.node.defaultChild as ses.CfnEmailIdentity);
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.stringLikeRegexp('^Set') } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['ses:SendEmail', 'ses:SendRawEmail'],
          Resource: [
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:123456789012:identity/', { Ref: identityId }]] },
            { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:eu-west-1:123456789012:configuration-set/', { Ref: Match.stringLikeRegexp('^Set') }]] },
          ],
          Condition: { StringLike: { 'ses:FromAddress': '*@example.org' } },
        }],
      },
    });
  });
});

import { generateKeyPairSync } from 'crypto';
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { DkimSigning, Dmarc, InboundMail, RecordRendering, Spf, VerifiedMailDomain } from '../src';
import { zoneStack } from './helpers/util';

// Issue 16: each domain's records in one AWS::Route53::RecordSetGroup (one atomic Route53 change), so a
// default domain costs two resources; one record set per record stays available for deployed stacks.

const publicKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const txt = (Name: string, value: string, TTL = '1800') => ({ Name, Type: 'TXT', ResourceRecords: [`"${value}"`], TTL });

test('every option in one group: exact names, types, values and TTLs, in the construct\'s order', () => {
  const { stack, zone } = zoneStack();
  new VerifiedMailDomain(stack, 'Mail', {
    hostedZone: zone,
    domainName: 'shop.example.org',
    dkim: DkimSigning.byoDkim({ selector: 'sel1', privateKey: SecretValue.secretsManager('k'), publicKey }),
    mailFromSubdomain: 'mf',
    spf: Spf.publish({ include: ['_spf.google.com'], ip4: ['192.0.2.0/24'] }),
    domainTxtValues: ['google-site-verification=abc'],
    dmarc: Dmarc.publish({ aggregateReportAddresses: ['d@reports.example.org'] }),
    inboundMail: InboundMail.servers([{ host: 'mx1.example.net', priority: 10 }, { host: 'mx2.example.net', priority: 20 }]),
    recordTtl: Duration.minutes(5),
  });
  const groups = Template.fromStack(stack).findResources('AWS::Route53::RecordSetGroup');
  expect(Object.keys(groups)).toEqual(['MailRecordSetGroup5169DD48']);
  expect(groups.MailRecordSetGroup5169DD48.Properties.RecordSets).toEqual([
    txt('sel1._domainkey.shop.example.org.', `p=${publicKey}`, '300'),
    { Name: 'mf.shop.example.org.', Type: 'MX', ResourceRecords: ['10 feedback-smtp.eu-west-1.amazonses.com'], TTL: '300' },
    txt('mf.shop.example.org.', 'v=spf1 include:amazonses.com ~all', '300'),
    { Name: 'shop.example.org.', Type: 'TXT', ResourceRecords: ['"v=spf1 ip4:192.0.2.0/24 include:amazonses.com include:_spf.google.com ~all"', '"google-site-verification=abc"'], TTL: '300' },
    txt('_dmarc.shop.example.org.', 'v=DMARC1; p=none; rua=mailto:d@reports.example.org', '300'),
    txt('shop.example.org._report._dmarc.reports.example.org.', 'v=DMARC1', '300'),
    { Name: 'shop.example.org.', Type: 'MX', ResourceRecords: ['10 mx1.example.net', '20 mx2.example.net'], TTL: '300' },
  ]);
  Template.fromStack(stack).resourceCountIs('AWS::Route53::RecordSet', 0);
});

test('records past 16,000 characters of values go into a second group (half a Route53 change request, for UPSERTs)', () => {
  const { stack, zone } = zoneStack();
  const long = Array.from({ length: 4 }, (_, i) => `${i}${'v'.repeat(3899)}`); // 3,900 characters, 3,945 as Route53 receives them
  new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, domainTxtValues: long });
  const groups = Template.fromStack(stack).findResources('AWS::Route53::RecordSetGroup');
  const contents = Object.fromEntries(Object.entries(groups).map(([id, g]) => [id, g.Properties.RecordSets.map((s: any) => `${JSON.stringify(s.Name)} ${s.Type}`)]));
  expect(Object.keys(contents)).toEqual(['MailRecordSetGroup5169DD48', 'MailRecordSetGroup234496242']);
  const [first, second] = Object.values(contents);
  expect(first).toHaveLength(5); // 3 DKIM, MAIL FROM MX and TXT: 3 × 255 (tokens) + about 80 characters
  expect(second).toEqual(['"example.org." TXT', '"_dmarc.example.org." TXT']);
});

test('RECORD_SET_PER_RECORD renders one record set per record under the construct ids of earlier releases', () => {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, inboundMail: InboundMail.ses(), recordRendering: RecordRendering.RECORD_SET_PER_RECORD });
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::Route53::RecordSetGroup', 0);
  const ids = ['DkimCname1', 'DkimCname2', 'DkimCname3', 'MailFromMx', 'MailFromSpf', 'DomainTxt', 'Dmarc', 'InboundMx'];
  expect(Object.keys(template.findResources('AWS::Route53::RecordSet')).sort())
    .toEqual(ids.map((id) => stack.getLogicalId(mail.node.findChild(id) as route53.CfnRecordSet)).sort());
  template.hasResourceProperties('AWS::Route53::RecordSet', {
    HostedZoneId: { Ref: 'ZoneA5DE4B68' }, Name: '_dmarc.example.org.', Type: 'TXT', ResourceRecords: ['"v=DMARC1; p=none"'], TTL: '1800',
  });
  // The logical id the DMARC record set had in the integration snapshot before record-set groups (commit 955334e).
  expect(stack.getLogicalId(mail.node.findChild('Dmarc') as route53.CfnRecordSet)).toBe('MailDmarcDFF43CEE');
});

test('recordRendering outside the enum fails', () => {
  const { stack, zone } = zoneStack();
  expect(() => new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone, recordRendering: 'GROUPS' as RecordRendering }))
    .toThrow(new Error("recordRendering must be one of RecordRendering.RECORD_SET_GROUP, RecordRendering.RECORD_SET_PER_RECORD, got 'GROUPS'"));
});

test('240 domains fit one stack: 2 resources each, within every CloudFormation limit', () => {
  const app = new App();
  const stack = new Stack(app, 'Many', { env: { account: '123456789012', region: 'eu-west-1' } });
  for (let i = 0; i < 240; i++) {
    const zone = route53.HostedZone.fromHostedZoneAttributes(stack, `Zone${i}`, { hostedZoneId: `Z${i}`, zoneName: `d${i}.example.com` });
    new VerifiedMailDomain(stack, `Mail${i}`, { hostedZone: zone });
  }
  const template = app.synth().getStackByName('Many').template;
  const types = Object.values<any>(template.Resources).map((r) => r.Type);
  expect(types).toHaveLength(480);
  expect(types.filter((t) => t === 'AWS::SES::EmailIdentity')).toHaveLength(240);
  expect(types.filter((t) => t === 'AWS::Route53::RecordSetGroup')).toHaveLength(240);
  expect(JSON.stringify(template).length).toBeLessThan(1000000);
  // The Easy DKIM records for after deploy: 8 domains an output.
  expect(Object.keys(template.Outputs)).toHaveLength(30);
});

test('the identity is named after the domain, so the group depends on it only through the DKIM attributes', () => {
  const { stack, zone } = zoneStack();
  const mail = new VerifiedMailDomain(stack, 'Mail', { hostedZone: zone });
  const identityId = stack.getLogicalId(mail.emailIdentity.node.defaultChild as ses.CfnEmailIdentity);
  const group = Object.values(Template.fromStack(stack).findResources('AWS::Route53::RecordSetGroup'))[0];
  expect(JSON.stringify(group.Properties)).toContain(`"Fn::GetAtt":["${identityId}","DkimDNSTokenName1"]`);
  expect(group.DependsOn).toBeUndefined();
});

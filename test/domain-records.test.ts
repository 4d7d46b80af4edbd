import { App, CfnParameter, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as ses from 'aws-cdk-lib/aws-ses';
import { DOMAIN_METADATA_TYPE } from '../src/assembly-metadata';
import { RecordContext, RecordEntry, RecordKind } from '../src/context';
import { domainRecordEntries, placeDomainRecords, publishDomainRecords, recordContextOf, waiterRecords, zoneFileOf } from '../src/domain-records';
import { InboundMail } from '../src/inbound-mail';
import { PrimaryDomain } from '../src/primary-region';
import { DmarcReports } from '../src/reports/dmarc-reports';
import { RecordRendering } from '../src/route53-render';
import { DkimSigning } from '../src/sending/dkim';
import { Dmarc } from '../src/sending/dmarc';
import { Spf } from '../src/sending/spf';

// The records one domain publishes and where they go besides the zone, called directly with a context
// as the construct builds it (example.org in eu-west-1, MAIL FROM bounce.example.org, TTL 300).

function context(): RecordContext {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const identity = new ses.EmailIdentity(stack, 'Identity', { identity: ses.Identity.domain('example.org') });
  return { scope: stack, domainName: 'example.org', mailFromDomain: 'bounce.example.org', region: 'eu-west-1', zoneName: 'example.org', ttl: 300, identity };
}

/** `name type values` of the entries with a literal name, in order. */
const literal = (entries: RecordEntry[]) => entries.filter((e) => !e.record.name.includes('${')).map((e) => `${e.record.name} ${e.record.type} ${JSON.stringify(e.record.values)}`);

describe('domainRecordEntries', () => {
  test('without a primary: DKIM, MAIL FROM, the domain TXT, DMARC and the MX, in that order', () => {
    const ctx = context();
    const entries = domainRecordEntries(ctx, {
      dkim: DkimSigning.easyDkim(), domainTxtValues: ['site-verification=abc'], inboundMail: InboundMail.servers([{ host: 'mx.example.net', priority: 10 }]),
    });
    expect(entries.map((e) => e.kind)).toEqual(['dkim', 'dkim', 'dkim', 'mailFromMx', 'mailFromSpf', 'domainTxt', 'dmarc', 'inboundMx']);
    expect(literal(entries)).toEqual([
      'bounce.example.org. MX ["10 feedback-smtp.eu-west-1.amazonses.com"]',
      'bounce.example.org. TXT ["v=spf1 include:amazonses.com ~all"]',
      'example.org. TXT ["v=spf1 include:amazonses.com ~all","site-verification=abc"]',
      '_dmarc.example.org. TXT ["v=DMARC1; p=none"]',
      'example.org. MX ["10 mx.example.net"]',
    ]);
  });

  test('with a primary: only DKIM and MAIL FROM, and none of the shared choices', () => {
    const ctx = context();
    const primary = { node: ctx.scope.node, domainName: 'example.org', records: [] } as unknown as PrimaryDomain;
    const entries = domainRecordEntries(ctx, { dkim: DkimSigning.easyDkim(), spf: Spf.none(), dmarc: Dmarc.none(), primary });
    expect(entries.map((e) => e.kind)).toEqual(['dkim', 'dkim', 'dkim', 'mailFromMx', 'mailFromSpf']);
  });

  test('with a primary that publishes the very same record: that record is left out', () => {
    const ctx = context();
    const mailFromMx = { name: 'bounce.example.org.', type: route53.RecordType.MX, values: ['10 feedback-smtp.eu-west-1.amazonses.com'], ttl: 300, purpose: 'x' };
    const primary = { node: ctx.scope.node, domainName: 'example.org', records: [mailFromMx] } as unknown as PrimaryDomain;
    expect(literal(domainRecordEntries(ctx, { dkim: DkimSigning.easyDkim(), primary }))).toEqual(['bounce.example.org. TXT ["v=spf1 include:amazonses.com ~all"]']);
  });
});

describe('domainRecordEntries refuses', () => {
  test('domainTxtValues that are no list, naming the prop', () => {
    expect(() => domainRecordEntries(context(), { dkim: DkimSigning.easyDkim(), domainTxtValues: 'x=1' as any })).toThrow(new Error(
      'domainTxtValues must be a list of strings, got string "x=1"'));
  });

  test('a record past a Route53 limit', () => {
    expect(() => domainRecordEntries(context(), { dkim: DkimSigning.easyDkim(), domainTxtValues: ['x'.repeat(4000)] })).toThrow(new Error(
      `domainTxtValues[0] makes value 2 of the SPF of the domain record (TXT example.org.) 4047 characters long as Route53 receives it ('"${'x'.repeat(56)}...'); `
      + 'Route53 allows at most 4000 characters per value'));
  });
});

test('zoneFileOf: a heading, then each record under its purpose, hosts absolute and TXT quoted', () => {
  expect(zoneFileOf('example.org', [
    { name: 'bounce.example.org.', type: route53.RecordType.MX, values: ['10 feedback-smtp.eu-west-1.amazonses.com'], ttl: 300, purpose: 'MAIL FROM MX' },
    { name: '_dmarc.example.org.', type: route53.RecordType.TXT, values: ['v=DMARC1; p=none'], ttl: Duration.minutes(30).toSeconds(), purpose: 'DMARC policy' },
  ])).toBe([
    '; DNS records of the Amazon SES domain example.org',
    '; MAIL FROM MX',
    'bounce.example.org. 300 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
    '; DMARC policy',
    '_dmarc.example.org. 1800 IN TXT "v=DMARC1; p=none"',
    '',
  ].join('\n'));
});

test('waiterRecords: the DKIM and the MAIL FROM MX lines, nothing else', () => {
  const ctx = context();
  const entries = domainRecordEntries(ctx, { dkim: DkimSigning.easyDkim() });
  const { dkimRecords, mailFromRecords } = waiterRecords(entries);
  expect(dkimRecords).toHaveLength(3);
  dkimRecords.forEach((line) => expect(line).toMatch(/^\$\{Token\[.+\]\}\. 300 IN CNAME \$\{Token\[.+\]\}\.$/));
  expect(mailFromRecords).toEqual(['bounce.example.org. 300 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.']);
});

describe('publishDomainRecords', () => {
  const outputs = (ctx: RecordContext) => Object.keys(Stack.of(ctx.scope).resolve((Stack.of(ctx.scope) as any)._toCloudFormation()).Outputs ?? {});

  const dkim = Array(3).fill('. 300 IN CNAME .');
  test.each([
    [true, 'every record', [...dkim, 'bounce.example.org. 300 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.',
      'bounce.example.org. 300 IN TXT "v=spf1 include:amazonses.com ~all"', 'example.org. 300 IN TXT "v=spf1 include:amazonses.com ~all"',
      '_dmarc.example.org. 300 IN TXT "v=DMARC1; p=none"']],
    [false, 'only the deploy-time (Easy DKIM) records', dkim],
  ])('with allRecords %s, the output holds %s under the domain heading; the metadata every record', (allRecords, _, lines) => {
    const ctx = context();
    const entries = domainRecordEntries(ctx, { dkim: DkimSigning.easyDkim() });
    publishDomainRecords(ctx, entries, allRecords);
    expect(outputs(ctx)).toEqual(['VerifiedMailDomainRecordsOutput13C082CBE']);
    const output = Stack.of(ctx.scope).node.findChild('VerifiedMailDomainRecords').node.findChild('Output1') as any;
    // The DKIM names and values are GetAtt expressions (left out here): the literal text around them.
    const text: string = Stack.of(ctx.scope).resolve(output.value)['Fn::Join'][1].filter((p: unknown) => typeof p === 'string').join('');
    expect(text.split('\n')).toEqual(['; example.org', ...lines]);
    const metadata = ctx.scope.node.metadata.filter((m) => m.type === DOMAIN_METADATA_TYPE);
    expect(metadata.map((m) => (m.data as any).records.length)).toEqual([entries.length]);
  });

  test('no output when nothing is left for it: a BYODKIM domain in a zone', () => {
    const ctx = context();
    const entries = domainRecordEntries(ctx, { dkim: DkimSigning.byoDkim({ selector: 'ses', privateKey: SecretValue.secretsManager('dkim-key') }) });
    publishDomainRecords(ctx, entries, false);
    expect(outputs(ctx)).toEqual([]);
    expect(ctx.scope.node.metadata.filter((m) => m.type === DOMAIN_METADATA_TYPE)).toHaveLength(1);
  });

  test('deploy-time records: a token name or any token value; the metadata holds what it is given', () => {
    const ctx = context();
    const value = new CfnParameter(ctx.scope, 'Value').valueAsString;
    const mx = (name: string, values: string[]): RecordEntry => ({
      kind: RecordKind.INBOUND_MX, id: name, nameFrom: 'domainName', valuesFrom: 'inboundMail', record: { name, type: route53.RecordType.MX, values, ttl: 300, purpose: 'MX' },
    });
    const entries = [mx('a.example.org.', ['10 a.example.net', `20 ${value}.example.net`]), mx('b.example.org.', ['10 b.example.net']), mx(value, ['10 c.example.net'])];
    const deliverability = { eventDestination: 'topic', events: ['BOUNCE'], alarms: 'none', accountAlarms: false };
    const contactList = { name: 'list', topics: ['news'], existing: false };
    publishDomainRecords(ctx, entries, false, deliverability, contactList);
    const output = Stack.of(ctx.scope).node.findChild('VerifiedMailDomainRecords').node.findChild('Output1') as any;
    const text: string = Stack.of(ctx.scope).resolve(output.value)['Fn::Join'][1].filter((p: unknown) => typeof p === 'string').join('');
    expect(text.split('\n')).toEqual(['; example.org', 'a.example.org. 300 IN MX 10 a.example.net.', 'a.example.org. 300 IN MX 20 .example.net.', '. 300 IN MX 10 c.example.net.']);
    const [{ records, ...metadata }] = ctx.scope.node.metadata.filter((m) => m.type === DOMAIN_METADATA_TYPE).map((m) => m.data);
    expect([metadata, records.length]).toEqual([{
      version: 1,
      domain: 'example.org',
      mailFromDomain: 'bounce.example.org',
      region: 'eu-west-1',
      hostedZone: 'example.org',
      output: 'VerifiedMailDomainRecordsOutput13C082CBE',
      deliverability,
      contactList,
    }, 3]);
  });
});

describe('with dmarcReports, the record context and the placement', () => {
  test('the DMARC record names the reports address and the reports MX comes last', () => {
    const entries = domainRecordEntries(context(), { dkim: DkimSigning.easyDkim(), dmarc: Dmarc.publish(), dmarcReports: DmarcReports.receive() });
    expect(literal(entries).slice(-3)).toEqual([
      'example.org. TXT ["v=spf1 include:amazonses.com ~all"]',
      '_dmarc.example.org. TXT ["v=DMARC1; p=none; rua=mailto:dmarc@dmarc-reports.example.org"]',
      'dmarc-reports.example.org. MX ["10 inbound-smtp.eu-west-1.amazonaws.com"]',
    ]);
  });

  test('recordContextOf: the stack\'s region, 30 minutes by default, the TTL checked', () => {
    const stack = new Stack(new App(), 'Ctx', { env: { account: '123456789012', region: 'us-west-2' } });
    const identity = new ses.EmailIdentity(stack, 'Identity', { identity: ses.Identity.domain('example.org') });
    const ctx = recordContextOf(stack, { domainName: 'example.org', zoneName: 'example.org', identity });
    expect([ctx.scope, ctx.region, ctx.ttl, ctx.mailFromDomain, ctx.zoneName, ctx.identity]).toEqual([stack, 'us-west-2', 1800, undefined, 'example.org', identity]);
    expect(recordContextOf(stack, { domainName: 'example.org', recordTtl: Duration.minutes(5), identity }).ttl).toBe(300);
    expect(() => recordContextOf(stack, { domainName: 'example.org', recordTtl: Duration.millis(1500), identity }))
      .toThrow(new Error('recordTtl must be a whole number of seconds from 0 to 2147483647, got 1.5'));
  });

  test('the stack\'s own mailbox needs no consent record: no warning even with a token domain name', () => {
    const ctx = context();
    const domainName = new CfnParameter(ctx.scope, 'Domain').valueAsString;
    domainRecordEntries({ ...ctx, domainName, zoneName: undefined, mailFromDomain: undefined },
      { dkim: DkimSigning.easyDkim(), dmarcReports: DmarcReports.receive() });
    expect(Annotations.fromStack(ctx.scope as Stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('placeDomainRecords: every record in the outputs without a zone, only the deploy-time ones with a zone, or as recordOutputs says', () => {
    const outputs = (zoned: boolean, recordOutputs?: unknown) => {
      const ctx = context();
      const entries = domainRecordEntries(ctx, { dkim: DkimSigning.easyDkim() });
      const zone = zoned ? route53.HostedZone.fromHostedZoneAttributes(ctx.scope, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' }) : undefined;
      placeDomainRecords(ctx, entries, zone, { recordOutputs: recordOutputs as boolean }, {});
      return JSON.stringify(Template.fromStack(ctx.scope as Stack).toJSON().Outputs ?? {});
    };
    expect(outputs(false)).toContain('bounce.example.org. 300 IN MX 10 feedback-smtp.eu-west-1.amazonses.com.');
    expect(outputs(true)).not.toContain('bounce.example.org.');
    expect(outputs(true)).toContain('DkimDNSTokenName1');
    expect(outputs(true, true)).toContain('bounce.example.org. 300 IN MX');
    expect(outputs(false, false)).not.toContain('bounce.example.org.');
    expect(() => outputs(true, 'yes')).toThrow(new Error('recordOutputs must be true or false, got string "yes"'));
  });

  test('placeDomainRecords: a group in the zone, none without one; a bad rendering refused', () => {
    const ctx = context();
    const entries = domainRecordEntries(ctx, { dkim: DkimSigning.easyDkim() });
    const zone = route53.HostedZone.fromHostedZoneAttributes(ctx.scope, 'Zone', { hostedZoneId: 'Z1', zoneName: 'example.org' });
    expect(placeDomainRecords(ctx, entries, zone, {}, {})).toHaveLength(1);
    expect(placeDomainRecords({ ...context() }, entries, undefined, {}, {})).toEqual([]);
    expect(() => placeDomainRecords(ctx, entries, zone, { recordRendering: 'ONE' as RecordRendering }, {}))
      .toThrow(/^recordRendering must be one of RecordRendering\.RECORD_SET_GROUP, RecordRendering\.RECORD_SET_PER_RECORD/);
  });
});
